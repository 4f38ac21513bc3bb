package nscope.views.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.testkit.Records;
import nscope.views.tree.Forest;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The processes screen's memo of rows: builds give what a fresh screen would, and keep the rows of unchanged threads. */
class TaskRowsTest {
    static Snapshot snap;

    @BeforeAll
    static void read() throws java.io.IOException {
        RowsOnFixtureTest.read();
        snap = RowsOnFixtureTest.snap;
    }

    @Test
    void buildsKeepUnchangedThreadsRowsAndRemakeChangedOnes() {
        ProcessesScreen screen = new ProcessesScreen();
        Forest first = screen.rows(snap, CgroupCpu.none());
        Forest again = screen.rows(snap, CgroupCpu.none());
        assertEquals(first.roots(), again.roots());
        Task thread = snap.tasks().values().stream()
                .filter(t -> !t.leader())
                .findFirst()
                .orElseThrow();
        RowKey key = RowKey.Task.thread(thread);
        assertSame(
                first.node(key).orElseThrow(),
                again.node(key).orElseThrow(),
                "a thread read again the same keeps its row");

        Snapshot renamed = withTask(snap, Records.with(thread, "comm", "renamed"));
        Forest changed = screen.rows(renamed, CgroupCpu.none());
        assertEquals(
                new ProcessesScreen().rows(renamed, CgroupCpu.none()).roots(), changed.roots(), "as a fresh build");
        assertNotEquals(first.node(key).orElseThrow(), changed.node(key).orElseThrow());
        assertTrue(
                changed.node(key).orElseThrow().cells().contains("{renamed}"),
                changed.node(key).toString());
        // a thread left as it was keeps its row in the build that remade the renamed one
        Task other = snap.tasks().values().stream()
                .filter(t -> !t.leader() && t.tid() != thread.tid())
                .findFirst()
                .orElseThrow();
        RowKey otherKey = RowKey.Task.thread(other);
        assertSame(first.node(otherKey).orElseThrow(), changed.node(otherKey).orElseThrow());
        Forest back = screen.rows(snap, CgroupCpu.none());
        assertEquals(first.roots(), back.roots(), "back to the first snapshot: its rows again");
        assertEquals(new ProcessesScreen().rows(snap, CgroupCpu.none()).roots(), back.roots());
    }

    private static Snapshot withTask(Snapshot s, Task t) {
        Map<Integer, Task> tasks = new HashMap<>(s.tasks());
        tasks.put(t.tid(), t);
        return new Snapshot(
                s.takenAt(),
                s.source(),
                s.scope(),
                tasks,
                s.namespaces(),
                s.userNames(),
                s.problems(),
                s.relations(),
                s.facts(),
                s.cgroups(),
                s.bootTime());
    }
}
