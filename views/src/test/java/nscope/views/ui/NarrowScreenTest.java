package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;
import nscope.views.screens.AllScreens;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.Test;

/** Issue 15, item 14: at 80x24 names, values and paths show whole or are left out whole, never cut inside. */
class NarrowScreenTest extends SynthHostScreen {
    static final String LONG = "machine-nscope-test-a-long-name-01234567";

    static Cgroup cgroup(String path, List<String> kids, Map<String, Readout<CgValue>> files) {
        return new Cgroup(path, 0, kids, Readout.of(List.of(1)), Readout.of(List.of(1, 2)), files);
    }

    static Readout<CgValue> num(long v) {
        return Readout.of(new CgValue.Num(Long.toString(v), v));
    }

    /** The fixture with one v1 memory hierarchy whose deepest cgroup has a 40-character name and an OOM kill. */
    static Snapshot withLongCgroup() {
        Map<String, Readout<CgValue>> memory =
                Map.of("memory.usage_in_bytes", num(12_900_000), "memory.limit_in_bytes", num(536_870_912));
        Map<String, Readout<CgValue>> oom = new java.util.HashMap<>(memory);
        oom.put("memory.oom_control", Readout.of(new CgValue.Keyed(Map.of("oom_kill_disable", 0L, "oom_kill", 1L))));
        CgroupTree tree = new CgroupTree(
                new Hierarchy(1, List.of("memory"), "/sys/fs/cgroup/memory", "/", "0:99"),
                Map.of(
                        "/",
                        cgroup("/", List.of("/system.slice"), memory),
                        "/system.slice",
                        cgroup("/system.slice", List.of("/system.slice/" + LONG), memory),
                        "/system.slice/" + LONG,
                        cgroup("/system.slice/" + LONG, List.of(), oom)));
        return new Snapshot(
                snap.takenAt(),
                snap.source(),
                snap.scope(),
                snap.tasks(),
                snap.namespaces(),
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                new Cgroups(List.of(tree), Map.of(), 0));
    }

    @Test
    void aFortyCharacterCgroupNameShowsWholeWithItsOomKillMarkAt80Columns() throws IOException {
        assertEquals(40, LONG.length());
        Snapshot s = withLongCgroup();
        ui.show(Screens.of(s, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        keys('3');
        assertTrue(ui.state(AllScreens.CGROUPS).select(new RowKey.Cgroup("0:99", "/system.slice/" + LONG)));
        String t = text();
        String row = MarksAndFirstFrameTest.line(t, LONG);
        assertTrue(row.endsWith(LONG + " [oom_kill 1]"), "whole, with its mark: " + row + "\n" + t);
        String head = t.split("\n")[3];
        assertTrue(
                head.startsWith("PROCS TASKS   MEMORY CGROUP"),
                "the columns it fills, as wide as their cells: " + head);
        assertFalse(
                head.contains("PSI") || head.contains("PIDS") || head.contains("CPU%"),
                "not those it leaves empty: " + head);
        for (String l : t.split("\n")) assertTrue(l.length() <= 80, l);
    }

    @Test
    void theFixturesHierarchiesShowOnlyTheColumnsTheyFillAndTheirTitlesWhole() throws IOException {
        keys('3');
        String t = text();
        assertTrue(t.contains("- v2 on /sys/fs/cgroup/unified"), t);
        assertTrue(
                t.contains("PROCS TASKS - v1 blkio on /sys/fs/cgroup/blkio"),
                "a hierarchy's row names its columns: " + t);
        String head = t.split("\n")[3];
        assertTrue(head.startsWith("PROCS TASKS      PSI-SOME10 CGROUP"), head);
    }
}
