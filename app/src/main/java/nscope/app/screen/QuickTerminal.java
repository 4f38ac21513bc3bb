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
 *
 * <p>Its output is buffered and written when Lanterna flushes (the end of a
 * frame, entering and leaving the screen): Lanterna writes a character at a
 * time, and System.out flushes every write, so a full frame was some 3,000
 * write calls, and as many packets on an SSH link.
 */
public final class QuickTerminal extends UnixTerminal {
    // no initializers: the superclass's constructor calls the methods below before they would run
    private List<String> pending;
    private boolean save, started;
    private String saved;

    private final Output output;

    public QuickTerminal() throws IOException {
        this(new Output(new java.io.FileOutputStream(java.io.FileDescriptor.out)));
    }

    private QuickTerminal(Output out) throws IOException {
        super(System.in, out, java.nio.charset.Charset.defaultCharset(), CtrlCBehaviour.TRAP);
        output = out;
    }

    /** The terminal's output, held until a flush, or written at once while Lanterna asks the terminal something. */
    static final class Output extends java.io.BufferedOutputStream {
        volatile boolean direct;

        Output(java.io.OutputStream terminal) {
            super(terminal, 1 << 16);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            if (direct) flush();
        }
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
     * The size from the kernel (TIOCGWINSZ): Lanterna's own way moves the
     * cursor and asks the terminal, a round trip before the first frame, and
     * a reply that would land in a session's input if the window is resized
     * while a shell runs. Lanterna's way only where the kernel cannot tell.
     */
    @Override
    protected com.googlecode.lanterna.TerminalSize findTerminalSize() throws IOException {
        int[] s = nscope.kernel.WindowSize.of(0);
        if (s != null && s[0] > 0 && s[1] > 0) return new com.googlecode.lanterna.TerminalSize(s[0], s[1]);
        output.flush();
        output.direct = true; // the query must reach the terminal before Lanterna waits for its answer
        try {
            return super.findTerminalSize();
        } finally {
            output.direct = false;
        }
    }

    @Override
    protected void restoreTerminalSettings() throws IOException {
        if (saved != null) runSTTYCommand(saved);
        else super.restoreTerminalSettings();
    }
}
