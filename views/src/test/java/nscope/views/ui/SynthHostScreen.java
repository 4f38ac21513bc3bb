package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The screen on Lanterna's virtual terminal at 80x24, fed the synth-host fixture: keys in, text out. */
abstract class SynthHostScreen {
    static Snapshot snap;
    DefaultVirtualTerminal vt;
    TerminalScreen screen;
    Ui ui;

    @BeforeAll
    static void read() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        snap = new Collector(Host.under(repo.resolve("fixtures/synth-host"))).collect();
    }

    @BeforeEach
    void open() throws IOException {
        vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen = new TerminalScreen(vt);
        screen.startScreen();
        ui = new Ui(new Palette(false));
        ui.show(Screens.of(snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), true);
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
            KeyStroke s = k instanceof Character c ? new KeyStroke(c, false, false) : new KeyStroke((KeyType) k);
            assertTrue(ui.key(s), "a key quit: " + k);
        }
    }
}
