package nscope.app.lab.labs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/**
 * The container of seed 002 built by hand, one primitive a step, each the
 * way nscope run makes it (an overlay root, clone flags, cgroup limits,
 * pivot_root as native/src/main/c/rootfs.c does it, a veth on a bridge),
 * with nothing of the host's network touched: the bridge is in a network
 * namespace the lab made.
 */
public final class Container {
    private Container() {}

    static final String BRIDGE_ADDR = "192.168.1.1";
    static final String OWN_ADDR = "192.168.1.2";
    static final List<String> TYPES = List.of("pid", "mnt", "uts", "ipc", "net");
    private static final String SEED = "seed 002 (a container by hand)";

    public static final Lab LAB = new Lab(
            "container",
            "a container by hand: an overlay root, clone flags, cgroup limits, pivot_root, a veth on a bridge",
            "seeds 002, 001",
            HostAbilities.rootAnd("mount", "unshare", "nsenter", "ip", "cp")
                    .and(LabCgroup.needs("memory"))
                    .and(LabCgroup.needs("pids"))
                    .and(h -> overlay()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of("this kernel offers no overlay filesystem (/proc/filesystems)")),
            List.of(
                    new Step(
                            "a root filesystem: an overlay",
                            "A small lower directory (one static program, /etc/os-release) is the image; an overlay"
                                    + " puts an empty upper directory over it, and a file is changed through it.",
                            List.of(
                                    "mkdir -p lower/bin lower/etc lower/proc upper work merged",
                                    "cp nscope-init lower/bin/",
                                    "mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged",
                                    "echo changed > merged/etc/os-release"),
                            "An overlay is \"a unified view of two (or more) filesystems\": the upper hides the lower"
                                    + " file by file. \"lowerdir is not modified, all updates/addition go to upperdir\":"
                                    + " a changed file is first copied up whole. This is how images are layered."
                                    + " seed 001 (overlay), " + SEED,
                            Container::rootfs),
                    new Step(
                            "namespaces: the clone flags",
                            "A process starts in new pid, mount, uts, ipc and network namespaces, as PID 1 of its"
                                    + " own, and sets a hostname there.",
                            List.of(
                                    "unshare --pid --fork --mount --uts --ipc --net -- nscope-init lab puppet &",
                                    "hostname nscope-lab-box (in it)",
                                    "nsenter --target PID --uts cat /proc/sys/kernel/hostname"),
                            "\"clone syscall, really! that is all about kernel namespaces\": CLONE_NEWPID, NEWNS,"
                                    + " NEWUTS, NEWIPC and NEWNET each give the child a new namespace, so it is PID 1,"
                                    + " has its own mount table, hostname, IPC objects and only a down lo. " + SEED,
                            Container::namespaces),
                    new Step(
                            "cgroup limits: 32M of memory, 20 tasks",
                            "A memory cgroup and a pids cgroup with limits, and the container's PID 1 moved into both.",
                            List.of(
                                    "mkdir /sys/fs/cgroup/memory/nscope-lab-ID-mem /sys/fs/cgroup/pids/nscope-lab-ID-pids",
                                    "echo 33554432 > .../memory.limit_in_bytes; echo 20 > .../pids.max",
                                    "echo PID > .../cgroup.procs (each)"),
                            "Namespaces limit what a process sees, cgroups what it uses: the runtime writes the limits,"
                                    + " then the PID into cgroup.procs, before the container runs its program, so"
                                    + " everything it forks is born inside. " + SEED + ", seed 001 (cgroup.procs)",
                            Container::cgroups),
                    new Step(
                            "pivot_root into the overlay",
                            "In its own mount namespace the process makes the overlay its root, detaches the old root"
                                    + " and mounts a /proc of its pid namespace.",
                            List.of("pivot MERGED (mount --bind MERGED MERGED; cd MERGED; pivot_root . .;"
                                    + " umount -l .; mount -t proc proc /proc)"),
                            "pivot_root \"moves the root file system of the current process\" to a new one; the old"
                                    + " root, stacked under it by pivot_root(\".\", \".\"), is detached, so no host"
                                    + " path is left to reach. Only this mount namespace changes: the host's root stays."
                                    + " " + SEED,
                            Container::pivot),
                    new Step(
                            "a veth pair on a bridge",
                            "A bridge with 192.168.1.1 in a network namespace of the lab's; a veth pair, one end on the"
                                    + " bridge, the other moved into the container as eth0 with 192.168.1.2.",
                            List.of(
                                    "ip netns add nscope-lab-ID-net",
                                    "ip -n nscope-lab-ID-net link add labIDbr type bridge (address, up)",
                                    "ip -n nscope-lab-ID-net link add labIDv type veth peer name eth0 netns PID",
                                    "ip -n nscope-lab-ID-net link set labIDv master labIDbr up",
                                    "nsenter --target PID --net ip addr add 192.168.1.2/24 dev eth0 (up)"),
                            "A veth pair is two interfaces joined by a wire: what goes in one comes out of the other,"
                                    + " even across network namespaces; a bridge is a switch its ports join. The"
                                    + " container's end gets an address and the kernel adds the subnet's route. "
                                    + SEED,
                            Container::veth),
                    new Step(
                            "the container pings the bridge",
                            "The container's PID 1 sends ICMP echo requests to the bridge's address.",
                            List.of("ping 192.168.1.1 (nscope-init lab puppet: a raw ICMP socket)"),
                            "The request leaves eth0, comes out of the veth's other end on the bridge, which owns"
                                    + " 192.168.1.1 and answers; ARP resolved the bridge's MAC first. Only the lab's two"
                                    + " namespaces took part: the host's network never saw it. " + SEED,
                            Container::ping)));

