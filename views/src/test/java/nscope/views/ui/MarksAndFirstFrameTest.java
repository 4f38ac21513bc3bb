package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.Test;

/** Issue 15, items 4 and 5 at 80x24: new and moved rows told without colour; the first frame says what it still reads. */
class MarksAndFirstFrameTest extends SynthHostScreen {
    static Node task(int pid, String name, Node... kids) {
        return new Node(
                new RowKey.Task(pid, pid, false),
                List.of("" + pid, "" + pid, "" + pid, "" + pid, "S", "root", name),
                List.of(kids));
    }

    /** init with sshd (bash under it) and cron; then sshd gone, bash under init, cron gone, "new" come. */
    void aRefreshThatMovesAndAdds() {
        Map<Screen, Forest> f =
                new HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        f.put(
                AllScreens.PROCESSES,
                new Forest(List.of(task(1, "init", task(2, "sshd", task(3, "bash")), task(4, "cron")))));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        Map<Screen, Forest> g = new HashMap<>(f);
        g.put(AllScreens.PROCESSES, new Forest(List.of(task(1, "init", task(3, "bash"), task(5, "new")))));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), g), HostFacts.recorded("synth-host"), false);
        ui.state(AllScreens.PROCESSES).expand(List.of(new RowKey.Task(1, 1, false)));
    }

    static String line(String screen, String holding) {
        for (String l : screen.split("\n")) if (l.contains(holding)) return l;
        throw new AssertionError("no line holds " + holding + "\n" + screen);
    }

    @Test
    void withoutColourNewAndMovedRowsAreMarkedInWordsAndTheStatusLineSaysSo() throws IOException {
        aRefreshThatMovesAndAdds();
        String t = text();
        assertTrue(line(t, "└─  new").endsWith("new  [new]"), t);
        assertTrue(line(t, "├─  bash").endsWith("bash  [moved]"), t);
        assertFalse(line(t, "init").contains("[new]") || line(t, "init").contains("[moved]"), t);
        assertTrue(t.contains("since the last refresh: 1 new (marked [new]), 2 gone, 1 moved (marked [moved])"), t);
        assertFalse(t.contains("green") || t.contains("yellow"), "no colour is named: " + t);
    }

    @Test
    void withColourTheRowsAreColouredAndTheStatusLineNamesTheColours() throws IOException {
        ui = new Ui(new Palette(true));
        ui.show(Screens.of(snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), true);
        aRefreshThatMovesAndAdds();
        String t = text();
        assertFalse(t.contains("[new]") || t.contains("[moved]"), t);
        assertTrue(t.contains("since the last refresh: 1 new (green), 2 gone, 1 moved (yellow)"), t);
        List<String> lines = List.of(t.split("\n"));
        int y = lines.indexOf(line(t, "└─  new"));
        int x = lines.get(y).indexOf("new", lines.get(y).indexOf("└─"));
        assertEquals(TextColor.ANSI.GREEN, vt.getCharacter(x, y).getForegroundColor());
    }

    @Test
    void theQuickFirstFrameSaysReadingForWhatItHasNotReadUntilTheFullScanArrives() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        Snapshot quick = Collector.processesFirst(Host.under(repo.resolve("fixtures/synth-host")))
                .collect();
        ui = new Ui(new Palette(false));
        ui.show(Screens.of(quick, CgroupCpu.none(), "", Map.of(), Set.of(AllScreens.PROCESSES)), null, true);
        String t = text();
        String counts = t.split("\n")[1];
        assertTrue(
                counts.contains(
                        "| " + quick.threadGroups().size() + " processes, threads reading... | cgroups reading..."),
                t);
        assertFalse(counts.contains(" 0 cgroups") || counts.contains(" 0 threads") || counts.contains("pid 0"), t);
        assertTrue(
                !counts.contains("| ns ") || counts.contains("| more ns reading... | ns "),
                "namespace counts shown are said to be the processes' alone: " + t);
        assertTrue(t.contains("reading threads, holders, cgroups, mounts"), "the status line says so: " + t);
        assertTrue(t.contains("/process_api"), "the processes are there: " + t);
        keys('3');
        t = text();
        assertTrue(t.contains("reading the host: the Cgroups rows come with the full scan..."), t);
        ui.show(
                Screens.of(snap, CgroupCpu.none(), "", Map.of(), Set.of(AllScreens.CGROUPS)),
                HostFacts.recorded("synth-host"),
                false);
        t = text();
        assertFalse(t.contains("reading"), t);
        int cgroups = snap.cgroups().trees().stream()
                .mapToInt(x -> x.cgroups().size())
                .sum();
        assertTrue(t.contains(snap.tasks().size() + " threads | " + cgroups + " cgroups | ns pid "), t);
        assertTrue(t.contains("- v2 on /sys/fs/"), t);
    }
}
