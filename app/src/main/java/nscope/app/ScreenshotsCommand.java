package nscope.app;

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
import nscope.probes.Host;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
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
@Command(name = "screenshots", hidden = true, mixinStandardHelpOptions = true,
        description = "Write the live screen's views of the host (use --root FIXTURE) to DIR as .txt and .svg.")
final class ScreenshotsCommand implements Callable<Integer> {
    @ParentCommand NscopeCommand parent;

    @Parameters(paramLabel = "DIR") Path dir;

    private record Shot(String name, List<Object> keys) {}

    private static final List<Shot> SHOTS = List.of(
            new Shot("ui-processes", List.of()),
            new Shot("ui-namespaces", List.of('1')),
            new Shot("ui-cgroups", List.of('3')),
            new Shot("ui-mounts", List.of('4')),
            new Shot("ui-link-followed", List.of('/', 'c', '2', '.', 's', 'h', KeyType.Enter, ']', ']', KeyType.Enter)),
            new Shot("ui-help", List.of('?')));

    /** The time the screenshots' headers show: fixed, so regenerating them changes only what the screens changed. */
    private static final java.time.Clock SHOT_CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T12:00:00Z"), java.time.ZoneOffset.UTC);

    @Override public Integer call() throws IOException {
        Host host = parent.roots.host();
        Snapshot s = new Collector(host).collect();
        Files.createDirectories(dir);
        for (Shot shot : SHOTS) {
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(100, 32));
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            Ui ui = new Ui(new Palette(true));
            ui.clock(SHOT_CLOCK);
            ui.show(Screens.of(s, CgroupCpu.none(), ""), HostFacts.recorded(host.label().replaceAll(".*/fixtures/", "fixtures/")), true);
            for (Object k : shot.keys()) ui.key(k instanceof Character c ? new KeyStroke(c, false, false) : new KeyStroke((KeyType) k));
            UiLoop.draw(screen, ui);
            Files.writeString(dir.resolve(shot.name() + ".txt"), SvgShot.text(vt));
            Files.writeString(dir.resolve(shot.name() + ".svg"), SvgShot.svg(vt));
            screen.stopScreen();
        }
        spec().commandLine().getOut().println("nscope: " + SHOTS.size() + " screens written to " + dir);
        return 0;
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() { return spec; }
}
