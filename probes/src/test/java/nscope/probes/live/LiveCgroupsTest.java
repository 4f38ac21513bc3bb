package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * Cgroups made for real (nscope-test-*), in v1 hierarchies and in the v2
 * one, with real processes and threads, limits set through the kernel's
 * files: the snapshot must read back membership, limits and usage.
 */
@LiveTest
class LiveCgroupsTest {
    private static final String NAME =
            "nscope-test-cg-" + ProcessHandle.current().pid();

    static Snapshot scan() {
        return new Collector(
                        Host.liveNative(),
                        Scope.TASKS,
                        EnumSet.of(Collector.Phase.CGROUPS, Collector.Phase.CGROUP_THREADS))
                .collect();
    }

    static CgroupTree tree(Snapshot s, Path mount) {
        return s.cgroups().trees().stream()
                .filter(t -> t.hierarchy().mountPoint().equals(mount.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hierarchy mounted at " + mount + " in "
                        + s.cgroups().trees()));
    }

    static Cgroup cgroup(Snapshot s, Path mount, String path) {
        return tree(s, mount)
                .cgroup(path)
                .orElseThrow(() -> new AssertionError("no cgroup " + path + " under " + mount));
    }

    static Set<Integer> ids(String text) {
        Set<Integer> out = new TreeSet<>();
        for (String l : text.split("\n")) if (!l.isBlank()) out.add(Integer.parseInt(l.trim()));
        return out;
    }

    @Test
    void v1MembershipLimitsAndUsageWithAThreadApart() throws Exception {
        Path memory = TestCgroup.mountOf("memory"), pids = TestCgroup.mountOf("pids"), cpu = TestCgroup.mountOf("cpu");
        assumeTrue(memory != null && pids != null && cpu != null, "needs v1 memory, pids and cpu hierarchies");
        try (TestCgroup mem = new TestCgroup(memory, NAME);
                TestCgroup pid = new TestCgroup(pids, NAME);
                TestCgroup cp = new TestCgroup(cpu, NAME)) {
            mem.write("memory.limit_in_bytes", Long.toString(64L << 20));
            pid.write("pids.max", "16");
            cp.write("cpu.cfs_quota_us", "50000");
            String side = cp.child("side");
            ThreadsChild.Started t = ThreadsChild.start(3);
            try (var child = t.child()) {
                for (TestCgroup c : List.of(mem, pid, cp)) c.addProcess(t.pid());
                int apart = t.ids().get(2);
                cp.write("side", "tasks", Integer.toString(apart)); // v1: one thread moves alone

                String usageBefore = mem.read("memory.usage_in_bytes").trim();
                Snapshot s = scan();
                String usageAfter = mem.read("memory.usage_in_bytes").trim();
                Cgroup m = cgroup(s, memory, mem.path);
                assertEquals(List.of(t.pid()), m.procs().get(), "processes, placed by /proc/PID/cgroup");
                assertEquals(
                        ids(mem.read("cgroup.procs")), new TreeSet<>(m.procs().get()), "as cgroup.procs lists them");
                assertEquals(new TreeSet<>(t.ids()), new TreeSet<>(m.threads().get()), "every thread, from tasks");
                assertEquals(64L << 20, CgroupFigures.memoryLimit(m).get().value());
                // v1 does not move a process's charge with it (move_charge_at_immigrate 0): usage is what the file says
                if (usageBefore.equals(usageAfter))
                    assertEquals(
                            Long.parseLong(usageAfter),
                            CgroupFigures.memoryCurrent(m).get());
                assertTrue(
                        m.num("memory.memsw.limit_in_bytes")
                                .map(CgValue.Num::unlimited)
                                .orElse(true),
                        "no swap limit set");

                Cgroup p = cgroup(s, pids, pid.path);
                assertEquals(4L, CgroupFigures.pidsCurrent(p).get(), "the process and its 3 threads");
                assertEquals(16L, CgroupFigures.pidsMax(p).get().value());

                Cgroup c = cgroup(s, cpu, cp.path);
                assertEquals(50000L, c.num("cpu.cfs_quota_us").get().value());
                assertEquals(100000L, c.num("cpu.cfs_period_us").get().value());
                assertTrue(c.threads().get().contains(t.pid())
                        && !c.threads().get().contains(apart));
                Cgroup sideCg = cgroup(s, cpu, side);
                assertEquals(List.of(apart), sideCg.threads().get());
                assertEquals(
                        List.of(t.pid()),
                        sideCg.procs().get(),
                        "the process of a thread in it, as v1 cgroup.procs lists it");
                assertEquals(
                        ids(Files.readString(cp.dir.resolve("side/cgroup.procs"))),
                        new TreeSet<>(sideCg.procs().get()));
                var h = tree(s, cpu).hierarchy();
                assertEquals(side, s.cgroups().pathOf(apart, t.pid(), h).orElseThrow(), "the thread's own cgroup");
                assertEquals(cp.path, s.cgroups().pathOf(t.pid(), t.pid(), h).orElseThrow(), "the leader's");
                assertTrue(tree(s, cpu).cgroup("/").get().children().contains(cp.path));

                // a live refresh reads no tasks list: each thread is placed by its own cgroup file
                Snapshot light =
                        new Collector(Host.liveNative(), Scope.TASKS, EnumSet.of(Collector.Phase.CGROUPS)).collect();
                Cgroup lm = cgroup(light, memory, mem.path);
                assertEquals(List.of(t.pid()), lm.procs().get());
                assertEquals(
                        new TreeSet<>(t.ids()), new TreeSet<>(lm.threads().get()), "every thread, each by its own");
                assertEquals(List.of(apart), cgroup(light, cpu, side).threads().get());
                assertEquals(64L << 20, CgroupFigures.memoryLimit(lm).get().value());
            }
        }
    }

