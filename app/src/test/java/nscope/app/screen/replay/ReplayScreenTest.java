package nscope.app.screen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import nscope.app.journal.JournalReader;
import nscope.app.journal.SampleJournal;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.Repo;
import nscope.views.screens.AllScreens;
import nscope.views.tree.RowKey;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Screens;
import nscope.views.ui.SvgShot;
import nscope.views.ui.Ui;
import nscope.views.ui.UiLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nscope replay's screen at 80x24 over a small recording made from the synth-host fixture
 * (SampleJournal: the last process vanishes at entry 2, is back at 4, another moves under PID 1 at 5):
 * the timeline, the keys that move along it, and the marks of what changed at each move.
 */
class ReplayScreenTest {
    @TempDir
    static Path dir;

    static Snapshot base;
    static SampleJournal.Plot plot;
    static Path file;

    DefaultVirtualTerminal vt;
    TerminalScreen screen;
    Ui ui;
    RecordingTimeline timeline;

    @BeforeAll
    static void record() throws IOException {
        base = new Collector(Host.under(Repo.of("fixtures/synth-host"))).collect();
        file = dir.resolve("sample.nsj");
        plot = SampleJournal.write(base, file, Instant.parse("2026-03-01T03:14:00Z"));
    }

    @BeforeEach
    void open() throws IOException {
        openOn(file);
    }

    void openOn(Path file) throws IOException {
        vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen = new TerminalScreen(vt);
        screen.startScreen();
        ui = new Ui(new Palette(false));
        timeline = new RecordingTimeline(JournalReader.open(file));
        Snapshot first = timeline.snapshot(0);
        HostFacts facts = HostFacts.recorded("sample.nsj");
        ReplayScreen.setUp(ui, timeline, 0, first, facts, false, "sample.nsj");
        // as the loop does: the first frame, then the (same) full scan
        ui.show(Screens.of(first, CgroupCpu.none(), ""), facts, true);
        ui.show(Screens.of(first, CgroupCpu.none(), ""), facts, false);
    }

    @AfterEach
    void close() throws IOException {
        screen.stopScreen();
    }

    String text() throws IOException {
        UiLoop.draw(screen, ui);
        return SvgShot.text(vt);
    }

    void keys(Object... ks) {
        for (Object k : ks) {
            if (k instanceof String s) {
                for (char c : s.toCharArray()) keys(c);
                continue;
            }
            KeyStroke s = k instanceof Character c ? new KeyStroke(c, false, false) : new KeyStroke((KeyType) k);
            assertTrue(ui.key(s), "a key quit: " + k);
        }
    }

