package nscope.app.screen;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import nscope.views.actions.Actions;
import nscope.views.ui.ContainerMarks;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Ui;
import nscope.views.ui.UiLoop;

/**
 * The live screen on the terminal, from its start to the terminal given
 * back: on q, an error, SIGTERM or SIGHUP (a dropped SSH session: the JVM
 * runs its hooks). Anything written to stderr while the screen is up (a
 * library's warning) would land in the middle of it: it is held, and
 * printed once the terminal is back.
 */
public final class ScreenSession {
    private ScreenSession() {}

    /**
     * Runs the screen until it ends; IOException: the terminal could not be opened or failed. recorder:
     * what records what the screen shows (--record), or null; setUp: more set on the screen before its
     * first frame (a replay's timeline), or null.
     */
    public static void run(
            Palette palette,
            UiLoop.Source source,
            Supplier<HostFacts> facts,
            Duration every,
            Actions actions,
            Supplier<List<ContainerMarks.Container>> containers,
            nscope.views.ui.lens.Lenses lens,
            nscope.views.lab.LabDriver labs,
            String openLab,
            nscope.app.record.ScreenRecorder recorder,
            java.util.function.Consumer<Ui> setUp)
            throws IOException {
        Terminal terminal;
        try {
            terminal = new QuickTerminal();
        } catch (IOException e) {
            throw new IOException("cannot open the terminal: " + e.getMessage(), e);
        }
        AtomicBoolean stopped = new AtomicBoolean();
        TerminalScreen screen;
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new IOException("cannot start the screen: " + e.getMessage(), e);
        }
        PrintStream realErr = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        Thread restore = new Thread(
                () -> {
                    stop(screen, stopped);
                    realErr.print(held.toString(StandardCharsets.UTF_8));
                    realErr.flush();
                },
                "nscope-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        Ui ui = null;
        String labWords = null;
        try {
            // a screen turned to gets its rows built on a thread of their own, so the keys stay answered
            ExecutorService rows = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "nscope-rows");
                t.setDaemon(true);
                return t;
            });
            ui = new Ui(palette, rows);
            ui.actions(actions);
            ui.lens(lens);
            ui.labs(labs);
            if (recorder != null) ui.recording(recorder::words, recorder::failure);
            if (containers != null) ui.containers(containers);
            if (openLab != null) ui.openLab(openLab);
            if (setUp != null) setUp.accept(ui);
            UiLoop.run(screen, ui, source, facts, every);
            rows.shutdownNow();
        } catch (IOException e) {
            labWords = endLab(ui);
            stop(screen, stopped);
            throw new IOException("the terminal failed: " + e.getMessage(), e);
        } finally {
            // q, Ctrl-C or an error while a lab is open: it is left, everything it made removed, before the exit
            if (labWords == null) labWords = endLab(ui);
            stop(screen, stopped);
            System.setErr(realErr);
            if (held.size() > 0) realErr.print(held.toString(StandardCharsets.UTF_8));
            held.reset();
            if (labWords != null) realErr.println("nscope: " + nscope.views.text.Escape.terminal(labWords));
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and stopping twice is guarded
            }
        }
    }

    private static String endLab(Ui ui) {
        try {
            return ui == null ? null : ui.endLab();
        } catch (RuntimeException e) {
            return "the lab could not be left: " + e.getMessage() + " (nscope's exit removes what it made)";
        }
    }

    private static void stop(TerminalScreen screen, AtomicBoolean stopped) {
        if (!stopped.compareAndSet(false, true)) return;
        try {
            screen.stopScreen();
        } catch (IOException e) {
            System.err.println("nscope: could not restore the terminal (" + e.getMessage() + "); run 'reset'");
        }
    }
}
