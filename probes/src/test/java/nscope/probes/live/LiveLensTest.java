package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import nscope.probes.lens.LensReader;
import nscope.probes.lens.TaskLens;
import nscope.probes.lens.TaskLens.CgroupPlace;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.model.NsFacts;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * The lens on real kernel objects: a multithreaded process at the bottom of three nested pid namespaces
 * (unshare --pid --fork --mount-proc, three times), every field compared with what /proc says (NSpid,
 * NStgid, NSpgid, NSsid, cgroup, the ns links, uid_map) and with `nsenter -t PID -p cat
 * /proc/sys/kernel/ns_last_pid` at each level; a thread moved alone into a v1 cgroup; the "no PID 1 yet"
 * of `unshare -p sleep`; a user namespace's map and a time namespace's offsets for the next fork. Every
 * process started here is killed by PID at the end.
 */
@LiveTest
class LiveLensTest {
    private static final String NESTED = "unshare --pid --fork --mount-proc";

    /** The nest: the outer unshare's process, and the host PIDs of each level's PID 1 and of the threads program. */
    record Nest(Process outer, List<Integer> inits, int threads, List<Integer> tids) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            kill(outer);
        }
    }

    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "process " + p.pid() + " did not end after SIGKILL");
    }

    /** Three nested pid namespaces; at the bottom sh (PID 1) runs the threads helper (PID 2, 3 extra threads). */
    static Nest nest() throws Exception {
        Path bin = ThreadsChild.binary();
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < 3; i++) argv.addAll(List.of(NESTED.split(" ")));
        argv.addAll(List.of("sh", "-c", "\"$0\" 3 & wait", bin.toString()));
        Process outer = new ProcessBuilder(argv).redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(outer.getInputStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String l; said.size() < 5 && (l = out.readLine()) != null; ) said.add(l.trim());
        assertEquals("ready", said.get(said.size() - 1), "the threads helper said " + said);
        ProcessHandle threads = outer.descendants()
                .filter(h -> h.info().command().orElse("").endsWith("nscope-test-threads"))
                .findFirst()
                .orElseThrow();
        int pid = (int) threads.pid();
        List<Integer> inits = new ArrayList<>(); // levels 1, 2, 3: the parents of the threads helper, upward
        for (int p = ppid(pid); inits.size() < 3; p = ppid(p)) inits.add(0, p);
        List<Integer> tids = new ArrayList<>();
        for (String n : new java.io.File("/proc/" + pid + "/task").list()) tids.add(Integer.parseInt(n));
        tids.sort(null);
        return new Nest(outer, inits, pid, tids);
    }

    static int ppid(int pid) throws IOException {
        return Integer.parseInt(field("/proc/" + pid + "/status", "PPid").get(0));
    }

    /** A status field's numbers ("NSpid" of /proc/.../status). */
    static List<String> field(String file, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(file)))
            if (line.startsWith(key + ":"))
                return List.of(line.substring(key.length() + 1).trim().split("\\s+"));
        throw new AssertionError(file + " has no " + key);
    }

    static List<Integer> ints(List<String> s) {
        return s.stream().map(Integer::parseInt).toList();
    }

    static long ino(String link) throws IOException {
        String t = Files.readSymbolicLink(Path.of(link)).toString();
        return Long.parseLong(t.substring(t.indexOf('[') + 1, t.length() - 1));
    }

    static TaskLens lens(int tid) {
        var r = new LensReader(Host.liveNative()).read(tid);
        assertTrue(r.known(), String.valueOf(r));
        return r.get();
    }

    /** ns_last_pid as `nsenter -t PID -p cat /proc/sys/kernel/ns_last_pid` prints it. */
    static long lastPidVia(int pid) throws Exception {
        Process p = new ProcessBuilder(
                        "nsenter", "-t", Integer.toString(pid), "-p", "cat", "/proc/sys/kernel/ns_last_pid")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Long.parseLong(out);
    }

    @Test
    void threeNestedPidNamespacesWithAMultithreadedProcess() throws Exception {
        try (Nest n = nest()) {
            int tid = n.tids().get(2);
            TaskLens l = lens(tid);
            String dir = "/proc/" + n.threads() + "/task/" + tid;
            assertTrue(l.subject().thread());
            assertEquals(n.threads(), l.subject().tgid());
            List<Level> levels = l.levels().get();
            assertEquals(4, levels.size(), "the host's and three nested");
            List<Integer> nsPid = ints(field(dir + "/status", "NSpid")),
                    nsTgid = ints(field(dir + "/status", "NStgid"));
            List<Integer> nsPgid = ints(field(dir + "/status", "NSpgid")),
                    nsSid = ints(field(dir + "/status", "NSsid"));
            for (int i = 0; i < 4; i++) {
                Level v = levels.get(i);
                assertEquals(nsPid.get(i), v.pid(), "NSpid at level " + i);
                assertEquals(nsTgid.get(i), v.tgid(), "NStgid at level " + i);
                assertEquals(nsPgid.get(i), v.pgid(), "NSpgid at level " + i);
                assertEquals(nsSid.get(i), v.sid(), "NSsid at level " + i);
                int init = i == 0 ? 1 : n.inits().get(i - 1);
                assertEquals(init, v.init().get(), "PID 1 at level " + i);
                // level 0 is ours (this host's PID 1 may refuse its links even to root)
                String via = i == 0 ? "/proc/self" : "/proc/" + init;
                assertEquals(ino(via + "/ns/pid"), v.ns().get().ino(), "the pid namespace at level " + i);
                assertEquals(ino("/proc/self/ns/user"), v.owner().get().ino(), "owned by the host's user namespace");
                assertEquals(
                        List.of("1"),
                        i == 0
                                ? List.of("1")
                                : List.of(field("/proc/" + init + "/status", "NSpid")
                                        .get(i)));
            }
            assertEquals(ino(dir + "/ns/pid"), levels.get(3).ns().get().ino());
            assertEquals(2, levels.get(3).tgid(), "the helper is PID 2 under sh");
            lastPids(n, levels);
            group(n, l);
            assertEquals(n.inits().get(2), l.family().parent().get().pid());
            assertEquals(1, l.family().parentInNs().get(), "sh is PID 1 there: getppid() says 1");
            assertEquals(n.inits().get(2), l.family().reaper().get().pid());
            assertFalse(l.family().init());
            TaskLens sh = lens(n.inits().get(2));
            assertTrue(sh.family().init());
            assertTrue(sh.family().children().get().stream().anyMatch(c -> c.pid() == n.threads()));
            assertEquals(0, sh.family().parentInNs().get(), "its parent is in the namespace above: getppid() says 0");
            caps(dir, l);
            assertEquals(cgroupFile(dir), places(l));
        }
    }

    /**
     * Each nested namespace's ns_last_pid against nsenter's, read after the lens, from the bottom up: the
     * lens read them bottom up, so no reader of its own took a PID below a level after reading it; each check
     * takes one at its level and at those above, so level L (of 3) reads the lens's figure plus 4 - L.
     */
    private static void lastPids(Nest n, List<Level> levels) throws Exception {
        Map<Integer, Long> nsenter = new TreeMap<>();
        for (int i = 3; i >= 1; i--) nsenter.put(i, lastPidVia(n.inits().get(i - 1)));
        for (int i = 1; i <= 3; i++) {
            Level v = levels.get(i);
            assertNotNull(v.lastPid(), "level " + i + ": " + v.lastPidGap());
            assertEquals(v.lastPid() + (4 - i), nsenter.get(i), "ns_last_pid at level " + i);
            assertTrue(v.lastPidReadAt() != null);
        }
        assertNotNull(levels.get(0).lastPid(), String.valueOf(levels.get(0).lastPidGap()));
        assertTrue(levels.get(0).lastPid() > 0 && levels.get(0).lastPid() <= 4_194_304, "a host PID");
    }

    private static void group(Nest n, TaskLens l) throws IOException {
        List<Member> ts = l.group().threads().get();
        assertEquals(n.tids(), ts.stream().map(Member::tid).sorted().toList());
        assertEquals(n.threads(), ts.get(0).tid(), "the leader first");
        for (Member m : ts) {
            assertEquals(
                    ints(field("/proc/" + n.threads() + "/task/" + m.tid() + "/status", "NSpid")),
                    m.nsPid().get());
            assertTrue(m.nsDiffers().get().isEmpty(), "thread " + m.tid() + " is where its leader is");
            assertTrue(m.cgroupsDiffer().get().isEmpty(), "thread " + m.tid() + " is in its leader's cgroups");
        }
    }

    private static void caps(String dir, TaskLens l) throws IOException {
        for (TaskLens.CapSet c : l.caps().get())
            assertEquals(Long.parseUnsignedLong(field(dir + "/status", c.name()).get(0), 16), c.mask(), c.name());
        assertEquals(5, l.caps().get().size(), "CapInh, CapPrm, CapEff, CapBnd, CapAmb");
    }

    static List<String> cgroupFile(String dir) throws IOException {
        return Files.readAllLines(Path.of(dir + "/cgroup")).stream()
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static List<String> places(TaskLens l) {
        return l.cgroups().get().stream()
                .map(c -> c.id() + ":" + (c.hierarchy().equals("v2") ? "" : c.hierarchy()) + ":" + c.path())
                .toList();
    }

    @Test
    void aThreadMovedAloneIntoAV1CgroupDiffersFromItsLeader() throws Exception {
        Path pids = TestCgroup.mountOf("pids");
        org.junit.jupiter.api.Assumptions.assumeTrue(pids != null, "no v1 pids hierarchy on this host");
        try (TestCgroup cg = new TestCgroup(pids, "nscope-test-lens-thread")) {
            try (Nest n = nest()) {
                int tid = n.tids().get(1);
                cg.write("tasks", Integer.toString(tid)); // v1: one thread alone
                TaskLens l = lens(tid);
                String dir = "/proc/" + n.threads() + "/task/" + tid;
                assertEquals(cgroupFile(dir), places(l), "its own task/TID/cgroup");
                CgroupPlace p = l.cgroups().get().stream()
                        .filter(c -> c.hierarchy().equals("pids"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(cg.path, p.path());
                assertTrue(p.differs(), String.valueOf(p));
                String leaderLine = cgroupFile("/proc/" + n.threads() + "/task/" + n.threads()).stream()
                        .filter(s -> s.split(":", 3)[1].equals("pids"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(leaderLine.split(":", 3)[2], p.leaderPath().get());
                Member m = lens(n.threads()).group().threads().get().stream()
                        .filter(x -> x.tid() == tid)
                        .findFirst()
                        .orElseThrow();
                assertEquals(List.of(p.id() + ":pids"), m.cgroupsDiffer().get());
            }
        }
    }

    @Test
    void unshareWithoutForkHasNoPid1YetForItsNextChild() throws Exception {
        Process p = new ProcessBuilder("unshare", "--pid", "sleep", "300").start();
        try {
            int pid = (int) p.pid();
            waitForExec(pid, "sleep");
            org.junit.jupiter.api.Assertions.assertThrows(
                    NoSuchFileException.class,
                    () -> Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/pid_for_children")),
                    "the kernel answers ENOENT");
            TaskLens l = lens(pid);
            assertTrue(l.pidForChildren().noInitYet(), String.valueOf(l.pidForChildren()));
            assertEquals(
                    TaskLens.ForChildren.NO_INIT_YET, l.pidForChildren().gap().reason());
            assertEquals(
                    ino("/proc/" + pid + "/ns/pid"),
                    l.pidForChildren().own().get().ino());
            assertEquals(1, l.levels().get().size(), "the task itself stays in the host's namespace");
        } finally {
            kill(p);
        }
    }

    @Test
    void aUserNamespacesMapAndATimeNamespacesOffsetsForTheNextFork() throws Exception {
        // unshare moves itself into the new user namespace but stays in its time namespace: only its next child
        // (sleep, --fork) is made in the new one (an exec would have moved unshare itself there)
        List<String> argv = List.of(
                "unshare",
                "--user",
                "--map-user=1000",
                "--map-group=1000",
                "--time",
                "--monotonic=100",
                "--fork",
                "sleep",
                "300");
        Process p = new ProcessBuilder(argv).start();
        try {
            int pid = (int) p.pid();
            for (int i = 0; i < 500 && p.children().findAny().isEmpty(); i++) Thread.sleep(10);
            waitForExec((int) p.children().findFirst().orElseThrow().pid(), "sleep");
            TaskLens l = lens(pid);
            List<TaskLens.UserLevel> users = l.users().get();
            assertEquals(2, users.size());
            assertEquals(
                    ino("/proc/" + pid + "/ns/user"), users.get(1).ns().get().ino());
            assertEquals(
                    List.of(new NsFacts.IdRange(1000, 0, 1)),
                    users.get(1).uidMap().get());
            assertEquals(
                    "1000 0 1",
                    String.join(
                            " ",
                            Files.readString(Path.of("/proc/" + pid + "/uid_map"))
                                    .trim()
                                    .split("\\s+")));
            assertEquals(1000L, users.get(1).uid().get(), "root on the host is 1000 inside");
            assertEquals(0L, users.get(0).uid().get());
            TaskLens.ForChildren t = l.timeForChildren();
            assertTrue(t.differs(), String.valueOf(t));
            assertEquals(ino("/proc/" + pid + "/ns/time_for_children"), t.next().ino());
            assertEquals(ino("/proc/" + pid + "/ns/time"), t.own().get().ino());
            assertEquals(100, t.offsets().get().monotonicSec());
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/timens_offsets"))
                    .matches("(?s)monotonic\\s+100\\s.*"));
        } finally {
            kill(p);
        }
    }

    /** Waits until the process has exec'd its command (unshare first sets up, then execs). */
    static void waitForExec(int pid, String comm) throws Exception {
        Path f = Path.of("/proc/" + pid + "/comm");
        for (int i = 0; i < 500; i++) {
            if (Files.readString(f).trim().equals(comm)) return;
            Thread.sleep(10);
        }
        throw new AssertionError(pid + " never became " + comm);
    }
}