    @Test
    void v2MembershipThreadsTypeFreezeAndPressure() throws Exception {
        Path v2 = TestCgroup.mountOf("v2");
        assumeTrue(v2 != null, "needs a cgroup2 mount");
        try (TestCgroup cg = new TestCgroup(v2, NAME)) {
            ThreadsChild.Started t = ThreadsChild.start(2);
            try (var child = t.child()) {
                cg.addProcess(t.pid());
                // v2 thread lists are read even in a live refresh
                Snapshot s =
                        new Collector(Host.liveNative(), Scope.TASKS, EnumSet.of(Collector.Phase.CGROUPS)).collect();
                Cgroup c = cgroup(s, v2, cg.path);
                assertEquals(List.of(t.pid()), c.procs().get());
                assertEquals(new TreeSet<>(t.ids()), new TreeSet<>(c.threads().get()), "cgroup.threads");
                assertEquals("domain", CgroupFigures.type(c).get());
                assertEquals(true, CgroupFigures.populated(c).get());
                assertEquals(false, CgroupFigures.frozen(c).get());
                assertTrue(CgroupFigures.cpuUsageUsec(c).isPresent(), "cpu.stat usage_usec is in every v2 cgroup");
                if (Files.exists(cg.dir.resolve("cpu.pressure")))
                    assertNotNull(((CgValue.Pressure) c.value("cpu.pressure").get()).some());

                cg.write("cgroup.freeze", "1");
                for (int i = 0; i < 100 && !cg.read("cgroup.events").contains("frozen 1"); i++) Thread.sleep(20);
                Cgroup frozen = cgroup(scan(), v2, cg.path);
                assertEquals(true, CgroupFigures.frozen(frozen).get());
                assertEquals(1L, frozen.num("cgroup.freeze").get().value());
                cg.write("cgroup.freeze", "0");
            }
            // the members gone: populated turns 0
            for (int i = 0; i < 100 && !cg.read("cgroup.events").contains("populated 0"); i++) Thread.sleep(20);
            Cgroup empty = cgroup(scan(), v2, cg.path);
            assertEquals(false, CgroupFigures.populated(empty).get());
            assertEquals(List.of(), empty.procs().get());
        }
    }

