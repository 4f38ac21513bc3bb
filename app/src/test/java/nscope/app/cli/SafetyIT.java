package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What keeps an action from doing harm, live: a log that cannot be written
 * refuses the change before anything is made; every change of a container's
 * life is a line before and a line after; kernel threads and zombies are
 * refused by kill, cgroup mv and enter with the reason (nothing "sent" to a
 * zombie); PID 1's refusal is explained; limits and --keep-env are checked
 * before anything is made; an interactive run that fails says it in one line.
 */
@LiveTest
class SafetyIT {
    private static final ContainerHost H = new ContainerHost("safe", 14);

    @BeforeAll
    static void setUp() throws Exception {
        H.setUp();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertEquals(List.of(), H.tearDown(), "nothing left behind");
    }

    @AfterAll
    static void remove() throws Exception {
        H.remove();
    }

    static List<JsonNode> lines(Path log) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(log)) for (String l : Files.readAllLines(log)) out.add(new ObjectMapper().readTree(l));
        return out;
    }

    @Test
    void anAuditLogThatCannotBeWrittenRefusesTheChangeBeforeAnythingIsMade() throws Exception {
        Map<String, String> bad = Map.of("NSCOPE_AUDIT_LOG", "/proc/nscope-no-such-dir/actions.log");
        PackagedJar.Run run = H.nscope(
                bad,
                "run",
                "-d",
                "--name",
                "nscope-test-a" + H.me,
                "--net",
                "bridge",
                ContainerHost.BUSYBOX.toString());
        assertEquals(125, run.rc(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(
                run.err()
                        .startsWith(
                                "nscope: run: the audit log /proc/nscope-no-such-dir/actions.log cannot be written"),
                run.err());
        assertTrue(run.err().contains("nothing done"), run.err());
        assertFalse(Files.exists(H.state.resolve("nscope-test-a" + H.me)), "no state");
        assertEquals(List.of(), H.leftovers(), "no cgroup, no bridge, no directory");
        Process sleeper = new ProcessBuilder("sleep", "1000").start();
        try {
            PackagedJar.Run kill = H.nscope(bad, "kill", Long.toString(sleeper.pid()));
            assertEquals(1, kill.rc());
            assertTrue(kill.err().contains("cannot be written"), kill.err());
            assertFalse(sleeper.waitFor(300, TimeUnit.MILLISECONDS), "not signalled");
        } finally {
            sleeper.destroyForcibly();
        }
        PackagedJar.Run mkdir = H.nscope(bad, "cgroup", "--hierarchy", "pids", "mkdir", H.parent);
        assertEquals(1, mkdir.rc());
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/pids", H.parent)), "not made: " + mkdir.err());
    }

    @Test
    void everyChangeOfAContainersLifeIsALineBeforeAndALineAfter() throws Exception {
        Files.deleteIfExists(H.audit);
        Path tar = H.base.resolve("image.tar");
        LiveHost.run("tar", "-C", ContainerHost.BUSYBOX.toString(), "-cf", tar.toString(), ".");
        String n = H.run("nscope-test-l" + H.me, "--net", "bridge", "--userns", tar.toString(), "--", "sleep", "1000");
        assertEquals(0, H.nscope("stop", "--time", "1", n).rc());
        assertEquals(0, H.nscope("rm", n).rc());
        H.made.clear();
        List<JsonNode> log = lines(H.audit);
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        for (JsonNode l : log) {
            String what = l.get("action").asText() + " " + l.get("target").asText();
            if (l.get("phase").asText().equals("begin")) open.push(what);
            else if (l.get("phase").asText().equals("end"))
                assertEquals(open.poll(), what, "each change ends before the one around it");
        }
        assertEquals(List.of(), List.copyOf(open), "every begin line has its end line");
        List<String> actions =
                log.stream().map(l -> l.get("action").asText()).distinct().toList();
        for (String a : List.of(
                "run",
                "image unpack",
                "subid add",
                "cgroup mkdir",
                "cgroup set",
                "cgroup devices",
                "net bridge add",
                "userns map",
                "cgroup mv",
                "net veth add",
                "net address",
                "stop",
                "kill SIGTERM",
                "kill SIGKILL",
                "rm",
                "net link del",
                "cgroup rmdir",
                "rm dir")) assertTrue(actions.contains(a), a + " is logged: " + actions);
        JsonNode first = log.get(0);
        assertEquals("begin", first.get("phase").asText());
        assertEquals("run", first.get("action").asText(), "the run is announced before its first change");
        assertTrue(first.get("what").asText().contains("14 capabilities, no_new_privs, seccomp"), first.toString());
        assertEquals(0, first.get("uid").asInt());
    }

    @Test
    void kernelThreadsAndZombiesAreRefusedWithTheReason() throws Exception {
        // a zombie: a child that has exited, its parent (sleep, which never waits) alive
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 1000").start();
        try {
            long zombie = 0;
            for (int i = 0; i < 100 && zombie == 0; i++) {
                Thread.sleep(50);
                for (ProcessHandle c : parent.children().toList())
                    if (Files.readString(Path.of("/proc", Long.toString(c.pid()), "stat"))
                            .contains(") Z ")) zombie = c.pid();
            }
            assertTrue(zombie > 0, "a zombie to test with");
            for (String pid : List.of("2", Long.toString(zombie))) {
                String what = pid.equals("2") ? "is a kernel thread" : "is a zombie";
                PackagedJar.Run kill = H.nscope("kill", "-s", "TERM", pid);
                assertEquals(1, kill.rc());
                assertTrue(
                        kill.err().contains(what)
                                && kill.err().contains("nothing sent")
                                && !kill.err().contains("sent SIG"),
                        kill.err());
                PackagedJar.Run mv = H.nscope("cgroup", "--hierarchy", "pids", "mv", "/", pid);
                assertEquals(1, mv.rc());
                assertTrue(mv.err().contains(what) && mv.err().contains("nothing moved"), mv.err());
                PackagedJar.Run enter = H.nscope("enter", pid, "--", "true");
                assertEquals(125, enter.rc());
                assertTrue(enter.err().contains(what) && enter.err().contains("nothing started"), enter.err());
            }
            JsonNode last = lines(H.audit).get(lines(H.audit).size() - 1);
            assertEquals("refused", last.get("phase").asText(), "refused before anything was tried: " + last);
        } finally {
            parent.destroyForcibly();
        }
        PackagedJar.Run one = H.nscope("enter", "1", "--", "true");
        boolean refusesRoot;
        try (var c = java.nio.channels.FileChannel.open(Path.of("/proc/1/ns/mnt"))) {
            refusesRoot = false;
        } catch (java.io.IOException e) {
            refusesRoot = true; // as on this VM: its init's namespace files are closed even to root
        }
        if (refusesRoot) {
            assertEquals(125, one.rc());
            assertTrue(one.err().contains("PID 1 (the host's init) refuses even root here"), one.err());
        } else {
            assertEquals(0, one.rc(), one.err());
        }
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsMade() throws Exception {
        String n = "nscope-test-v" + H.me;
        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] {"--memory", "banana"}, "--memory is a size like 32M");
        cases.put(new String[] {"--memory", "1k"}, "at least 4M");
        cases.put(new String[] {"--memory", "99999999T"}, "--memory is a size");
        cases.put(new String[] {"--pids", "0"}, "--pids is a whole number from 1 to 4194304");
        cases.put(new String[] {"--pids", "12x"}, "--pids is a whole number");
        cases.put(new String[] {"--cpu", "0"}, "--cpu is from 0.01 to 1024 CPUs");
        cases.put(new String[] {"--cpu", "NaN"}, "--cpu is from 0.01 to 1024 CPUs");
        cases.put(new String[] {"--cap-add", "FLY"}, "unknown capability \"FLY\"");
        cases.put(new String[] {"--user", "root"}, "--user is a numeric UID or UID:GID");
        cases.put(new String[] {"--security-opt", "apparmor=x"}, "--security-opt is seccomp=unconfined");
        for (var c : cases.entrySet()) {
            List<String> a = new ArrayList<>(List.of("run", "-d", "--name", n));
            a.addAll(List.of(c.getKey()));
            a.add(ContainerHost.BUSYBOX.toString());
            PackagedJar.Run r = H.nscope(a.toArray(String[]::new));
            assertEquals(125, r.rc(), String.join(" ", c.getKey()) + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()), r.err());
            assertFalse(Files.exists(H.state.resolve(n)), "nothing made for " + String.join(" ", c.getKey()));
            assertEquals(List.of(), H.leftovers());
        }
        for (String bad : List.of("FOO=bar", "1X", "*")) {
            PackagedJar.Run r = H.nscope(
                    "enter",
                    "--keep-env",
                    bad,
                    Long.toString(ProcessHandle.current().pid()),
                    "--",
                    "true");
            assertEquals(125, r.rc(), r.err());
            assertTrue(r.err().contains("--keep-env takes variable names"), r.err());
        }
    }

    @Test
    void anInteractiveRunThatFailsSaysItInOneLineAndLeavesNothing() throws Exception {
        Path img = H.probeImage("nosh", false);
        PackagedJar.Run r =
                H.nscope("run", "--rm", "--name", "nscope-test-i" + H.me, img.toString(), "--", "/probe", "hello");
        assertEquals(0, r.rc(), "an image of one static binary runs: " + r.err());
        PackagedJar.Run noShell = H.nscope("run", "--name", "nscope-test-i" + H.me, img.toString());
        assertEquals(125, noShell.rc());
        assertEquals(
                "nscope: run: the image has no /bin/sh: give a command",
                noShell.err().strip());
        H.made.add("nscope-test-i" + H.me);
        PackagedJar.Run failing = H.nscope(
                Map.of("NSCOPE_TEST_FAIL_AT", "go"),
                "run",
                "--name",
                "nscope-test-j" + H.me,
                img.toString(),
                "--",
                "/probe",
                "hello");
        assertEquals(125, failing.rc());
        assertEquals(1, failing.err().strip().lines().count(), failing.err());
        assertTrue(
                failing.err().startsWith("nscope: run: creating nscope-test-j" + H.me + ": step go failed"),
                failing.err());
        assertEquals(List.of(), H.leftovers());
    }
}
