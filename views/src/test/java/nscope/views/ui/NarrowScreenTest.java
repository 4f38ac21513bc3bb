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

    /** Where one line ends and the next begins, the text either had a space there or a line ends after a '/'. */
    static void breaksAtBoundaries(String text, List<String> lines) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).stripTrailing();
            assertTrue(l.length() <= 80, l);
            if (i > 0 && !lines.get(i - 1).stripTrailing().endsWith("/")) joined.append(' ');
            joined.append(l);
        }
        assertEquals(text, joined.toString(), "nothing lost, broken only at spaces or after a '/'");
    }

    @Test
    void theHeaderLeavesOutWholeFactsAndCountsAt80Columns() throws IOException {
        HostFacts facts = new HostFacts(
                "nscope-test-build-host-17.example.org",
                "6.1.0-18-amd64",
                400_000,
                16,
                64L << 30,
                20L << 30,
                new double[] {0.5, 1.25, 2});
        ui.show(Screens.of(snap, CgroupCpu.none(), ""), facts, false);
        String[] t = text().split("\n");
        List<String> units = List.of(
                "nscope",
                "nscope-test-build-host-17.example.org",
                "kernel 6.1.0-18-amd64",
                "up 4d 15h",
                "16 cpus",
                "mem 44G/64G",
                "load 0.50 1.25 2.00",
                "...");
        for (String u : t[0].strip().replaceAll(" \\.\\.\\.$", "  ...").split("  "))
            assertTrue(units.contains(u.strip()), "a whole fact: " + u + " in " + t[0]);
        assertTrue(t[0].endsWith(" ..."), "says it left some out: " + t[0]);
        assertTrue(t[1].matches(".* \\| ns( [a-z]+ \\d+)+ \\.\\.\\.\\s*"), "whole namespace counts: " + t[1]);
        vt.setTerminalSize(new com.googlecode.lanterna.TerminalSize(200, 24));
        screen.doResizeIfNecessary();
        assertTrue(text().split("\n")[0].contains("load 0.50 1.25 2.00"), "wider, all of it");
    }

    @Test
    void aLongErrorWrapsOverTheBottomLinesAtWordAndPathBoundaries() throws IOException {
        String path = "/sys/fs/cgroup/memory/system.slice/docker-" + "0123456789abcdef".repeat(4) + ".scope";
        ui.error("cannot write " + path + "/memory.limit_in_bytes: Device or resource busy");
        String[] t = text().split("\n");
        List<String> bottom = List.of(t).subList(21, 24);
        breaksAtBoundaries("error: cannot write " + path + "/memory.limit_in_bytes: Device or resource busy", bottom);
        keys('j');
        assertFalse(text().contains("error:"), "gone at the next key");
    }

    @Test
    void aLongDialogTitleWrapsAtAPathBoundary() throws IOException {
        ui.actions(new UiTest.Recorded());
        ui.show(Screens.of(withLongCgroup(), CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        keys('3');
        assertTrue(ui.state(AllScreens.CGROUPS).select(new RowKey.Cgroup("0:99", "/system.slice/" + LONG)));
        keys('d');
        String title = "Remove the cgroup memory:/system.slice/" + LONG + "?";
        assertTrue(title.length() > 73, "longer than a box at 80 columns holds");
        List<String> lines = List.of(text().split("\n"));
        int y = 0;
        while (!lines.get(y).contains("Remove the cgroup")) y++;
        int x = lines.get(y).indexOf("Remove");
        List<String> title2 =
                List.of(lines.get(y).substring(x), lines.get(y + 1).substring(x));
        breaksAtBoundaries(title, title2);
    }

    @Test
    void theLinkListKeepsEachLabelWholeAndTheChosenOneInSight() throws IOException {
        RowKey one = RowKey.Task.process(snap.tasks().get(1));
        List<nscope.views.screens.Link> links =
                AllScreens.PROCESSES.detail(snap, one).links();
        assertTrue(links.size() > 6, "PID 1 has a link per cgroup hierarchy: " + links);
        for (int chosen = 0; chosen < links.size(); chosen++) {
            String t = text();
            String pane = t.substring(t.indexOf("links [ ] Enter:"));
            for (int i = 0; i < links.size(); i++) {
                String label = i == chosen
                        ? "<" + links.get(i).label() + ">"
                        : links.get(i).label();
                boolean whole = List.of(pane.split("\n")).stream().anyMatch(l -> l.contains(label));
                if (i == chosen) assertTrue(whole, "the chosen link is shown whole: " + label + "\n" + pane);
                else if (!whole) assertTrue(pane.contains("..."), "a label left out is said: " + label + "\n" + pane);
            }
            keys(']');
        }
    }
}