    @Test
    void aMemoryHogIsOomKilledAndTheEventIsRead() throws Exception {
        Path memory = TestCgroup.mountOf("memory");
        assumeTrue(memory != null, "needs a v1 memory hierarchy");
        try (TestCgroup mem = new TestCgroup(memory, NAME + "-oom")) {
            mem.write("memory.limit_in_bytes", Long.toString(16L << 20));
            if (Files.exists(mem.dir.resolve("memory.memsw.limit_in_bytes")))
                mem.write("memory.memsw.limit_in_bytes", Long.toString(16L << 20));
            // tail buffers an endless line of /dev/zero: it grows until the limit kills it.
            // It waits for a line on stdin first, so it is in the cgroup before it grows.
            Process hog = new ProcessBuilder("sh", "-c", "read go && exec tail /dev/zero")
                    .redirectErrorStream(true)
                    .start();
            try {
                mem.addProcess((int) hog.pid());
                hog.getOutputStream().write("go\n".getBytes());
                hog.getOutputStream().flush();
                assertTrue(
                        hog.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the hog was not killed within 60 s");
                assertEquals(137, hog.exitValue(), "killed by SIGKILL (the OOM killer)");
            } finally {
                hog.destroyForcibly().waitFor();
            }
            Cgroup c = cgroup(scan(), memory, mem.path);
            assertTrue(
                    CgroupFigures.oomKills(c).orElse(0L) >= 1,
                    "oom_kill in memory.oom_control: " + c.value("memory.oom_control"));
        }
    }

    /**
     * A process in a cgroup namespace of its own (unshare -C), rooted at a
     * test cgroup, then moved below that root: nscope shows its host path
     * and the path it sees itself, as nsenter -C ... cat /proc/PID/cgroup shows it.
     */
    @Test
    void aProcessInItsOwnCgroupNamespaceSeesPathsFromItsRoot() throws Exception {
        Path v2 = TestCgroup.mountOf("v2"), memory = TestCgroup.mountOf("memory");
        assumeTrue(v2 != null && memory != null, "needs cgroup2 and a v1 memory hierarchy");
        try (TestCgroup cg = new TestCgroup(v2, NAME + "-ns");
                TestCgroup mem = new TestCgroup(memory, NAME + "-ns")) {
            String inner = cg.child("inner");
            Process p = new ProcessBuilder("sh", "-c", "read go && exec unshare --cgroup sleep 1000")
                    .redirectErrorStream(true)
                    .start();
            int pid = (int) p.pid();
            try {
                cg.addProcess(pid);
                mem.addProcess(pid);
                p.getOutputStream().write("go\n".getBytes());
                p.getOutputStream().flush();
                Path comm = Path.of("/proc/" + pid + "/comm");
                for (int i = 0; i < 250 && !Files.readString(comm).trim().equals("sleep"); i++) Thread.sleep(20);
                assertEquals("sleep", Files.readString(comm).trim());
                cg.write("inner", "cgroup.procs", Integer.toString(pid)); // below its namespace's root

                Snapshot s =
                        new Collector(Host.liveNative(), Scope.TASKS, EnumSet.of(Collector.Phase.CGROUPS)).collect();
                Process in = new ProcessBuilder(
                                "nsenter", "-t", Integer.toString(pid), "-C", "cat", "/proc/" + pid + "/cgroup")
                        .start();
                List<String> seen =
                        new String(in.getInputStream().readAllBytes()).lines().toList();
                assertEquals(0, in.waitFor());
                var lines = s.cgroups().lines(pid).orElseThrow().get();
                int checked = 0;
                for (var l : lines) {
                    String kernel = seen.stream()
                            .filter(x -> x.startsWith(l.id() + ":" + l.controllers() + ":"))
                            .findFirst()
                            .orElseThrow();
                    String path = kernel.substring((l.id() + ":" + l.controllers() + ":").length());
                    assertEquals(
                            path,
                            nscope.probes.query.CgroupNsPaths.inner(s, pid, l)
                                    .orElseThrow(() -> new AssertionError("no inner path for " + l)),
                            "inside path of " + l);
                    checked++;
                }
                assertEquals(seen.size(), checked);
                var v2line = lines.stream().filter(l -> l.id() == 0).findFirst().orElseThrow();
                assertEquals(inner, v2line.path(), "the host path");
                assertEquals(
                        "/inner",
                        nscope.probes.query.CgroupNsPaths.inner(s, pid, v2line).get());
                assertEquals(
                        cg.path,
                        nscope.probes.query.CgroupNsPaths.root(s, pid, v2line).get(),
                        "the namespace's root");
                var memline = lines.stream()
                        .filter(l -> l.controllers().equals("memory"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(mem.path, memline.path());
                assertEquals(
                        "/",
                        nscope.probes.query.CgroupNsPaths.inner(s, pid, memline).get());
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * A live host keeps the descriptors of cgroup files it reads on every
     * scan: a value written between scans is read anew, a cgroup removed and
     * made again under its name is read through its new files, and the
     * descriptors of cgroups gone are closed, so repeated scans hold no more.
     */
    @Test
    void keptDescriptorsReadFreshValuesAndDoNotPileUp() throws Exception {
        Path pids = TestCgroup.mountOf("pids");
        assumeTrue(pids != null, "needs a v1 pids hierarchy");
        Host host = Host.liveRefreshed();
        Collector c = new Collector(host, Scope.PROCESSES, EnumSet.of(Collector.Phase.CGROUPS));
        long before = fds();
        c.collect();
        // counted at once: cgroups others make on this shared host later would count in a later figure, not in these
        // fds
        long settled = fds(), keptFirst = ((nscope.probes.source.NativeFiles) host.files()).keptOpen(), kept;
        try (TestCgroup cg = new TestCgroup(pids, NAME + "-kept")) {
            cg.write("pids.max", "7");
            assertEquals(
                    7L,
                    CgroupFigures.pidsMax(cgroup(c.collect(), pids, cg.path))
                            .get()
                            .value());
            cg.write("pids.max", "9");
            assertEquals(
                    9L,
                    CgroupFigures.pidsMax(cgroup(c.collect(), pids, cg.path))
                            .get()
                            .value(),
                    "read anew through the kept descriptor");
            String child = cg.child("again");
            cg.write("again", "pids.max", "3");
            assertEquals(
                    3L,
                    CgroupFigures.pidsMax(cgroup(c.collect(), pids, child))
                            .get()
                            .value());
            Files.delete(cg.dir.resolve("again"));
            Files.createDirectory(cg.dir.resolve("again"));
            cg.write("again", "pids.max", "5");
            assertEquals(
                    5L,
                    CgroupFigures.pidsMax(cgroup(c.collect(), pids, child))
                            .get()
                            .value(),
                    "the cgroup made again, not the removed one");
            kept = ((nscope.probes.source.NativeFiles) host.files()).keptOpen();
            assertTrue(kept > 0, "descriptors are kept between scans");
        }
        for (int i = 0; i < 50; i++) {
            // a cgroup made and removed between every scan
            try (TestCgroup churn = new TestCgroup(pids, NAME + "-churn")) {
                churn.write("pids.max", "4");
                c.collect();
            }
        }
        c.collect();
        assertTrue(
                Math.abs(fds() - settled) <= 8,
                "open descriptors after 50 scans with churn: " + fds() + ", first scan " + settled);
        assertTrue(
                settled - before >= keptFirst - 8,
                "the first scan kept them open: " + before + " -> " + settled + ", kept " + keptFirst);
        host.release();
        assertTrue(
                Math.abs(fds() - before) <= 8,
                "release lets them go: " + fds() + " open, " + before + " before the first scan");
        assertEquals(0, ((nscope.probes.source.NativeFiles) host.files()).keptOpen());
    }

    private static long fds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Every process's lines, against /proc/PID/cgroup read by the test before and after the scan. */
    @Test
    void everyProcessLinesEqualProcPidCgroup() throws Exception {
        java.util.Map<Integer, String> before = new java.util.HashMap<>();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                before.put((int) p.pid(), Files.readString(Path.of("/proc/" + p.pid() + "/cgroup")));
            } catch (IOException e) {
                // exited, or refused: it has nothing to compare
            }
        }
        Snapshot s = scan();
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (var e : before.entrySet()) {
            String after;
            try {
                after = Files.readString(Path.of("/proc/" + e.getKey() + "/cgroup"));
            } catch (IOException x) {
                continue;
            }
            if (!after.equals(e.getValue())) continue; // moved during the scan
            var lines = s.cgroups().lines(e.getKey());
            if (lines.isEmpty()) continue; // started after the task scan
            StringBuilder b = new StringBuilder();
            for (var l : lines.get().get()) b.append(l).append('\n');
            if (!b.toString().equals(after)) diffs.add(e.getKey() + ": " + b + " vs " + after);
            compared++;
        }
        assertTrue(compared > 10, "compared only " + compared);
        assertEquals(List.of(), diffs);
    }
}
