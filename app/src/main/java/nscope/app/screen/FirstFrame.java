package nscope.app.screen;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Screens;
import nscope.views.ui.Ui;
import nscope.views.ui.UiLoop;

/**
 * The first frame drawn once, unseen, on a virtual terminal while the real
 * one is being set up (Lanterna waits on stty processes then, the CPU is
 * free): the classes and code paths of placing rows and drawing them are
 * then ready, which took a tenth of a second of the first real frame.
 */
public final class FirstFrame {
    private FirstFrame() {}

    public static void warmUp(Screens s, Palette palette) {
        try {
            TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(120, 40)));
            screen.startScreen();
            Ui ui = new Ui(palette);
            ui.show(s, HostFacts.recorded(""), true);
            UiLoop.draw(screen, ui);
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the real frame is drawn whatever happened here
        }
    }
}
