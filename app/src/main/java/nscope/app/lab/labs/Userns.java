package nscope.app.lab.labs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/** A user namespace made by an unprivileged user: root with every capability inside, nobody over the host. */
public final class Userns {
    private Userns() {}

    /** The unprivileged user that makes the namespace (nobody). */
    static final String NOBODY = "65534";

    private static final String SEED = "seed 003 (\"UID/user namespace: Map uid and gid numbers\"; \"From the"
            + " kernel's PoV, a user is an int parameter\")";
    private static final String SEED_CAPS = "seed 003 (\"Traditionally, UNIX is a monotheistic O/S: you are either"
            + " god or mortal\": capabilities split god's powers, and user namespaces scope them)";
    private static final String SEED_UTS = "seed 002 (\"Changes made to the identifiers in a UTS namespace are"
            + " visible to all other processes in the same namespace\")";

    public static final Lab LAB = new Lab(
            "userns",
            "a user namespace: root with every capability inside, an unprivileged uid with no power over the host"
                    + " outside",
            "seed 003, seed 002",
            HostAbilities.rootAnd("setpriv", "unshare", "nsenter", "lsns").and(Userns::allowed),
            List.of(
                    new Step(
                            "an unprivileged user makes a user namespace",
                            "As uid 65534 (nobody), unshare makes a user namespace and maps root inside to its own"
                                    + " uid outside, then runs the helper there.",
                            List.of("setpriv --reuid=65534 --regid=65534 --clear-groups unshare --user"
                                    + " --map-root-user -- nscope-init lab puppet"),
                            "Making a user namespace needs no privilege. Its uid_map says which outside ids the"
                                    + " inside ids stand for: \"0 65534 1\" is one id, 0 inside for 65534 outside,"
                                    + " and the kernel keeps only the outside number (kuid) on the process. So the"
                                    + " host, reading /proc/PID/status, sees 65534. " + SEED,
                            Userns::make),
                    new Step(
                            "root inside, with every capability",
                            "The process reads its own /proc/self/status: its uid and its effective capabilities.",
                            List.of("ids", "nsenter --target PID --user -- id -u"),
                            "/proc/PID/status shows ids mapped into the reader's user namespace, so the process"
                                    + " itself reads uid 0 where the host reads 65534. The creator of a user"
                                    + " namespace gets every capability in it (CapEff all ones), but a capability"
                                    + " counts only over objects that namespace owns. " + SEED_CAPS,
                            Userns::rootInside),
                    new Step(
                            "no power over the host",
                            "It sets the host's hostname (to the name it already has, so nothing would change) and"
                                    + " the kernel refuses.",
                            List.of("hostname $(hostname)"),
                            "sethostname needs CAP_SYS_ADMIN in the user namespace that owns the uts namespace. The"
                                    + " host's uts namespace belongs to the host's user namespace, where this"
                                    + " process is plain uid 65534 with no capability: EPERM. " + SEED_UTS,
                            Userns::noPower),
                    new Step(
                            "a uts namespace of its own obeys it",
                            "The same process unshares a new uts namespace, owned by its user namespace, and sets"
                                    + " the hostname there.",
                            List.of("unshare uts", "hostname NAME", "nsenter --target PID --uts -- hostname"),
                            "A namespace made by a process belongs to that process's user namespace, where it has"
                                    + " CAP_SYS_ADMIN: so this sethostname works, and changes only its own uts"
                                    + " namespace; the host's name stays. This is how a rootless container names"
                                    + " itself. " + SEED_UTS,
                            Userns::ownUts),
                    new Step(
                            "root inside cannot write a host root's file",
                            "A file owned by the host's root, mode 644, is made; a process of the namespace, uid 0"
                                    + " there, looks at it and tries to empty it.",
                            List.of(
                                    "nsenter --target PID --user -- stat -c '%u %g' FILE",
                                    "nsenter --target PID --user -- truncate --size=0 FILE"),
                            "The file's owner, host uid 0, has no mapping in the namespace, so inside it shows as"
                                    + " 65534, the overflow uid. Permission checks use the outside ids (65534, not"
                                    + " the owner) and CAP_DAC_OVERRIDE counts only for files whose owner and group"
                                    + " are mapped: EACCES. " + SEED,
                            Userns::hostFile)));