    String t(int i) {
        return timeline.local(i).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    static String first(String screen) {
        return screen.split("\n")[0];
    }

    static String status(String screen) {
        String[] l = screen.split("\n");
        return l[l.length - 1];
    }

    /** A lab's recording: each entry's label (its step) follows the timeline, escaped, cut at the edge. */
    @Test
    void anEntrysLabelFollowsTheTimeline() throws IOException {
        Path labelled = dir.resolve("labelled.nsj");
        Instant at = Instant.parse("2026-03-01T03:14:00Z");
        try (nscope.app.journal.JournalWriter w =
                new nscope.app.journal.JournalWriter(labelled, 0, java.time.Duration.ofSeconds(600), 0)) {
            w.append(base, at, 1L, null);
            w.append(base, at.plusSeconds(2), 2L, "lab pid-fork, step 1/3 \u001b[31mdone: fork");
            w.append(
                    base, at.plusSeconds(4), 3L, "lab pid-fork, step 2/3 done: a very long title that the screen cuts");
        }
        close();
        openOn(labelled);
        assertNull(timeline.label(0));
        assertFalse(first(text()).contains("lab"), text());
        keys('>');
        String line = first(text());
        assertTrue(line.contains("entry 2/3  lab pid-fork, step 1/3"), line);
        assertFalse(line.contains("\u001b"), "the label reached the terminal unescaped: " + line);
        assertEquals(80, line.length(), "the label is cut at the screen's edge: " + line);
        keys('>');
        line = first(text());
        assertTrue(line.contains("entry 3/3  lab pid-fork, step 2/3"), line);
        assertTrue(line.length() <= 80, line);
    }

    @Test
    void theTimelineSaysStartEndWhereAndDrawsTheBar() throws IOException {
        String s = text();
        String line = first(s);
        assertTrue(line.startsWith("replay " + t(0) + " [o---"), line);
        assertTrue(line.contains("-] " + t(4) + "  at " + t(0) + "  entry 1/5"), line);
        assertTrue(line.length() <= 80, line);
        assertTrue(s.split("\n")[2].endsWith("Mounts    <>{} step  : time  ? help"), s);
        keys(':', "+8", KeyType.Enter);
        assertTrue(first(text()).contains("====o] " + t(4) + "  at " + t(4) + "  entry 5/5"), text());
    }

    @Test
    void stepsForwardShowWhatChangedAtEachStepAndBackAgain() throws IOException {
        keys('>');
        String s = text();
        assertTrue(first(s).contains("entry 2/5"), s);
        assertTrue(status(s).startsWith("since " + t(0) + ": 0 new (marked [new]), "), s);
        assertTrue(status(s).contains(" gone, 0 moved"), s);
        assertFalse(status(s).contains(" 0 gone"), s);
        keys('>');
        s = text();
        assertTrue(status(s).startsWith("since " + t(1) + ": no row of this screen appeared, vanished or moved"), s);
        keys('>');
        s = text();
        assertTrue(first(s).contains("entry 4/5"), s);
        assertTrue(status(s).startsWith("since " + t(2) + ": "), s);
        assertFalse(status(s).contains(": 0 new"), s);
        keys('>');
        s = text();
        assertTrue(status(s).contains("0 new (marked [new]), 0 gone, 1 moved"), s);
        assertTrue(s.contains("[moved]"), s);
        keys('>');
        assertTrue(status(text()).startsWith("at the last entry of the recording (" + t(4) + "): nothing after it"));
        assertTrue(first(text()).contains("entry 5/5"));
        keys('<');
        s = text();
        assertTrue(first(s).contains("entry 4/5"), s);
        assertTrue(status(s).contains("since " + t(4) + ": 0 new (marked [new]), 0 gone, 1 moved"), s);
        keys('<', '<', '<', '<');
        assertTrue(status(text()).startsWith("at the first entry of the recording (" + t(0) + ")"), text());
        assertTrue(first(text()).contains("entry 1/5"));
    }

    @Test
    void theSelectionStaysPutAcrossSteps() throws IOException {
        RowKey moving = RowKey.Task.process(base.task(plot.moving()).orElseThrow());
        assertTrue(ui.state(AllScreens.PROCESSES).select(moving));
        keys('>', '>', '>');
        assertEquals(moving, ui.state(AllScreens.PROCESSES).selected());
        assertEquals(AllScreens.PROCESSES, ui.screen());
    }

    @Test
    void braceJumpsToTheSelectedRowsNextAndPreviousChange() throws IOException {
        RowKey vanishing = RowKey.Task.process(base.task(plot.vanishing()).orElseThrow());
        RowKey moving = RowKey.Task.process(base.task(plot.moving()).orElseThrow());
        assertTrue(ui.state(AllScreens.PROCESSES).select(moving));
        keys('}');
        String s = text();
        assertTrue(first(s).contains("entry 5/5"), s);
        assertTrue(status(s).contains("since " + t(0) + ": "), s);
        keys('}');
        assertTrue(text().contains("the selected row does not appear, vanish or move after"), text());
        assertTrue(first(text()).contains("entry 5/5"));
        // back at entry 5 with the vanishing process: it came back at entry 4
        assertTrue(ui.state(AllScreens.PROCESSES).select(vanishing));
        keys('{');
        assertTrue(first(text()).contains("entry 4/5"), text());
        keys('{');
        assertTrue(first(text()).contains("entry 2/5"), text());
        assertTrue(status(text()).startsWith("since " + t(3) + ": "), text());
    }

    @Test
    void colonGoesToTheLastEntryAtOrBeforeATypedTime() throws IOException {
        keys(':');
        assertTrue(status(text()).startsWith("go to time (HH:MM:SS[.fff], ISO date-time, +SECONDS):"), text());
        keys("+5", KeyType.Enter);
        assertTrue(first(text()).contains("entry 3/5"), text());
        keys(':', t(3) + ".5", KeyType.Enter);
        assertTrue(first(text()).contains("entry 4/5"), text());
        keys(':', "soon", KeyType.Enter);
        String s = text();
        assertTrue(s.contains("'soon' is not a time: HH:MM:SS[.fff], an ISO date-time or +SECONDS"), s);
        assertTrue(first(s).contains("entry 4/5"), s);
        keys(':', "2000-01-01T00:00:00Z", KeyType.Enter);
        assertTrue(text().contains("the recording begins at " + t(0)), text());
        assertTrue(first(text()).contains("entry 4/5"), text());
    }

    @Test
    void theHelpListsTheTimelinesKeysAndTheLensSaysWhatARecordingHolds() throws IOException {
        keys('?');
        String s = text();
        assertTrue(s.contains("Replaying a recording"), s);
        assertTrue(s.contains("< >"), s);
        keys(KeyType.Escape);
        RowKey moving = RowKey.Task.process(base.task(plot.moving()).orElseThrow());
        assertTrue(ui.state(AllScreens.PROCESSES).select(moving));
        keys('t');
        ui.rowsReady();
        s = text();
        assertTrue(s.contains(String.valueOf(plot.moving())), s);
        assertFalse(s.contains("a recording holds no process's files"), s);
    }

    @Test
    void theLiveScreenKeepsItsKeys() throws IOException {
        Ui live = new Ui(new Palette(false));
        live.show(Screens.of(base, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), true);
        for (char c : "<>{}:".toCharArray()) live.key(new KeyStroke(c, false, false));
        UiLoop.draw(screen, live);
        String s = SvgShot.text(vt);
        assertFalse(s.contains("entry "), s);
        assertFalse(s.contains("go to time"), s);
        assertTrue(s.split("\n")[2].contains("? help  q quit"), s);
        live.key(new KeyStroke('?', false, false));
        UiLoop.draw(screen, live);
        assertFalse(SvgShot.text(vt).contains("Replaying a recording"));
    }
}
