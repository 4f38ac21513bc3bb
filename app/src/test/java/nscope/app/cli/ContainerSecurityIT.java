package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.app.container.confine.Capabilities;
import nscope.app.container.confine.Confinement;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A container's confinement proven from the inside, by the probe
 * (app/src/test/c/probe.c) run in it: nothing of the image runs before the
 * command, links in the image cannot send a mount out of it, the command
 * runs with Docker's 14 capabilities, no_new_privs, Docker's seccomp
 * filter, masked and read-only /proc and /sys paths and the device allow
 * list, and gets exactly what --privileged, --cap-add, --security-opt,
 * --user and --read-only ask for; nscope enter NAME is confined the same
 * way; the host's side of a container is closed to other users.
 */
@LiveTest
class ContainerSecurityIT {
    private static final ContainerHost H = new ContainerHost("sec", 11);
    private static final String DEFAULT_CAPS = "00000000a80425fb";
    private static Path probe;

    @BeforeAll
    static void images() throws Exception {
        H.setUp();
        probe = H.probeImage("probe", true);
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertEquals(List.of(), H.tearDown(), "nothing left behind");
    }

    @AfterAll
    static void remove() throws Exception {
        H.remove();
    }

    /** KEY=VALUE and "Key:\tvalue" lines of the probe, as a map. */
    static Map<String, String> said(String out) {
        Map<String, String> m = new TreeMap<>();
        for (String l : out.split("\n")) {
            int eq = l.indexOf('='), colon = l.indexOf(":\t");
            if (colon > 0 && (eq < 0 || colon < eq))
                m.put(l.substring(0, colon), l.substring(colon + 2).strip());
            else if (eq > 0) m.put(l.substring(0, eq), l.substring(eq + 1).strip());
        }
        return m;
    }