    private static boolean overlay() {
        String fs = Proc.read(Path.of("/proc/filesystems"));
        return fs != null && fs.contains("\toverlay");
    }

    private static void rootfs(LabRun r) throws Exception {
        Path base = r.dir("root");
        Path lower = base.resolve("lower"), upper = base.resolve("upper"), work = base.resolve("work");
        Path merged = base.resolve("merged");
        r.must(
                "mkdir",
                "-p",
                lower.resolve("bin").toString(),
                lower.resolve("etc").toString(),
                lower.resolve("proc").toString(),
                upper.toString(),
                work.toString(),
                merged.toString());
        r.must("cp", r.init(), lower.resolve("bin").toString());
        r.mustWrite(lower.resolve("etc/os-release"), "NAME=\"nscope lab image\"");
        r.mounting(merged);
        r.must(
                "mount",
                "-t",
                "overlay",
                "overlay",
                "-o",
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work,
                merged.toString());
        r.mustWrite(merged.resolve("etc/os-release"), "NAME=\"changed in the container\"");
        r.keep("merged", merged);
        String line = mountAt(Path.of("/proc/self/mountinfo"), merged.toString());
        r.expect("an overlay is mounted there", line.contains(" - overlay "), "mountinfo: " + line);
        r.expect(
                "the merged view shows the lower's files",
                names(merged).containsAll(List.of("bin", "etc", "proc")),
                "ls merged: " + String.join(" ", names(merged)));
        String up = Proc.read(upper.resolve("etc/os-release")), low = Proc.read(lower.resolve("etc/os-release"));
        r.expect(
                "the change went to upper (copied up); lower is unchanged",
                up != null && up.contains("changed") && low != null && !low.contains("changed"),
                "upper/etc/os-release: " + up + "; lower/etc/os-release: " + low);
    }

    private static void namespaces(LabRun r) throws Exception {
        Puppet p = r.puppet("unshare", "--pid", "--fork", "--mount", "--uts", "--ipc", "--net", "--");
        r.keep("puppet", p);
        int self = (int) ProcessHandle.current().pid();
        List<String> seen = new ArrayList<>();
        boolean all = true;
        for (String t : TYPES) {
            long own = Proc.ns(p.pid, t), host = Proc.ns(self, t);
            all &= own > 0 && own != host;
            seen.add(t + ":[" + own + "]" + (own == host ? " (nscope's)" : ""));
        }
        r.expect("five namespaces of its own", all, String.join(" ", seen));
        r.expect(
                "it is PID 1 there",
                p.levels.size() == 2 && p.levels.get(1).equals("1"),
                "NSpid: " + String.join(" ", p.levels));
        String set = p.send1("hostname nscope-lab-box", "hostname");
        String inside = r.must(
                        "nsenter", "--target", Integer.toString(p.pid), "--uts", "cat", "/proc/sys/kernel/hostname")
                .strip();
        String host = Proc.read(Path.of("/proc/sys/kernel/hostname"));
        r.expect(
                "its hostname is its own",
                set.equals("hostname ok") && inside.equals("nscope-lab-box") && !"nscope-lab-box".equals(host),
                "in it: " + inside + "; the host's: " + host);
        r.focus(Focus.task(p.pid));
    }

