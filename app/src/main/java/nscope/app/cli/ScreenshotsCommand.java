package nscope.app.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Screens;
import nscope.views.ui.SvgShot;
import nscope.views.ui.Ui;
import nscope.views.ui.UiLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** nscope screenshots DIR: every screen and the help, drawn on a virtual terminal from --root, as .txt and .svg. */
@Command(
        name = "screenshots",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Write the live screen's views of the host (use --root FIXTURE) to DIR as .txt and .svg.")
final class ScreenshotsCommand implements Callable<Integer> {
    @ParentCommand
    NscopeCommand parent;

    @Parameters(paramLabel = "DIR", description = "Where to write the screens.")
    Path dir;

    /**
     * actions: drawn as root sees it (dialogs open; nothing is done: the actions only say so); size: columns and rows;
     * quick: the first frame, from the quick look at the processes alone, before the full scan.
     */
    private record Shot(String name, List<Object> keys, boolean actions, TerminalSize size, boolean quick) {
        Shot(String name, List<Object> keys) {
            this(name, keys, false);
        }

        Shot(String name, List<Object> keys, boolean actions) {
            this(name, keys, actions, new TerminalSize(100, 32), false);
        }

        /** At 80x24, the smallest the screen takes. */
        static Shot small(String name, List<Object> keys, boolean quick) {
            return new Shot(name, keys, false, new TerminalSize(80, 24), quick);
        }
    }

    /** To the first container's process with four threads (search "threads 4"). */
    private static final List<Object> TO_THREADS =
            List.of('/', 't', 'h', 'r', 'e', 'a', 'd', 's', ' ', '4', KeyType.Enter);

    private static final List<Object> TO_C2 = List.of('/', 'c', '2', '.', 's', 'h', KeyType.Enter);

    private static final List<Shot> SHOTS = List.of(
            new Shot("ui-processes", List.of()),
            new Shot("ui-namespaces", List.of('1')),
            new Shot("ui-cgroups", List.of('3')),
            new Shot("ui-mounts", List.of('4')),
            new Shot("ui-link-followed", List.of('/', 'c', '2', '.', 's', 'h', KeyType.Enter, ']', ']', KeyType.Enter)),
            new Shot("ui-help", List.of('?')),
            new Shot(
                    "ui-help-as-root",
                    List.of('?', KeyType.PageDown, KeyType.PageDown, KeyType.PageDown, KeyType.PageDown),
                    true),
            new Shot("ui-explain", concat(TO_C2, List.of('i'))),
            new Shot("ui-enter-form", concat(TO_C2, List.of('E')), true),
            new Shot("ui-unshare-form", List.of('u'), true),
            new Shot("ui-container-form", List.of('c'), true),
            new Shot("ui-move-picker", concat(TO_C2, List.of('m', KeyType.ArrowRight)), true),
            new Shot("ui-signal-confirm", concat(TO_C2, List.of('K')), true),
            new Shot("ui-signal-namespace", List.of('1', KeyType.ArrowDown, 'K'), true),
            new Shot("ui-lens", concat(TO_THREADS, List.of('t'))),
            new Shot(
                    "ui-lens-thread",
                    concat(TO_THREADS, List.of(KeyType.ArrowRight, KeyType.ArrowDown, 't', KeyType.PageDown))),
            Shot.small("ui-first-frame-80x24", List.of(), true),
            Shot.small("ui-processes-80x24", List.of(), false),
            Shot.small(
                    "ui-cgroups-80x24", List.of('3', KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowRight), false),
            // a lab: its steps' results as a run records them, played over the recording (RecordedLab)
            new Shot("ui-lab-menu", List.of('T'), true),
            new Shot("ui-lab-step", List.of('T', KeyType.Enter, ' ', ' '), true),
            new Shot(
                    "ui-lab-step-80x24", List.of('T', KeyType.Enter, ' ', ' '), true, new TerminalSize(80, 24), false));

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The time the screenshots' headers show: fixed, so regenerating them changes only what the screens changed. */
    private static final java.time.Clock SHOT_CLOCK =
            java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T12:00:00Z"), java.time.ZoneOffset.UTC);

    @Override
    public Integer call() throws IOException {
        Host host = parent.roots.host();
        Snapshot s = new Collector(host).collect();
        Files.createDirectories(dir);
        for (Shot shot : SHOTS) {
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(shot.size());
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            Ui ui = new Ui(new Palette(true));
            ui.clock(SHOT_CLOCK);
            ui.lens(new nscope.probes.lens.LensReader(host, SHOT_CLOCK)::read);
            if (shot.actions()) ui.actions(nscope.views.actions.Actions.showOnly());
            boolean lab = shot.name().startsWith("ui-lab");
            if (lab) ui.labs(new RecordedLab(s));
            HostFacts facts =
                    shot.quick() ? null : HostFacts.recorded(host.label().replaceAll(".*/fixtures/", "fixtures/"));
            ui.show(
                    Screens.of(shot.quick() ? Collector.processesFirst(host).collect() : s, CgroupCpu.none(), ""),
                    facts,
                    true);
            for (Object k : shot.keys()) {
                ui.key(k instanceof Character c ? new KeyStroke(c, false, false) : new KeyStroke((KeyType) k));
                if (!lab) continue;
                // as the loop does: the lab's step taken, and the refresh it asks for (the same recording)
                ui.rowsReady();
                if (ui.refreshNow()) ui.show(Screens.of(s, CgroupCpu.none(), ""), facts, false);
                ui.rowsReady();
            }
            UiLoop.draw(screen, ui);
            Files.writeString(dir.resolve(shot.name() + ".txt"), SvgShot.text(vt));
            Files.writeString(dir.resolve(shot.name() + ".svg"), SvgShot.svg(vt));
            screen.stopScreen();
        }
        replay(s, dir);
        spec().commandLine().getOut().println("nscope: " + (SHOTS.size() + 1) + " screens written to " + dir);
        return 0;
    }

    /**
     * nscope replay at 80x24 over a small recording made from the snapshot (SampleJournal): the moving
     * process selected, the jump to the step before its move, then > (the marks: what changed there).
     */
    private static void replay(Snapshot s, Path dir) throws IOException {
        // the recording's wall clock is written with the default zone's offset: UTC, so the times are the same
        // everywhere
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        // a file of its own in a directory of its own: a writer given an existing file (even an empty one made by
        // createTempFile) goes on into FILE.1, which was left behind
        Path tmp = Files.createTempDirectory("nscope-screenshot-");
        Path file = tmp.resolve("sample.nsj");
        try {
            nscope.app.journal.SampleJournal.Plot plot =
                    nscope.app.journal.SampleJournal.write(s, file, java.time.Instant.parse("2026-03-01T03:14:00Z"));
            var timeline = new nscope.app.screen.replay.RecordingTimeline(nscope.app.journal.JournalReader.open(file));
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            Ui ui = new Ui(new Palette(true));
            ui.clock(SHOT_CLOCK);
            Snapshot first = timeline.snapshot(0);
            HostFacts facts = HostFacts.recorded("sample.nsj");
            nscope.app.screen.replay.ReplayScreen.setUp(ui, timeline, 0, first, facts, true, "sample.nsj");
            ui.show(Screens.of(first, CgroupCpu.none(), ""), facts, true);
            ui.show(Screens.of(first, CgroupCpu.none(), ""), facts, false);
            ui.state(nscope.views.screens.AllScreens.PROCESSES)
                    .select(nscope.views.tree.RowKey.Task.process(
                            first.task(plot.moving()).orElseThrow()));
            for (char c : ":+6\r>".toCharArray())
                ui.key(c == '\r' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
            UiLoop.draw(screen, ui);
            Files.writeString(dir.resolve("ui-replay-80x24.txt"), SvgShot.text(vt));
            Files.writeString(dir.resolve("ui-replay-80x24.svg"), SvgShot.svg(vt));
            screen.stopScreen();
        } finally {
            for (Path p : nscope.app.journal.Segments.of(file)) Files.deleteIfExists(p);
            Files.deleteIfExists(file);
            Files.deleteIfExists(tmp);
        }
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }
}