    /** An unprivileged user may make a user namespace here. */
    private static Optional<String> allowed(HostAbilities h) {
        String max = Proc.read(Path.of("/proc/sys/user/max_user_namespaces"));
        if ("0".equals(max)) return Optional.of("user namespaces are switched off (user.max_user_namespaces = 0)");
        if ("0".equals(Proc.read(Path.of("/proc/sys/kernel/unprivileged_userns_clone"))))
            return Optional.of(
                    "unprivileged users may not make user namespaces (kernel.unprivileged_userns_clone = 0)");
        return Optional.empty();
    }

    private static void make(LabRun r) throws Exception {
        String helper = helperForNobody(r);
        Puppet p = r.puppetFrom(
                helper,
                "setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                "unshare",
                "--user",
                "--map-root-user",
                "--");
        r.keep("puppet", p);
        String uidMap = words(Proc.read(Path.of("/proc", Integer.toString(p.pid), "uid_map")));
        String gidMap = words(Proc.read(Path.of("/proc", Integer.toString(p.pid), "gid_map")));
        r.expect(
                "uid_map and gid_map: 0 inside is 65534 outside, one id",
                uidMap.equals("0 " + NOBODY + " 1") && gidMap.equals("0 " + NOBODY + " 1"),
                "/proc/" + p.pid + "/uid_map: " + uidMap + "; gid_map: " + gidMap);
        String uid = Proc.status(p.pid, "Uid");
        r.expect(
                "the host reads its uid as 65534",
                uid.equals(String.join(" ", NOBODY, NOBODY, NOBODY, NOBODY)),
                "/proc/" + p.pid + "/status Uid: " + uid);
        long own = Proc.ns(p.pid, "user"), host = hostNs("user");
        r.expect(
                "it is in a new user namespace",
                own > 0 && own != host,
                "user:[" + own + "], nscope's user:[" + host + "]");
        r.focus(Focus.ns("user", own));
    }

    private static void rootInside(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        String ids = p.send1("ids", "ids");
        String[] w = ids.split("\\s+");
        // "ids uid R E S F caps HEX nspid ..."
        boolean uid0 = w.length > 7 && w[2].equals("0") && w[3].equals("0") && w[4].equals("0") && w[5].equals("0");
        r.expect("it reads its own uid as 0", uid0, ids);
        String inside = r.exec("nsenter", "--target", Integer.toString(p.pid), "--user", "--", "id", "-u")
                .out()
                .strip();
        r.expect("a process entering its namespace is uid 0 too", inside.equals("0"), "id -u: " + inside);
        BigInteger full = BigInteger.ONE.shiftLeft(capLastCap() + 1).subtract(BigInteger.ONE);
        String own = w.length > 7 ? w[7] : "?", seen = Proc.status(p.pid, "CapEff");
        r.expect(
                "every capability is effective (CapEff " + full.toString(16) + ")",
                hex(own).equals(full) && hex(seen).equals(full),
                "its own CapEff " + own + "; the host reads CapEff " + seen);
        r.focus(Focus.task(p.pid));
    }

    private static void noPower(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        String before = hostname();
        String ans = p.send1("hostname " + before, "hostname");
        r.expect("sethostname on the host's uts namespace fails with EPERM", ans.equals("hostname fail EPERM"), ans);
        long uts = Proc.ns(p.pid, "uts"), host = hostNs("uts"), owner = owner(r, p.pid, "uts");
        r.expect(
                "its uts namespace is the host's, owned by the host's user namespace",
                uts == host && owner == hostNs("user"),
                "uts:[" + uts + "], nscope's uts:[" + host + "], owner user:[" + owner + "]");
        r.focus(Focus.ns("uts", uts));
    }