    private static void cgroups(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        LabCgroup mem = LabCgroup.make(r, "memory", "mem");
        String bytes = Long.toString(Oom.LIMIT);
        r.mustWrite(mem.file("memory.limit_in_bytes", "memory.max"), bytes);
        LabCgroup pids = LabCgroup.make(r, "pids", "pids", mem);
        r.mustWrite(pids.file("pids.max"), Integer.toString(Oom.PIDS));
        mem.join(r, p.pid);
        pids.join(r, p.pid);
        long limit = LabCgroup.number(mem.file("memory.limit_in_bytes", "memory.max"));
        long max = LabCgroup.number(pids.file("pids.max"));
        r.expect(
                "the kernel holds both limits",
                limit == Oom.LIMIT && max == Oom.PIDS,
                "memory " + limit + ", pids.max " + max);
        r.expect(
                "/proc/PID/cgroup names both cgroups",
                mem.holds(p.pid) && pids.holds(p.pid),
                mem.lineOf(p.pid) + (mem.v2() ? "" : " and " + pids.lineOf(p.pid)));
        long current = LabCgroup.number(pids.file("pids.current"));
        r.expect("pids.current counts its one task", current == 1, "pids.current: " + current);
        r.focus(mem.focus());
    }

    private static void pivot(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        Path merged = r.kept("merged", Path.class);
        // pivot_root in nscope's own mount namespace would move every process's root
        if (Proc.ns(p.pid, "mnt") == Proc.ns((int) ProcessHandle.current().pid(), "mnt"))
            throw new IllegalStateException("the process is not in a mount namespace of its own");
        String got = p.send1("pivot " + merged, "pivot");
        r.expect("pivot_root succeeded", got.equals("pivot ok"), got);
        Path info = Path.of("/proc", Integer.toString(p.pid), "mountinfo");
        String root = mountAt(info, "/");
        List<String> all = lines(info);
        r.expect(
                "its root is the overlay, and only its own mounts are left",
                root.contains(" - overlay ") && all.size() == 2,
                "/proc/" + p.pid + "/mountinfo: " + all.size() + " mounts; / is " + root);
        Path pr = Path.of("/proc", Integer.toString(p.pid), "root");
        String os = Proc.read(pr.resolve("etc/os-release"));
        r.expect(
                "/proc/PID/root is the overlay's merged view",
                names(pr).contains("bin") && os != null && os.contains("changed"),
                "ls /proc/" + p.pid + "/root: " + String.join(" ", names(pr)) + "; etc/os-release: " + os);
        List<String> procs = names(pr.resolve("proc")).stream()
                .filter(n -> n.chars().allMatch(Character::isDigit))
                .toList();
        r.expect(
                "its /proc shows its pid namespace: PID 1 alone",
                procs.equals(List.of("1")),
                "the PIDs in its /proc: " + String.join(" ", procs));
        r.focus(Focus.task(p.pid));
    }

