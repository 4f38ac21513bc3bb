package nscope.app.screen;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lanterna's Unix terminal with the stty calls of its start made by one
 * process: Lanterna runs /bin/stty six times (save the settings, then
 * -icanon, min 1, -echo, intr undef), each a process the JVM spawns, some
 * 0.15 s of the first frame here. Here the settings are saved and changed by
 * one shell running stty twice; everything after the start (restoring the
 * saved settings at the end) is as Lanterna does it.
 */
public final class QuickTerminal extends UnixTerminal {
    // no initializers: the superclass's constructor calls the methods below before they would run
    private List<String> pending;
    private boolean save, started;
    private String saved;

    public QuickTerminal() throws IOException {
        super(System.in, System.out, java.nio.charset.Charset.defaultCharset(), CtrlCBehaviour.TRAP);
    }

    @Override
    protected void saveTerminalSettings() throws IOException {
        if (started) super.saveTerminalSettings();
        else save = true;
    }

    @Override
    protected void canonicalMode(boolean on) throws IOException {
        if (started) super.canonicalMode(on);
        else later(on ? List.of("icanon") : List.of("-icanon", "min", "1"));
    }

    @Override
    protected void keyEchoEnabled(boolean on) throws IOException {
        if (started) super.keyEchoEnabled(on);
        else later(List.of(on ? "echo" : "-echo"));
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean on) throws IOException {
        if (started) super.keyStrokeSignalsEnabled(on);
        else later(List.of("intr", on ? "^C" : "undef"));
    }

    private void later(List<String> args) {
        if (pending == null) pending = new ArrayList<>();
        pending.addAll(args);
    }

    /** Lanterna's start calls this right after the settings: they are made here, at once. */
    @Override
    protected void registerTerminalResizeListener(Runnable onResize) throws IOException {
        if (!started) {
            started = true;
            String stty = System.getProperty("com.googlecode.lanterna.terminal.UnixTerminal.sttyCommand", "/bin/stty");
            // fixed words only (no user text): "stty -g; stty -icanon min 1 -echo intr undef", stdin the terminal
            StringBuilder cmd = new StringBuilder();
            if (save) cmd.append(stty).append(" -g; ");
            cmd.append(stty);
            for (String a : pending == null ? List.<String>of() : pending)
                cmd.append(' ').append(a);
            String out = exec("/bin/sh", "-c", cmd.toString()).trim();
            if (save) {
                if (out.isEmpty()) throw new IOException("stty -g gave no settings to restore");
                saved = out;
            }
        }
        super.registerTerminalResizeListener(onResize);
    }

    /**
     * The size from the kernel (TIOCGWINSZ) once libc is bound: Lanterna's
     * own way moves the cursor and asks the terminal, whose reply would land
     * in a session's input if the window is resized while a shell runs.
     */
    @Override
    protected com.googlecode.lanterna.TerminalSize findTerminalSize() throws IOException {
        nscope.kernel.Kernel k = nscope.kernel.Kernel.ifLoaded();
        int[] s = k == null ? null : new nscope.kernel.Tty(k).size(0);
        if (s != null && s[0] > 0 && s[1] > 0) return new com.googlecode.lanterna.TerminalSize(s[0], s[1]);
        return super.findTerminalSize();
    }

    @Override
    protected void restoreTerminalSettings() throws IOException {
        if (saved != null) runSTTYCommand(saved);
        else super.restoreTerminalSettings();
    }
}