    private static void ownUts(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        String before = hostname();
        String un = p.send1("unshare uts", "unshare");
        r.expect("unshare(CLONE_NEWUTS) is allowed", un.equals("unshare ok"), un);
        long uts = Proc.ns(p.pid, "uts"), user = Proc.ns(p.pid, "user");
        long owner = owner(r, p.pid, "uts");
        r.expect(
                "the new uts namespace is owned by its user namespace",
                uts != hostNs("uts") && owner == user,
                "uts:[" + uts + "] owner user:[" + owner + "], its user:[" + user + "]");
        String name = r.name("uts");
        String ans = p.send1("hostname " + name, "hostname");
        String there = r.exec("nsenter", "--target", Integer.toString(p.pid), "--uts", "--", "hostname")
                .out()
                .strip();
        r.expect(
                "sethostname works there",
                ans.equals("hostname ok") && there.equals(name),
                ans + "; hostname in its uts namespace: " + there);
        String after = hostname();
        r.expect("the host's hostname is unchanged", after.equals(before), "host: " + after);
        r.focus(Focus.ns("uts", uts));
    }

    private static void hostFile(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        Path file = r.dir("files").resolve("host-root-file");
        String text = "written by the host's root\n";
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        r.expect(
                "the file is the host root's, mode 644",
                Files.getAttribute(file, "unix:uid").equals(0)
                        && Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-r--r--")),
                file + ": uid " + Files.getAttribute(file, "unix:uid") + ", "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pid = Integer.toString(p.pid);
        String owner = r.exec("nsenter", "--target", pid, "--user", "--", "stat", "-c", "%u %g", file.toString())
                .out()
                .strip();
        r.expect(
                "inside, its owner shows as 65534: host root is not mapped there",
                owner.equals(NOBODY + " " + NOBODY),
                "stat inside: " + owner);
        LabRun.Ran t = r.exec("nsenter", "--target", pid, "--user", "--", "truncate", "--size=0", file.toString());
        String now = Files.readString(file);
        r.expect(
                "the write is refused (Permission denied: EACCES) and the file is intact",
                t.exit() != 0 && t.out().contains("Permission denied") && now.equals(text),
                "truncate exit " + t.exit() + "; " + Files.size(file) + " bytes left");
        r.focus(Focus.task(p.pid));
    }

    /**
     * nscope-init where uid 65534 can run it: itself when every directory
     * above it lets others in, else a copy in a lab directory (a build
     * tree under a private home would refuse nobody the exec).
     */
    private static String helperForNobody(LabRun r) throws IOException, InterruptedException {
        Path init = Path.of(r.init());
        boolean open = others(init, PosixFilePermission.OTHERS_EXECUTE);
        for (Path d = init.getParent(); open && d != null; d = d.getParent())
            open = others(d, PosixFilePermission.OTHERS_EXECUTE);
        if (open) return r.init();
        Path dir = r.dir("bin");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        r.must("install", "-m", "755", r.init(), dir.toString());
        return dir.resolve(init.getFileName()).toString();
    }

    private static boolean others(Path p, PosixFilePermission perm) throws IOException {
        return Files.getPosixFilePermissions(p).contains(perm);
    }

    /** The user namespace that owns a task's namespace of a type, as lsns reads it (NS_GET_USERNS); -1 unknown. */
    private static long owner(LabRun r, int pid, String type) throws IOException, InterruptedException {
        String out = r.exec("lsns", "--task", Integer.toString(pid), "--type", type, "--output", "ONS", "--noheadings")
                .out()
                .strip();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long hostNs(String type) {
        return Proc.ns((int) ProcessHandle.current().pid(), type);
    }

    private static String hostname() {
        return String.valueOf(Proc.read(Path.of("/proc/sys/kernel/hostname")));
    }

    private static int capLastCap() {
        String t = Proc.read(Path.of("/proc/sys/kernel/cap_last_cap"));
        return t == null ? 40 : Integer.parseInt(t);
    }

    private static BigInteger hex(String s) {
        try {
            return new BigInteger(s.strip(), 16);
        } catch (NumberFormatException e) {
            return BigInteger.valueOf(-1);
        }
    }

    private static String words(String s) {
        return s == null ? "(unreadable)" : s.strip().replaceAll("\\s+", " ");
    }
}