    private static void veth(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        String pid = Integer.toString(p.pid);
        String ns = r.netns("net");
        String br = r.ifname("br"), v = r.ifname("v");
        r.keep("netns", ns);
        r.keep("bridge", br);
        r.must("ip", "netns", "add", ns);
        r.must("ip", "-n", ns, "link", "add", br, "type", "bridge");
        r.must("ip", "-n", ns, "addr", "add", BRIDGE_ADDR + "/24", "dev", br);
        r.must("ip", "-n", ns, "link", "set", br, "up");
        r.must("ip", "-n", ns, "link", "add", v, "type", "veth", "peer", "name", "eth0", "netns", pid);
        r.must("ip", "-n", ns, "link", "set", v, "master", br, "up");
        r.must("nsenter", "--target", pid, "--net", "ip", "addr", "add", OWN_ADDR + "/24", "dev", "eth0");
        r.must("nsenter", "--target", pid, "--net", "ip", "link", "set", "eth0", "up");
        String port = r.must("ip", "-n", ns, "-o", "link", "show", "dev", v).strip();
        r.expect(
                "the veth's end is a port of the bridge, up, with carrier (LOWER_UP: its peer eth0 is up too)",
                port.contains("master " + br) && port.contains("state UP") && port.contains("LOWER_UP"),
                port);
        String dev = Proc.read(Path.of("/proc", pid, "net", "dev"));
        r.expect(
                "the container's network namespace has eth0 (and lo)",
                dev != null && dev.contains("eth0:"),
                "/proc/" + pid + "/net/dev: " + (dev == null ? "(unreadable)" : String.join(" ", ifaces(dev))));
        String route = Proc.read(Path.of("/proc", pid, "net", "route"));
        r.expect(
                "the kernel routes 192.168.1.0/24 through eth0",
                route != null && route.lines().anyMatch(l -> l.startsWith("eth0\t0001A8C0\t")),
                "/proc/" + pid + "/net/route: "
                        + (route == null
                                ? "(unreadable)"
                                : route.lines().skip(1).toList()));
        r.focus(Focus.ns("net", Proc.ns(p.pid, "net")));
    }

    private static void ping(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        String ns = r.kept("netns", String.class), br = r.kept("bridge", String.class);
        String got = p.send1("ping " + BRIDGE_ADDR, "ping");
        r.expect("an echo reply came back", got.startsWith("ping reply from " + BRIDGE_ADDR), got);
        String link = r.must("ip", "-n", ns, "-o", "link", "show", "dev", br);
        String mac = word(link, "link/ether");
        String arp = Proc.read(Path.of("/proc", Integer.toString(p.pid), "net", "arp"));
        String entry = arp == null
                ? ""
                : arp.lines()
                        .filter(l -> l.startsWith(BRIDGE_ADDR + " "))
                        .findFirst()
                        .orElse("");
        r.expect(
                "its ARP table holds the bridge's MAC",
                !mac.isEmpty() && entry.contains(mac) && entry.contains("eth0"),
                "/proc/" + p.pid + "/net/arp: " + entry.replaceAll("\\s+", " ") + "; the bridge's MAC: " + mac);
        String snmp = r.must("ip", "netns", "exec", ns, "cat", "/proc/net/snmp");
        long echos = icmp(snmp, "InEchos");
        long replies = icmp(Proc.read(Path.of("/proc", Integer.toString(p.pid), "net", "snmp")), "InEchoReps");
        r.expect(
                "the bridge's namespace got the request, the container the reply",
                echos >= 1 && replies >= 1,
                "Icmp InEchos " + echos + " (bridge's namespace), InEchoReps " + replies + " (container's)");
        r.focus(Focus.task(p.pid));
    }

    /** The line of a mountinfo file whose mount point is at. */
    private static String mountAt(Path mountinfo, String at) {
        String esc = at.replace(" ", "\\040");
        for (String l : lines(mountinfo)) {
            String[] f = l.split(" ");
            if (f.length > 4 && f[4].equals(esc)) return l;
        }
        return "";
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static List<String> ifaces(String netDev) {
        return netDev.lines().skip(2).map(l -> l.strip().split(":")[0]).toList();
    }

    /** The word after key in text ("link/ether aa:bb:..."), or "". */
    private static String word(String text, String key) {
        String[] w = text.strip().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) if (w[i].equals(key)) return w[i + 1];
        return "";
    }

    /** A counter of the Icmp lines of /proc/net/snmp (a header line, then a value line), or -1. */
    private static long icmp(String snmp, String field) {
        if (snmp == null) return -1;
        List<String> ic = snmp.lines().filter(l -> l.startsWith("Icmp: ")).toList();
        if (ic.size() < 2) return -1;
        List<String> keys = List.of(ic.get(0).split("\\s+")),
                vals = List.of(ic.get(1).split("\\s+"));
        int i = keys.indexOf(field);
        return i < 0 || i >= vals.size() ? -1 : Long.parseLong(vals.get(i));
    }
}