    /** An interactive run (its output through pipes: the test's input is not a terminal); its exit status and output. */
    PackagedJar.Run once(String name, String... args) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("run", "--rm", "--name", name));
        a.addAll(List.of(args));
        return H.nscope(a.toArray(String[]::new));
    }

    @Test
    void setUpRunsNothingOfTheImageAndAnImageOfOneStaticBinaryRuns() throws Exception {
        // every tool the set-up could look up in the image is a tattler that writes to the host when it runs
        List<String> tools = List.of(
                "bin/sh",
                "bin/umount",
                "bin/mount",
                "sbin/umount",
                "sbin/mount",
                "bin/ip",
                "sbin/ip",
                "bin/hostname",
                "bin/mkdir",
                "bin/ln",
                "sbin/pivot_root",
                "bin/setsid",
                "usr/bin/unshare",
                "usr/bin/nsenter",
                "sbin/init",
                "usr/bin/env");
        Path img = H.probeImage("tattle", false, tools.toArray(String[]::new));
        String n = "nscope-test-s" + H.me + "t";
        PackagedJar.Run r = H.nscope("run", "--name", n, img.toString(), "--", "/probe", "hello");
        H.made.add(n);
        assertEquals(0, r.rc(), r.err());
        assertTrue(
                r.err().contains("hello from /probe, host file unreachable"),
                "the command ran, and the host's files were out of its reach:\n" + r.err());
        assertFalse(r.err().contains("TATTLER"), r.err());
        assertFalse(Files.exists(H.base.resolve("tattled")), "no file of the image ran with the host's root in reach");
        assertFalse(
                Files.exists(H.data.resolve(n).resolve("upper/tattled")),
                "no file of the image ran at all before the command");
    }

    @Test
    void aLinkInTheImageCannotSendAMountOutOfIt() throws Exception {
        for (String[] c : new String[][] {
            {"proc", H.base.resolve("victim").toString()}, {"dev", "../../../../../../.." + H.base.resolve("victim")}
        }) {
            Path img = H.probeImage("link-" + c[0], false);
            Files.createDirectories(H.base.resolve("victim"));
            Files.createSymbolicLink(img.resolve(c[0]), Path.of(c[1]));
            PackagedJar.Run r = once("nscope-test-s" + H.me + "l", img.toString(), "--", "/probe", "hello");
            assertEquals(125, r.rc(), r.err());
            assertTrue(r.err().contains("the image's /" + c[0] + " is a symbolic link: refused"), r.err());
            assertEquals(1, r.err().strip().split("\n").length, "one nscope: line:\n" + r.err());
            try (var s = Files.list(H.base.resolve("victim"))) {
                assertEquals(0, s.count(), "nothing was mounted on the host's directory");
            }
            assertTrue(Files.readString(Path.of("/proc/self/mountinfo"))
                    .lines()
                    .noneMatch(l -> l.contains(H.base.resolve("victim").toString())));
            assertEquals(List.of(), H.leftovers());
        }
    }

    @Test
    void imagePathsWithCommasColonsAndSpacesWork() throws Exception {
        Path odd = H.base.resolve("img, with:odd chars");
        LiveHost.run("cp", "-a", ContainerHost.BUSYBOX.toString(), odd.toString());
        PackagedJar.Run r = once("nscope-test-s" + H.me + "o", odd.toString(), "--", "cat", "/etc/motd");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("nscope test image: busybox"), r.err());
    }

    @Test
    void insideItIsConfinedAsDockersDefaultsAndEnterIsToo() throws Exception {
        String n = H.run("nscope-test-s" + H.me + "c", probe.toString(), "--", "sleep", "1000");
        String pid1 = H.inside(n, "grep -E 'Cap|NoNewPrivs|Seccomp:' /proc/1/status");
        for (String out : List.of(pid1, H.inside(n, "/probe status; /probe syscalls; /probe files"))) {
            Map<String, String> m = said(out);
            for (String set : List.of("CapBnd", "CapEff", "CapPrm"))
                assertEquals(DEFAULT_CAPS, m.get(set), set + ":\n" + out);
            assertEquals("0000000000000000", m.get("CapInh"), out);
            assertEquals("0000000000000000", m.get("CapAmb"), out);
            assertEquals("1", m.get("NoNewPrivs"), out);
            assertEquals("2", m.get("Seccomp"), out);
            if (out == pid1) continue;
            for (String call : List.of(
                    "kexec_load",
                    "init_module",
                    "finit_module",
                    "delete_module",
                    "open_by_handle_at",
                    "bpf",
                    "perf_event_open",
                    "keyctl",
                    "add_key",
                    "request_key",
                    "mount",
                    "umount2",
                    "pivot_root",
                    "unshare",
                    "setns",
                    "reboot",
                    "swapon",
                    "swapoff",
                    "acct",
                    "iopl",
                    "ioperm",
                    "settimeofday",
                    "clock_settime",
                    "x32")) assertEquals("EPERM", m.get(call), call + ":\n" + out);
            assertTrue(List.of("EROFS", "EACCES").contains(m.get("core_pattern_write")), out);
            assertEquals("empty", m.get("read /proc/keys"), "masked:\n" + out);
            assertEquals("empty", m.get("read /proc/timer_list"), "masked:\n" + out);
            assertEquals("EPERM", m.get("remount_sys_rw"), out);
            assertEquals("EPERM", m.get("mknod_kmsg"), "a device outside the list cannot be made:\n" + out);
            assertEquals("ok", m.get("mknod_null"), "one on it can:\n" + out);
        }
        assertEquals(
                String.join("\n", Confinement.DEVICES_ALLOWED),
                H.cg("devices", n, "devices.list"),
                "the v1 device list");
        Map<String, String> privileged = said(
                H.nscope("enter", "--privileged", n, "--", "/probe", "status").err());
        assertEquals("0", privileged.get("Seccomp"), "--privileged enters without the filter: " + privileged);
        assertFalse(privileged.get("CapEff").equals(DEFAULT_CAPS), "and with root's capabilities: " + privileged);
    }

    @Test
    void askingForLessGivesExactlyThat() throws Exception {
        String host = Long.toHexString(Capabilities.bounding(Files.readString(Path.of("/proc/self/status"))));
        Map<String, Map<String, String>> seen = new TreeMap<>();
        List<String[]> cases = List.of(
                new String[] {"privileged", "--privileged"},
                new String[] {"sysadmin", "--cap-add", "SYS_ADMIN"},
                new String[] {"unconfined", "--security-opt", "seccomp=unconfined"},
                new String[] {"nnp", "--allow-new-privileges"},
                new String[] {"user", "--user", "1000:1000"},
                new String[] {"ro", "--read-only"},
                new String[] {"drop", "--cap-drop", "ALL"});
        for (String[] c : cases) {
            List<String> a = new java.util.ArrayList<>(List.of(c).subList(1, c.length));
            a.addAll(List.of(probe.toString(), "--", "sh", "-c", "/probe status; /probe files; /probe syscalls"));
            PackagedJar.Run r = once("nscope-test-s" + H.me + c[0].charAt(0), a.toArray(String[]::new));
            assertEquals(0, r.rc(), c[0] + ": " + r.err());
            seen.put(c[0], said(r.err()));
        }
        assertEquals(
                String.format("%016x", Long.parseLong(host, 16)),
                seen.get("privileged").get("CapBnd"),
                "every capability nscope has");
        assertEquals("0", seen.get("privileged").get("Seccomp"));
        assertEquals("ok", seen.get("privileged").get("mknod_kmsg"), "every device");
        assertEquals(
                String.format("%016x", 0xa80425fbL | 1L << 21),
                seen.get("sysadmin").get("CapEff"));
        assertEquals(
                "ENOENT",
                seen.get("sysadmin").get("mount"),
                "with SYS_ADMIN the filter lets mount through (as Docker's does)");
        assertEquals("0", seen.get("unconfined").get("Seccomp"));
        assertEquals(DEFAULT_CAPS, seen.get("unconfined").get("CapEff"));
        assertEquals("0", seen.get("nnp").get("NoNewPrivs"));
        assertEquals("2", seen.get("nnp").get("Seccomp"));
        assertTrue(
                seen.get("user").get("Uid").startsWith("1000\t1000"),
                seen.get("user").toString());
        assertEquals(
                "0000000000000000",
                seen.get("user").get("CapEff"),
                "a user other than root has no capability in effect");
        assertEquals("EROFS", seen.get("ro").get("write_root"));
        assertEquals(
                "EACCES",
                seen.get("user").get("write_root"),
                "the root directory is root's: user 1000 cannot write it");
        assertEquals("0000000000000000", seen.get("drop").get("CapBnd"));
        assertEquals("EPERM", seen.get("drop").get("mknod_null"), "without CAP_MKNOD not even an allowed device");
    }

    @Test
    void theHostSideIsClosedToOtherUsersAndTarImagesMakeNoDevices() throws Exception {
        Path tree = H.base.resolve("tartree");
        LiveHost.run("cp", "-a", ContainerHost.BUSYBOX.toString(), tree.toString());
        LiveHost.run(
                "cp",
                ContainerHost.BUSYBOX.resolve("bin/busybox").toString(),
                tree.resolve("suid-shell").toString());
        LiveHost.run("chmod", "4755", tree.resolve("suid-shell").toString());
        LiveHost.run("mknod", "-m", "0666", tree.resolve("kmsg").toString(), "c", "1", "11");
        Path tar = H.base.resolve("image.tar");
        LiveHost.run("tar", "-C", tree.toString(), "-cf", tar.toString(), ".");
        String n = H.run("nscope-test-s" + H.me + "h", tar.toString(), "--", "sleep", "1000");
        H.inside(n, "cp /bin/busybox /rootshell && chmod 4755 /rootshell");
        Path upper = H.data.resolve(n).resolve("upper");
        assertEquals(
                04755,
                (Integer) Files.getAttribute(upper.resolve("rootshell"), "unix:mode") & 07777,
                "made inside, setuid");
        Path cached;
        try (var s = Files.list(H.cache)) {
            cached = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertFalse(
                Files.exists(cached.resolve("kmsg"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "the image's device node was not made");
        assertEquals(
                04755,
                (Integer) Files.getAttribute(cached.resolve("suid-shell"), "unix:mode") & 07777,
                "setuid kept, as Docker keeps it");
        for (Path d : List.of(H.data.resolve(n), H.state.resolve(n), H.cache, H.state))
            assertEquals(0700, (Integer) Files.getAttribute(d, "unix:mode") & 0777, d + " is closed to other users");
        for (Path p : List.of(upper.resolve("rootshell"), cached.resolve("suid-shell"))) {
            String out = asNobody("/bin/sh", "-c", "exec \"$0\" -c id", p.toString());
            assertTrue(
                    out.contains("Permission denied") && !out.contains("uid="),
                    "a local user cannot reach " + p + ": " + out);
        }
    }

    /**
     * The cgroup-v2 device filter on its own (a v2-only host has nothing
     * else): a shell in a v2 cgroup of the test's with nscope-init's filter
     * attached, and in the root cgroup of every v1 hierarchy, may make
     * /dev/null's node but not /dev/kmsg's.
     */
    @Test
    void theV2DeviceFilterAloneAllowsOnlyTheListedDevices() throws Exception {
        Path v2 = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(" - cgroup2 "))
                .map(l -> Path.of(l.split(" ")[4]))
                .findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(v2 != null, "a cgroup v2 hierarchy");
        Path cg = v2.resolve("nscope-test-dev" + H.me);
        Files.createDirectory(cg);
        try {
            List<String> argv = new java.util.ArrayList<>(
                    List.of(PackagedJar.REPO.resolve("app/target/nscope-init").toString(), "devices", cg.toString()));
            for (String r : Confinement.DEVICES_ALLOWED)
                argv.add(r.charAt(0) + " " + r.substring(2, r.lastIndexOf(' ')).replace(':', ' '));
            LiveHost.run(argv.toArray(String[]::new));
            Path dir = H.base.resolve("devtest");
            Files.createDirectories(dir);
            String out = LiveHost.run(
                    "unshare",
                    "-m",
                    "sh",
                    "-c",
                    "echo $$ > " + cg.resolve("cgroup.procs") + "; mount -t tmpfs nscope-test " + dir + "; mknod " + dir
                            + "/null c 1 3 && echo null-made; mknod " + dir
                            + "/kmsg c 1 11 2>/dev/null && echo kmsg-made; true");
            assertEquals("null-made", out.strip(), "only the listed device: " + out);
        } finally {
            for (int i = 0; i < 50 && Files.isDirectory(cg); i++) {
                try {
                    Files.delete(cg);
                } catch (java.io.IOException e) {
                    Thread.sleep(20); // the shell is still leaving it
                }
            }
        }
    }

    /**
     * Runs a command as nobody (uid 65534, no groups): its output and
     * errors. Give a shell the path to run: setpriv itself finds an
     * executable before it changes user.
     */
    static String asNobody(String... cmd) throws Exception {
        List<String> a =
                new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        a.addAll(List.of(cmd));
        Process p = new ProcessBuilder(a).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
