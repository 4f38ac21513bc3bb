package nscope.app.lab.labs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/**
 * A mount namespace: a tmpfs mounted in it that the host never sees; then
 * shared propagation, the exception: mounts under a shared mount point
 * reach the other namespace's copy (both ways), under a private one not.
 */
public final class Mount {
    private Mount() {}

    private static final String SEED = "seed 002 (CLONE_NEWNS: \"mount(2) and umount(2) system calls will only affect"
            + " the child process (or processes that live in the same namespace)\")";
    private static final String SHARED =
            "Shared subtrees are that rule's exception (mount_namespaces(7); the seeds" + " stop at the rule): ";

    public static final Lab LAB = new Lab(
            "mount",
            "a mount namespace: a tmpfs the host cannot see; shared mount points propagate, private ones do not",
            "seed 002",
            HostAbilities.rootAnd("unshare", "mount", "umount", "mkdir"),
            List.of(
                    new Step(
                            "a mount namespace of its own",
                            "A process unshares its mount namespace with every mount made private: it starts with a"
                                    + " copy of the host's mount table that nothing links to the host's.",
                            List.of("unshare --mount --propagation private -- nscope-init lab puppet"),
                            "CLONE_NEWNS gives the process a copy of its parent's mounts, as a new table: the same"
                                    + " filesystems at the same places. --propagation private then cuts every link"
                                    + " between the copy and the original, so no optional field (shared:N) is left"
                                    + " in its mountinfo. " + SEED,
                            Mount::alone),
                    new Step(
                            "a tmpfs only it sees",
                            "The process mounts a tmpfs on a directory the lab made; nscope reads both namespaces'"
                                    + " mount tables.",
                            List.of(
                                    "mkdir /run/nscope-lab/nscope-lab-ID-tmpfs",
                                    "mount-tmpfs DIR (nscope-init lab puppet)"),
                            "mount(2) adds a mount to the caller's own namespace only: the tmpfs is in the process's"
                                    + " /proc/PID/mountinfo and not in the host's, though both see the same"
                                    + " directory. This is how a container gets its own /proc and /tmp without the"
                                    + " host seeing them. " + SEED,
                            Mount::privateTmpfs),
                    new Step(
                            "a shared and a private mount point",
                            "The host mounts two tmpfs, makes one shared and the other private, then a second process"
                                    + " unshares its mount namespace keeping propagation as it is.",
                            List.of(
                                    "mount -t tmpfs -o size=1m nscope-lab-ID-shared SHARED",
                                    "mount --make-shared SHARED",
                                    "mount -t tmpfs -o size=1m nscope-lab-ID-private PRIVATE",
                                    "mount --make-private PRIVATE",
                                    "unshare --mount --propagation unchanged -- nscope-init lab puppet"),
                            SHARED + "a shared mount is in a peer group (shared:N in mountinfo), and the copy a new"
                                    + " namespace gets of it joins the same group. A private mount's copy joins"
                                    + " nothing. " + SEED,
                            Mount::peers),
                    new Step(
                            "the host mounts under each",
                            "The host mounts a tmpfs under the shared and under the private mount point; nscope reads"
                                    + " the second process's table.",
                            List.of(
                                    "mkdir SHARED/late PRIVATE/late",
                                    "mount -t tmpfs -o size=1m nscope-lab-ID-late-shared SHARED/late",
                                    "mount -t tmpfs -o size=1m nscope-lab-ID-late-private PRIVATE/late"),
                            SHARED + "a mount made under a mount of a peer group is made under every peer as well,"
                                    + " in whichever namespace the peer is, so the other namespace gets SHARED/late."
                                    + " Under the private mount it stays in the host's namespace alone. " + SEED,
                            Mount::hostToNs),
                    new Step(
                            "and it mounts under each",
                            "The second process mounts a tmpfs under its copy of each mount point; nscope reads the"
                                    + " host's table.",
                            List.of(
                                    "mkdir SHARED/back PRIVATE/back",
                                    "mount-tmpfs SHARED/back (nscope-init lab puppet)",
                                    "mount-tmpfs PRIVATE/back (nscope-init lab puppet)"),
                            SHARED + "peers are equals, so propagation goes both ways: the mount made in the other"
                                    + " namespace under its shared copy appears on the host. A one-way link is a"
                                    + " slave (master:N), what --make-slave makes. " + SEED,
                            Mount::nsToHost)));

