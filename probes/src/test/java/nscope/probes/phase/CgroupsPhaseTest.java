package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.Scope;
import nscope.probes.read.cgroup.CgroupWalk;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * The cgroup phase on the hand-built cgroup fixtures: the trees walked,
 * each cgroup's processes from /proc/PID/cgroup and its threads, v1 thread
 * lists only when asked for, each cgroup namespace's roots; the reads
 * beside the walk on a pool that does not grow with the scans.
 */
class CgroupsPhaseTest {
    static final String BATCH = "/batch";

    static CgroupTree tree(Scan s, String label) {
        return s.cgroups().trees().stream()
                .filter(t -> t.hierarchy().label().equals(label))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void v2TreeWithEachCgroupsProcessesAndThreads() throws IOException {
        Scan s = Scans.after(Scans.fixture("cgroup-v2"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        assertEquals(-1, s.cgroupNanos(), "not run yet");
        new CgroupsPhase(false).run(s);
        assertTrue(s.cgroupNanos() >= 0);
        assertEquals(1, s.cgroups().trees().size());
        CgroupTree v2 = tree(s, "v2");
        Cgroup nginx = v2.cgroup("/system.slice/nginx.service").orElseThrow();
        assertEquals(3, nginx.procs().get().size());
        for (int pid : nginx.procs().get())
            assertEquals(
                    "/system.slice/nginx.service",
                    s.cgroups().pathOf(pid, pid, v2.hierarchy()).orElseThrow());
        assertTrue(nginx.threads().known(), "v2 thread lists are always read");
        assertEquals(s.tgids().size(), s.cgroups().lines().size(), "every process's /proc/PID/cgroup");
    }

    @Test
    void v1ThreadListsFromTheTasksFilesOrEachThreadsOwnCgroupFile() throws IOException {
        Host host = Scans.fixture("cgroup-v1");
        // not asked for the tasks lists: each thread's own /proc/PID/task/TID/cgroup places it
        Scan without = Scans.after(host, Scope.TASKS, new TasksPhase(), new NamespacesPhase(), new CgroupsPhase(false));
        assertEquals(8, without.cgroups().trees().size());
        CgroupTree cpu = tree(without, "cpu,cpuacct");
        Cgroup batch = cpu.cgroup(BATCH).orElseThrow();
        assertEquals(List.of(2397), batch.threads().get(), "the thread apart, from its own cgroup file");
        assertEquals(List.of(2391), batch.procs().get(), "its process is listed, as v1 cgroup.procs lists it");
        assertEquals(
                BATCH, without.cgroups().pathOf(2397, 2391, cpu.hierarchy()).orElseThrow());
        assertEquals(
                "/system.slice/mariadb.service",
                without.cgroups().pathOf(2396, 2391, cpu.hierarchy()).orElseThrow());
        assertEquals(
                List.of(cpu.hierarchy()),
                without.cgroups().differing(2397, 2391),
                "its cgroups differ in one hierarchy");
        assertEquals(List.of(), without.cgroups().differing(2396, 2391));
        // where the threads outnumber the tasks files' break-even, the next scan lists them by the tasks files
        CgroupsPhase lists = new CgroupsPhase(false, 0);
        Scan first = Scans.after(host, Scope.TASKS, new TasksPhase(), new NamespacesPhase(), lists);
        Scan second = Scans.after(host, Scope.TASKS, new TasksPhase(), new NamespacesPhase(), lists);
        for (Scan x : List.of(first, second)) {
            Cgroup b = tree(x, "cpu,cpuacct").cgroup(BATCH).orElseThrow();
            assertEquals(List.of(2397), b.threads().get());
            assertEquals(List.of(2391), b.procs().get());
        }
        assertEquals(
                tree(first, "memory")
                        .cgroup("/system.slice/mariadb.service")
                        .orElseThrow()
                        .threads(),
                tree(second, "memory")
                        .cgroup("/system.slice/mariadb.service")
                        .orElseThrow()
                        .threads(),
                "the thread files and the tasks lists agree");
        // a processes-only scan reads no thread: v1 thread lists stay unknown, and say why
        Scan bare =
                Scans.after(host, Scope.PROCESSES, new TasksPhase(), new NamespacesPhase(), new CgroupsPhase(false));
        Cgroup unread = tree(bare, "cpu,cpuacct").cgroup(BATCH).orElseThrow();
        assertEquals(Unknown.Reason.NOT_PROVIDED, unread.threads().why().reason());
        assertEquals(CgroupWalk.V1_THREADS_NOT_READ, unread.threads().why().detail());
        assertEquals(List.of(), unread.procs().get(), "no process's own line names it");

        Scan with = Scans.after(host, Scope.TASKS, new TasksPhase(), new NamespacesPhase(), new CgroupsPhase(true));
        Cgroup threaded = tree(with, "cpu,cpuacct").cgroup(BATCH).orElseThrow();
        assertEquals(List.of(2397), threaded.threads().get(), "a thread placed apart from its process");
        assertEquals(List.of(2391), threaded.procs().get(), "its process is listed, as v1 cgroup.procs lists it");
        // a processes-only scan finds the thread's process by listing /proc/PID/task
        Scan procs =
                Scans.after(host, Scope.PROCESSES, new TasksPhase(), new NamespacesPhase(), new CgroupsPhase(true));
        assertEquals(
                List.of(2391),
                tree(procs, "cpu,cpuacct").cgroup(BATCH).orElseThrow().procs().get());
    }

    @Test
    void eachCgroupNamespacesRootsJoinTheFacts() throws IOException {
        Scan s = Scans.after(Scans.fixture("cgroup-docker"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        CgroupsPhase phase = new CgroupsPhase(false);
        phase.run(s);
        NsFacts.Cgroup c =
                (NsFacts.Cgroup) s.facts().get(new NsId(4, 4026532200L)).get();
        assertEquals(1322, c.tid());
        CgroupLine root = c.roots().get(0);
        assertTrue(
                root.path().startsWith("/system.slice/docker-") && root.path().endsWith(".scope"), root.toString());
        // the same phase again (its kept roots are checked, or read again on a tree that gives no cgroup ids)
        Scan again = Scans.after(Scans.fixture("cgroup-docker"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        phase.run(again);
        assertEquals(s.facts(), again.facts());
        assertEquals(s.cgroups().trees(), again.cgroups().trees());
    }

    @Test
    void theReadsBesideTheWalkShareOneSmallPoolOfDaemonThreads() throws IOException {
        Host host = Scans.fixture("cgroup-k8s");
        for (int i = 0; i < 4; i++)
            Scans.after(host, Scope.PROCESSES, new TasksPhase(), new NamespacesPhase(), new CgroupsPhase(false));
        List<Thread> side = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nscope-cgroup-side-"))
                .toList();
        assertFalse(side.isEmpty(), "they ran on the pool");
        assertTrue(side.size() <= 2, "two threads at most, however many scans: " + side);
        assertTrue(side.stream().allMatch(Thread::isDaemon), "they never hold the JVM up");
    }
}
