package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nscope.probes.Refresher;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * #15 item 1 on real kernel objects: one thread of a multithreaded process
 * moved alone into a v1 cgroup (nscope-test-*), as the screen's m does it,
 * seen by the live screen's refresher (which reads no v1 tasks list): the
 * thread's own cgroup, the cgroup's members (the thread, and its process as
 * v1 cgroup.procs lists it), the hierarchy in which it differs from its
 * leader; then moved again, seen on the next refresh of its pinned process.
 */
@LiveTest
class LiveThreadCgroupTest {
    private static final Duration EVERY = Duration.ofSeconds(2);

    @Test
    void aThreadMovedAloneIntoAV1CgroupIsPlacedThere() throws Exception {
        Path pids = TestCgroup.mountOf("pids");
        assumeTrue(pids != null, "needs a v1 pids hierarchy");
        Host host = Host.liveRefreshed();
        try (TestCgroup cg = new TestCgroup(
                pids, "nscope-test-thread-" + ProcessHandle.current().pid())) {
            String apartPath = cg.child("apart");
            ThreadsChild.Started t = ThreadsChild.start(3);
            try (var child = t.child()) {
                cg.addProcess(t.pid());
                int apart = t.ids().get(2);
                cg.write("apart", "tasks", Integer.toString(apart)); // what m on a thread writes
                assertEquals(
                        List.of(Integer.toString(apart)),
                        Files.readAllLines(cg.dir.resolve("apart/tasks")),
                        "the kernel agrees: its tasks file lists the thread");

                Refresher r = new Refresher(host, 1);
                Snapshot s = r.refresh(0, true, EVERY);
                Hierarchy h = LiveCgroupsTest.tree(s, pids).hierarchy();
                assertEquals(apartPath, s.cgroups().pathOf(apart, t.pid(), h).orElseThrow(), "the thread's own");
                assertEquals(cg.path, s.cgroups().pathOf(t.pid(), t.pid(), h).orElseThrow(), "its leader's");
                Cgroup there = LiveCgroupsTest.cgroup(s, pids, apartPath);
                assertEquals(List.of(apart), there.threads().get(), "the cgroup lists the thread as its member");
                assertEquals(List.of(t.pid()), there.procs().get(), "and its process, as v1 cgroup.procs does");
                assertEquals(
                        LiveCgroupsTest.ids(Files.readString(cg.dir.resolve("apart/cgroup.procs"))),
                        new java.util.TreeSet<>(there.procs().get()));
                assertEquals(List.of(h), s.cgroups().differing(apart, t.pid()), "it differs in that hierarchy");
                assertEquals(List.of(), s.cgroups().differing(t.ids().get(1), t.pid()), "its siblings do not");
                Cgroup home = LiveCgroupsTest.cgroup(s, pids, cg.path);
                assertTrue(home.threads()
                        .get()
                        .containsAll(List.of(t.pid(), t.ids().get(1), t.ids().get(3))));
                assertTrue(!home.threads().get().contains(apart), home.threads().toString());

                // moved back, another thread moved: the next refresh of the pinned process says so
                cg.write("tasks", Integer.toString(apart));
                int next = t.ids().get(3);
                cg.write("apart", "tasks", Integer.toString(next));
                Snapshot again = r.refresh(t.pid(), true, EVERY);
                assertEquals(cg.path, again.cgroups().pathOf(apart, t.pid(), h).orElseThrow());
                assertEquals(apartPath, again.cgroups().pathOf(next, t.pid(), h).orElseThrow());
                assertEquals(
                        List.of(next),
                        LiveCgroupsTest.cgroup(again, pids, apartPath).threads().get());
            }
        } finally {
            host.release();
        }
    }
}