    private static int self() {
        return (int) ProcessHandle.current().pid();
    }

    private static void alone(LabRun r) throws Exception {
        Puppet p = r.puppet("unshare", "--mount", "--propagation", "private", "--");
        r.keep("alone", p);
        long own = Proc.ns(p.pid, "mnt"), host = Proc.ns(self(), "mnt");
        r.expect(
                "it has a mount namespace of its own",
                own > 0 && own != host,
                "mnt:[" + own + "], nscope's mnt:[" + host + "]");
        Optional<MountLine> mine = MountLine.at(p.pid, Path.of("/")), hosts = MountLine.at("self", Path.of("/"));
        r.expect(
                "its table is a copy: the same root filesystem",
                mine.isPresent()
                        && hosts.isPresent()
                        && mine.get().fstype().equals(hosts.get().fstype())
                        && mine.get().source().equals(hosts.get().source()),
                "its /: " + mine.map(MountLine::shown).orElse("none") + "; the host's /: "
                        + hosts.map(MountLine::shown).orElse("none"));
        List<MountLine> table = MountLine.of(p.pid);
        long linked = table.stream().filter(m -> !m.tags().isEmpty()).count();
        r.expect(
                "no mount in it shares with another namespace",
                !table.isEmpty() && linked == 0,
                table.size() + " mounts in /proc/" + p.pid + "/mountinfo, " + linked + " with a propagation field");
        r.focus(Focus.ns("mnt", own));
    }

    private static void privateTmpfs(LabRun r) throws Exception {
        Puppet p = r.kept("alone", Puppet.class);
        Path d = r.dir("tmpfs");
        r.mounting(d);
        String got = p.send1("mount-tmpfs " + d, "mount-tmpfs");
        r.expect("the mount succeeds", got.equals("mount-tmpfs ok"), got);
        Optional<MountLine> in = MountLine.at(p.pid, d), out = MountLine.at("self", d);
        r.expect(
                "its mountinfo has the tmpfs",
                in.isPresent() && in.get().fstype().equals("tmpfs"),
                "/proc/" + p.pid + "/mountinfo: " + in.map(MountLine::shown).orElse("nothing at " + d));
        r.expect(
                "the host's mountinfo has not",
                out.isEmpty(),
                "/proc/self/mountinfo (nscope's): " + out.map(MountLine::shown).orElse("nothing at " + d));
        r.focus(Focus.ns("mnt", Proc.ns(p.pid, "mnt")));
    }

    private static void peers(LabRun r) throws Exception {
        Path s = r.dir("shared"), q = r.dir("private");
        r.keep("shared", s);
        r.keep("private", q);
        r.mounting(s);
        r.must("mount", "-t", "tmpfs", "-o", "size=1m", r.name("shared"), s.toString());
        r.must("mount", "--make-shared", s.toString());
        r.mounting(q);
        r.must("mount", "-t", "tmpfs", "-o", "size=1m", r.name("private"), q.toString());
        r.must("mount", "--make-private", q.toString());
        Puppet p = r.puppet("unshare", "--mount", "--propagation", "unchanged", "--");
        r.keep("peer", p);
        Optional<MountLine> hs = MountLine.at("self", s), ps = MountLine.at(p.pid, s);
        String group = hs.map(MountLine::peerGroup).orElse("");
        r.expect(
                "the host's shared tmpfs is in a peer group",
                !group.isEmpty(),
                "host: " + hs.map(MountLine::shown).orElse("nothing at " + s));
        r.expect(
                "the new namespace's copy is in the same peer group",
                !group.isEmpty() && ps.map(MountLine::peerGroup).orElse("").equals(group),
                "/proc/" + p.pid + "/mountinfo: " + ps.map(MountLine::shown).orElse("nothing at " + s));
        Optional<MountLine> hq = MountLine.at("self", q), pq = MountLine.at(p.pid, q);
        r.expect(
                "the private tmpfs is in no peer group, on either side",
                hq.isPresent()
                        && pq.isPresent()
                        && hq.get().tags().isEmpty()
                        && pq.get().tags().isEmpty(),
                "host: " + hq.map(MountLine::shown).orElse("nothing at " + q) + "; /proc/" + p.pid + "/mountinfo: "
                        + pq.map(MountLine::shown).orElse("nothing at " + q));
        r.focus(Focus.ns("mnt", Proc.ns(p.pid, "mnt")));
    }

