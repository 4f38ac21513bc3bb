package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nscope.app.container.ContainerCreate;
import nscope.app.container.confine.Confinement;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers made for real from the busybox image (fixtures/images), as a
 * user runs nscope (the packaged jar): what is inside (PID 1, hostname, its
 * own /proc, the overlay root, writes landing in the upper layer, no way to
 * the host's files), limits the kernel enforces (an OOM kill, pids.max), two
 * containers and the host talking over the bridge, stop and rm leaving
 * nothing, and a failure injected at every creation step undone completely.
 * Everything is named nscope-test-* and removed, also when a test fails.
 */
@LiveTest
class ContainerIT {
    private static final ContainerHost H = new ContainerHost("ct", 9);
    private static final long ME = H.me;
    private static final Path IMAGE = ContainerHost.BUSYBOX, STATE = H.state, CACHE = H.cache, DATA = H.data;
    private static final String PARENT = H.parent, BRIDGE = H.bridge;
    private final List<String> made = H.made;

    @BeforeAll
    static void image() throws Exception {
        H.setUp();
    }

    @org.junit.jupiter.api.AfterAll
    static void removeLog() throws Exception {
        H.remove();
    }

    @AfterEach
    void cleanUp() throws Exception {
        assertEquals(List.of(), H.tearDown(), "nothing left behind");
    }

    static List<String> leftovers() throws IOException {
        return H.leftovers();
    }

    static PackagedJar.Run nscope(String... args) throws Exception {
        return H.nscope(args);
    }

    String run(String name, String... more) throws Exception {
        return H.run(name, more);
    }

    static String inside(String name, String script) throws Exception {
        return H.inside(name, script);
    }

    static String cg(String hierarchy, String name, String file) throws IOException {
        return H.cg(hierarchy, name, file);
    }

    @Test
    void insideAreItsOwnPid1HostnameProcAndOverlayRootAndNotTheHostsFiles() throws Exception {
        String n = run(
                "nscope-test-k" + ME + "a",
                "--hostname",
                "nscope-test-box",
                "--memory",
                "32M",
                "--pids",
                "16",
                "--cpu",
                "0.5",
                IMAGE.toString(),
                "--",
                "sleep",
                "1000");
        String in = inside(
                n,
                "echo cmd=$(cat /proc/1/cmdline | tr '\\0' ' '); hostname; echo procs=$(ls /proc | grep -c '^[0-9]');"
                        + " grep ' / / ' /proc/self/mountinfo; echo data > /tmp/written; ls /work 2>&1; echo dirs=$(ls /);"
                        + " echo mounts=$(cut -d' ' -f5 /proc/self/mountinfo | tr '\\n' ' ')");
        assertTrue(in.contains("cmd=sleep 1000\n"), "PID 1 is the command:\n" + in);
        assertTrue(in.contains("\nnscope-test-box\n"), in);
        assertTrue(
                in.matches("(?s).*procs=[2-6]\n.*"),
                "its /proc shows only its own processes (sleep, sh, and the pipeline):\n" + in);
        assertTrue(
                in.contains(" - overlay overlay rw,lowerdir+=" + IMAGE + ",upperdir="
                        + DATA.resolve(n).resolve("upper")),
                "the root is the overlay:\n" + in);
        assertTrue(in.contains("ls: /work: No such file or directory"), "the host's files cannot be reached:\n" + in);
        String mounts = in.substring(in.indexOf("mounts=") + 7, in.indexOf('\n', in.indexOf("mounts=")));
        String own =
                "/ /proc /dev /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/pts /dev/shm /dev/mqueue /sys ";
        assertTrue(mounts.startsWith(own), "only its own mounts, the old root detached:\n" + in);
        for (String m : mounts.substring(own.length()).trim().split(" "))
            assertTrue(
                    Confinement.MASKED.contains(m.substring(1)) || Confinement.READ_ONLY.contains(m.substring(1)),
                    "after them only Docker's masked and read-only paths: " + m + " in " + mounts);
        assertEquals(
                "data",
                Files.readString(DATA.resolve(n).resolve("upper/tmp/written")).strip(),
                "writes land in the upper layer");
        assertFalse(Files.exists(IMAGE.resolve("tmp/written")), "the image is not written");
        assertEquals(Long.toString(32L << 20), cg("memory", n, "memory.limit_in_bytes"));
        assertEquals("16", cg("pids", n, "pids.max"));
        assertEquals("50000", cg("cpu", n, "cpu.cfs_quota_us"));
        PackagedJar.Run tree = nscope("cgroups", "--hierarchy", "pids", "-p", PARENT);
        assertTrue(tree.err().contains(n + " [ctr " + n + "]"), "nscope cgroups marks its cgroup:\n" + tree.err());
        PackagedJar.Run ps = nscope("ps");
        assertTrue(
                ps.err()
                        .matches("(?s).*\n" + n + " +running +\\d+ +" + java.util.regex.Pattern.quote(IMAGE.toString())
                                + " +.*pids.max=16.*"),
                ps.err());
    }

    @Test
    void userAndTimeNamespacesOnRequestAndATarImageUnpackedOnce() throws Exception {
        LiveHost.run(
                "tar",
                "-C",
                IMAGE.toString(),
                "-cf",
                STATE.resolveSibling("img-" + ME + ".tar").toString(),
                ".");
        Path tar = STATE.resolveSibling("img-" + ME + ".tar");
        try {
            String n = run(
                    "nscope-test-k" + ME + "u",
                    "--userns",
                    "--timens",
                    "--net",
                    "none",
                    tar.toString(),
                    "--",
                    "sleep",
                    "1000");
            String in = inside(
                    n,
                    "cat /proc/self/uid_map; readlink /proc/1/ns/user; readlink /proc/1/ns/time; ip link; touch /made-inside");
            assertTrue(
                    in.contains("1: lo: <LOOPBACK> ") && !in.contains("eth0"),
                    "--net none: loopback only, and down:\n" + in);
            assertTrue(
                    in.matches("(?s)\\s*0\\s+1073741824\\s+65536\\n.*"),
                    "its root is host uid 1073741824, not host root:\n" + in);
            assertEquals(
                    "root:1073741824:65536000",
                    Files.readString(H.subuid).strip(),
                    "root had no range: nscope added its default");
            assertEquals(
                    1073741824,
                    Files.getAttribute(DATA.resolve(n).resolve("upper/made-inside"), "unix:uid"),
                    "a file made inside is not host root's");
            assertFalse(
                    in.contains(Files.readSymbolicLink(Path.of("/proc/self/ns/user"))
                            .toString()),
                    "its own user namespace:\n" + in);
            assertFalse(
                    in.contains(Files.readSymbolicLink(Path.of("/proc/self/ns/time"))
                            .toString()),
                    "its own time namespace:\n" + in);
            try (var c = Files.list(CACHE)) {
                assertEquals(1, c.count(), "unpacked once into the cache");
            }
            run("nscope-test-k" + ME + "v", tar.toString(), "--", "sleep", "1000");
            try (var c = Files.list(CACHE)) {
                assertEquals(1, c.count(), "the second container uses the same unpacked image");
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Test
    void interactiveRunReturnsTheContainersExitStatusAndRmGoesWithIt() throws Exception {
        PackagedJar.Run r = nscope(
                "run",
                "--rm",
                "--name",
                "nscope-test-k" + ME + "i",
                "--cgroup-parent",
                PARENT,
                IMAGE.toString(),
                "--",
                "sh",
                "-c",
                "echo in=$$; exit 3");
        assertEquals(3, r.rc(), r.err());
        assertTrue(r.err().contains("in=1\n"), r.err());
        assertFalse(Files.exists(STATE.resolve("nscope-test-k" + ME + "i")), "--rm removed it");
    }

    @Test
    void twoContainersOnTheBridgeReachEachOtherAndTheHostReachesThem() throws Exception {
        String a = run(
                "nscope-test-k" + ME + "p",
                "--net",
                "bridge",
                IMAGE.toString(),
                "--",
                "nc",
                "-l",
                "-p",
                "7777",
                "-e",
                "echo",
                "hello-from-a");
        String b = run(
                "nscope-test-k" + ME + "q",
                "--net",
                "bridge",
                "--ip",
                "10.231.9.77",
                IMAGE.toString(),
                "--",
                "sleep",
                "1000");
        String ping = inside(b, "ping -c 1 -W 3 10.231.9.2 && ip addr show eth0");
        assertTrue(ping.contains("1 packets received"), ping);
        assertTrue(ping.contains("inet 10.231.9.77/24"), "the address asked for:\n" + ping);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("10.231.9.2", 7777), 3000);
            assertEquals(
                    "hello-from-a",
                    new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                    "the host reaches a container");
        }
        PackagedJar.Run taken = nscope(
                "run",
                "-d",
                "--name",
                "nscope-test-k" + ME + "r",
                "--cgroup-parent",
                PARENT,
                "--bridge",
                BRIDGE,
                "--veth-prefix",
                "nscope-test-",
                "--subnet",
                "10.231.9.0/24",
                "--net",
                "bridge",
                "--ip",
                "10.231.9.77",
                IMAGE.toString());
        assertEquals(125, taken.rc());
        assertTrue(
                taken.err().contains("step state failed: address in use: 10.231.9.77 has another container"),
                taken.err());
        assertTrue(Files.isDirectory(Path.of("/sys/class/net", BRIDGE)), "the bridge stays while containers use it");
        assertEquals(0, nscope("rm", "--force", a).rc());
        assertTrue(Files.isDirectory(Path.of("/sys/class/net", BRIDGE)));
        assertEquals(0, nscope("stop", "--time", "1", b).rc());
        String ps = nscope("ps").err();
        assertTrue(
                ps.matches("(?s).*\n" + b + " +exited \\(137\\) .*"),
                "stopped (SIGKILL after SIGTERM was ignored by PID 1), still listed:\n" + ps);
        assertEquals(0, nscope("rm", b).rc());
        assertFalse(Files.exists(Path.of("/sys/class/net", BRIDGE)), "the bridge went with its last container");
    }

    @Test
    void theMemoryLimitOomKillsAHogAndPidsMaxStopsAForkBomb() throws Exception {
        String n = run(
                "nscope-test-k" + ME + "m", "--memory", "32M", "--pids", "12", IMAGE.toString(), "--", "sleep", "1000");
        PackagedJar.Run hog =
                nscope("enter", n, "--cgroup", "--", "sh", "-c", "x=0123456789; while true; do x=$x$x; done");
        assertEquals(137, hog.rc(), "the hog was killed by SIGKILL: " + hog.err());
        String oom = cg("memory", n, "memory.oom_control");
        assertTrue(oom.matches("(?s).*oom_kill [1-9].*"), oom);
        PackagedJar.Run cgroups = nscope("cgroups", "--hierarchy", "memory", "-p", PARENT + "/" + n);
        assertTrue(cgroups.err().contains("[oom_kill "), "nscope cgroups shows the event:\n" + cgroups.err());
        // a shell in the container's cgroups forks until the kernel refuses
        PackagedJar.Run bomb = nscope(
                "enter",
                n,
                "--cgroup",
                "--",
                "sh",
                "-c",
                "i=0; while [ $i -lt 100 ]; do sleep 100 >/dev/null 2>&1 & i=$((i+1)); done");
        assertNotEquals(0, bomb.rc());
        assertTrue(bomb.err().contains("can't fork"), bomb.err());
        int current = Integer.parseInt(cg("pids", n, "pids.current"));
        assertTrue(
                current >= 10 && current <= 12,
                "stopped at the limit (12, less the shell and nsenter that ended): " + current);
        assertTrue(cg("pids", n, "pids.events").matches("max [1-9]\\d*"), cg("pids", n, "pids.events"));
    }

    /**
     * The screen in tmux: c makes a container from the form (in the
     * background, on the bridge, 32M), its rows are marked [ctr NAME], a hog
     * in it is OOM-killed and the cgroup screen shows the event, x removes it.
     */
    @Test
    void theScreenMakesMarksShowsItsOomAndRemovesAContainer() throws Exception {
        String n = "nscope-test-k" + ME + "s", session = "nscope-test-ct-ui-" + ME;
        made.add(n);
        StringBuilder env = new StringBuilder("NSCOPE_AUDIT_LOG=" + H.audit);
        H.env.forEach((k, v) -> env.append(' ').append(k).append('=').append(v));
        try {
            LiveUiIT.tmux(
                    "new-session",
                    "-d",
                    "-s",
                    session,
                    "-x",
                    "120",
                    "-y",
                    "40",
                    "-c",
                    PackagedJar.REPO.toAbsolutePath().normalize().toString(),
                    "bash --norc --noprofile");
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "env " + env + " ./nscope --interval 1");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            LiveUiIT.until(session, " 2 Processes ", 120);
            LiveUiIT.tmux("send-keys", "-t", session, "c");
            LiveUiIT.until(session, "New container (nscope run)");
            for (String field : new String[] {IMAGE.toString(), "sleep 1000", n, "", "32M"}) {
                LiveUiIT.tmux("send-keys", "-t", session, "-l", field);
                LiveUiIT.tmux("send-keys", "-t", session, "Down");
            }
            LiveUiIT.tmux("send-keys", "-t", session, "Down", "Down"); // pids, cpu: no limit
            for (int i = 0; i < 8; i++) LiveUiIT.tmux("send-keys", "-t", session, "BSpace");
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "bridge");
            LiveUiIT.tmux("send-keys", "-t", session, "Down", "Down", "Down", "Down", "Space", "Enter");
            LiveUiIT.until(session, "the container " + n + " runs: PID ");
            assertTrue(
                    nscope("ps").err().matches("(?s).*\n" + n + " +running .*10\\.231\\.9\\.\\d+/24.*"),
                    nscope("ps").err());
            String marked = "";
            for (int i = 0; i < 40 && !marked.contains("[ctr " + n + "]"); i++) { // marked from the next refresh on
                LiveUiIT.tmux(
                        "send-keys", "-t", session, "/", STATE.resolve(n) + "/confine.conf", "Enter"); // its monitor
                Thread.sleep(250);
                marked = LiveUiIT.paneOf(session);
            }
            assertTrue(marked.contains("[ctr " + n + "]"), marked);
            LiveUiIT.tmux("send-keys", "-t", session, "C");
            String list = LiveUiIT.until(session, "nscope's containers (nscope ps)");
            assertTrue(
                    list.matches("(?s).*" + n + " +running +\\d+ .*memory.*33554432.*"),
                    "C lists it as nscope ps does:\n" + list);
            // e on it: a shell inside, confined as the container is (docker exec's model)
            LiveUiIT.tmux("send-keys", "-t", session, "e");
            LiveUiIT.until(session, "confined as it is");
            LiveUiIT.tmux(
                    "send-keys",
                    "-t",
                    session,
                    "-l",
                    "grep -E '^(Seccomp|CapEff|NoNewPrivs):' /proc/self/status; echo in-$((6*7))");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String shell = LiveUiIT.until(session, "in-42");
            assertTrue(
                    shell.matches("(?s).*CapEff:\\s+00000000a80425fb.*")
                            && shell.matches("(?s).*Seccomp:\\s+2.*")
                            && shell.matches("(?s).*NoNewPrivs:\\s+1.*"),
                    "e enters with the container's confinement:\n" + shell);
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "exit");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            LiveUiIT.until(session, " 2 Processes ");
            LiveUiIT.tmux("send-keys", "-t", session, "C");
            LiveUiIT.until(session, "nscope's containers (nscope ps)");
            LiveUiIT.tmux("send-keys", "-t", session, "Escape");
            PackagedJar.Run hog =
                    nscope("enter", n, "--cgroup", "--", "sh", "-c", "x=0123456789; while true; do x=$x$x; done");
            assertEquals(137, hog.rc(), hog.err());
            LiveUiIT.tmux("send-keys", "-t", session, "3");
            String oom = "";
            for (int i = 0; i < 40 && !oom.contains("[oom_kill 1]"); i++) {
                LiveUiIT.tmux("send-keys", "-t", session, "/", n, "Enter");
                Thread.sleep(250);
                // its cgroup in each hierarchy in turn, until the memory one
                for (int j = 0; j < 12 && !(oom = LiveUiIT.paneOf(session)).contains("[oom_kill 1]"); j++) {
                    LiveUiIT.tmux("send-keys", "-t", session, "n");
                    Thread.sleep(100);
                }
            }
            assertTrue(
                    oom.contains("[oom_kill 1]") && oom.contains("[ctr " + n + "]"),
                    "the cgroup screen shows the OOM kill:\n" + oom);
            LiveUiIT.tmux("send-keys", "-t", session, "x");
            LiveUiIT.until(session, "Stop the container " + n + "?");
            LiveUiIT.tmux("send-keys", "-t", session, "s");
            LiveUiIT.until(session, "Remove the container " + n + " and all it made?");
            LiveUiIT.tmux("send-keys", "-t", session, "y");
            LiveUiIT.until(session, "removed the container " + n + " and all it made");
            assertFalse(Files.exists(STATE.resolve(n)));
            LiveUiIT.tmux("send-keys", "-t", session, "q");
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
        }
    }

    /** Every step of creation made to fail in turn: each says which step and why, and leaves nothing. */
    @Test
    void aFailureAtEveryStepUndoesEverythingBeforeIt() throws Exception {
        for (String step : ContainerCreate.STEPS) {
            PackagedJar.Run r = H.nscope(
                    Map.of("NSCOPE_TEST_FAIL_AT", step),
                    "run",
                    "-d",
                    "--name",
                    "nscope-test-k" + ME + "f",
                    "--net",
                    "bridge",
                    "--memory",
                    "32M",
                    IMAGE.toString(),
                    "--",
                    "sleep",
                    "1000");
            assertEquals(125, r.rc(), step + ": " + r.err());
            assertTrue(r.err().contains("step " + step + " failed: injected failure"), r.err());
            assertEquals(List.of(), leftovers(), "after a failure at " + step + ": " + r.err());
        }
        // real failures, said in words, undone the same way (or refused before anything is made)
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/nonexistent/image", "run: no image at /nonexistent/image");
        cases.put("--memory=banana", "run: --memory is a size like 32M, 512k or 1G (at least 4M), not 'banana'");
        cases.put("--hostname=x/\u001b[2J", "run: a hostname cannot hold /");
        cases.put("--bridge=lo", "step bridge failed: the interface lo is taken, and it is not a bridge");
        cases.put("no-such-command", "run: command not found in the image: 'no-such-command'");
        for (var c : cases.entrySet()) {
            List<String> a =
                    new ArrayList<>(List.of("run", "-d", "--name", "nscope-test-k" + ME + "g", "--net", "bridge"));
            if (c.getKey().startsWith("--")) a.addAll(List.of(c.getKey(), IMAGE.toString()));
            else if (c.getKey().startsWith("/")) a.add(c.getKey());
            else a.addAll(List.of(IMAGE.toString(), "--", c.getKey()));
            PackagedJar.Run r = nscope(a.toArray(String[]::new));
            assertEquals(125, r.rc(), c.getKey() + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()), r.err());
            assertFalse(r.err().contains("\u001b"), "no control byte reaches the terminal: " + r.err());
            assertEquals(List.of(), leftovers(), c.getKey());
        }
        assertNotEquals(0, nscope("rm", "nscope-test-k" + ME + "g").rc(), "nothing of it is known");
    }
}