    private static void hostToNs(LabRun r) throws Exception {
        Puppet p = r.kept("peer", Puppet.class);
        Path s = r.kept("shared", Path.class).resolve("late"),
                q = r.kept("private", Path.class).resolve("late");
        r.must("mkdir", s.toString(), q.toString());
        r.mounting(s);
        r.must("mount", "-t", "tmpfs", "-o", "size=1m", r.name("late-shared"), s.toString());
        r.mounting(q);
        r.must("mount", "-t", "tmpfs", "-o", "size=1m", r.name("late-private"), q.toString());
        Optional<MountLine> hs = MountLine.at("self", s), hq = MountLine.at("self", q);
        r.expect(
                "the host has both",
                hs.isPresent() && hq.isPresent(),
                "host: " + hs.map(MountLine::shown).orElse("nothing at " + s) + "; "
                        + hq.map(MountLine::shown).orElse("nothing at " + q));
        Optional<MountLine> ps = MountLine.at(p.pid, s), pq = MountLine.at(p.pid, q);
        r.expect(
                "the other namespace got the one under the shared mount",
                ps.isPresent() && ps.get().source().equals(r.name("late-shared")),
                "/proc/" + p.pid + "/mountinfo: " + ps.map(MountLine::shown).orElse("nothing at " + s));
        r.expect(
                "and not the one under the private mount",
                pq.isEmpty(),
                "/proc/" + p.pid + "/mountinfo: " + pq.map(MountLine::shown).orElse("nothing at " + q));
        r.focus(Focus.ns("mnt", Proc.ns(p.pid, "mnt")));
    }

    private static void nsToHost(LabRun r) throws Exception {
        Puppet p = r.kept("peer", Puppet.class);
        Path s = r.kept("shared", Path.class).resolve("back"),
                q = r.kept("private", Path.class).resolve("back");
        r.must("mkdir", s.toString(), q.toString());
        r.mounting(s); // it reaches the host: the lab unmounts it there
        String gs = p.send1("mount-tmpfs " + s, "mount-tmpfs");
        r.mounting(q);
        String gq = p.send1("mount-tmpfs " + q, "mount-tmpfs");
        Optional<MountLine> ps = MountLine.at(p.pid, s), pq = MountLine.at(p.pid, q);
        r.expect(
                "it has both",
                gs.equals("mount-tmpfs ok") && gq.equals("mount-tmpfs ok") && ps.isPresent() && pq.isPresent(),
                "/proc/" + p.pid + "/mountinfo: " + ps.map(MountLine::shown).orElse("nothing at " + s) + "; "
                        + pq.map(MountLine::shown).orElse("nothing at " + q));
        Optional<MountLine> hs = MountLine.at("self", s), hq = MountLine.at("self", q);
        r.expect(
                "the host got the one under the shared mount",
                hs.isPresent() && hs.get().fstype().equals("tmpfs"),
                "host: " + hs.map(MountLine::shown).orElse("nothing at " + s));
        r.expect(
                "and not the one under the private mount",
                hq.isEmpty(),
                "host: " + hq.map(MountLine::shown).orElse("nothing at " + q));
        r.focus(Focus.ns("mnt", Proc.ns(self(), "mnt")));
    }
}
