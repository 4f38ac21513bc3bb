package nscope.app.exec;

import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.kernel.KernelException;
import nscope.kernel.Tty;

/**
 * A child nscope started, on its own pty (or with pipes for its output when
 * nscope's input is not a terminal). Attaching relays keys to it and its
 * output to the terminal until it ends, or, where allowed, until the user
 * presses Ctrl-] to go back to the screen while it runs; attaching again
 * goes on. When it ends, what was registered with {@link #onEnd} learns its
 * exit status (the audit log's end line, a container's control socket).
 */
public final class Running {
    /** Ctrl-]: the byte that puts a session aside (as telnet's escape); a session never sees it. */
    static final byte DETACH = 0x1d;

    private final Tty tty;
    private final Tty.Pty pty;
    private final Process p;
    private final Launch launch;
    private final Pipes pipes;
    private final java.util.List<java.util.function.IntConsumer> onEnd = new java.util.ArrayList<>();
    private boolean closed;

    Running(Tty tty, Tty.Pty pty, Process p, Launch launch, Pipes pipes) {
        this.tty = tty;
        this.pty = pty;
        this.p = p;
        this.launch = launch;
        this.pipes = pipes;
    }

    /** Told the exit status once it ended (or -1 when it was ended by nscope without one). */
    public Running onEnd(java.util.function.IntConsumer c) {
        onEnd.add(c);
        return this;
    }

    /**
     * The child's output and errors copied to nscope's own, as they come:
     * used when nscope's input is not a terminal, so the child never holds
     * a descriptor of the operator's terminal.
     */
    static final class Pipes {
        private final Thread out, err;

        Pipes(Process p) {
            out = copier(p.getInputStream(), new java.io.FileOutputStream(java.io.FileDescriptor.out), "nscope-stdout");
            err = copier(p.getErrorStream(), new java.io.FileOutputStream(java.io.FileDescriptor.err), "nscope-stderr");
        }

        private static Thread copier(java.io.InputStream in, java.io.OutputStream to, String name) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[16384];
                        try (in) {
                            for (int n; (n = in.read(buf)) > 0; ) {
                                to.write(buf, 0, n);
                                to.flush();
                            }
                        } catch (java.io.IOException e) {
                            // the child's end closed, or nscope's output went: nothing more to copy
                        }
                    },
                    name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits for what the child wrote before it ended; a grandchild that keeps the pipe open is not waited for long. */
        void drain() throws InterruptedException {
            out.join(1000);
            err.join(1000);
        }
    }

    String what() {
        return launch.what();
    }

    public long pid() {
        return p.pid();
    }

    public boolean alive() {
        return p.isAlive();
    }

    /**
     * Relays until the child ends (its exit status, 128+N when killed by
     * signal N) or, when detachable, until Ctrl-] (null: it still runs).
     */
    public Integer attach(boolean detachable) throws ActionException {
        try {
            if (pty == null) {
                int code = p.waitFor();
                if (pipes != null) pipes.drain();
                close(code);
                return code;
            }
            if (relay(detachable)) return null;
            int code = p.waitFor();
            close(code);
            return code;
        } catch (KernelException e) {
            throw new ActionException("the terminal: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }

    /** The exit status once it has ended (resources freed), else null. */
    public Integer ended() {
        if (p.isAlive()) return null;
        close(p.exitValue());
        return p.exitValue();
    }

    /** Ends it (SIGHUP through the pty's hangup, then SIGKILL) and frees what it held. */
    public void end() {
        if (pty != null) pty.close();
        try {
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            close(p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) ? p.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            close(-1);
        }
    }

    private void close(int code) {
        if (closed) return;
        closed = true;
        if (pty != null) pty.close();
        launch.close();
        onEnd.forEach(c -> c.accept(code));
    }

    /**
     * Copies keys from nscope's stdin to the pty and the pty's output to
     * nscope's stdout, with the host terminal raw (so Ctrl-C is a byte for
     * the child's terminal, not a signal for nscope); the terminal's
     * settings are restored whatever happens. True when detached.
     */
    private boolean relay(boolean detachable) throws KernelException {
        byte[] saved = tty.raw(0);
        try {
            byte[] buf = new byte[16384];
            int m = pty.master().number();
            int[] size = null;
            boolean keys = true;
            while (true) {
                int[] now = nscope.kernel.WindowSize.of(0);
                if (now != null && (size == null || now[0] != size[0] || now[1] != size[1])) {
                    size = now;
                    tty.setSize(
                            pty.master(), now[0], now[1]); // the kernel tells the child's foreground group (SIGWINCH)
                }
                short[] r = tty.poll(keys ? new int[] {m, 0} : new int[] {m}, 100);
                if ((r[0] & Tty.POLLIN) != 0) {
                    int n = tty.read(m, buf);
                    if (n <= 0) return false; // EIO: every holder of the pty's other side has closed it
                    tty.writeAll(1, buf, n);
                } else if ((r[0] & (Tty.POLLHUP | Tty.POLLERR)) != 0) {
                    return false;
                }
                if (keys && (r[1] & (Tty.POLLIN | Tty.POLLHUP | Tty.POLLERR)) != 0) {
                    int n = tty.read(0, buf);
                    if (n <= 0) {
                        keys = false; // nscope's input ended: the child's goes on until it exits
                    } else {
                        int cut = detachable ? indexOf(buf, n, DETACH) : -1;
                        tty.writeAll(m, buf, cut < 0 ? n : cut);
                        if (cut >= 0) return true;
                    }
                }
                if (!p.isAlive()) {
                    drain(m, buf);
                    return false;
                }
            }
        } finally {
            tty.restore(0, saved);
        }
    }

    private static int indexOf(byte[] buf, int n, byte b) {
        for (int i = 0; i < n; i++) if (buf[i] == b) return i;
        return -1;
    }

    /** What the child wrote just before it ended. */
    private void drain(int m, byte[] buf) throws KernelException {
        for (int i = 0; i < 64; i++) {
            short[] r = tty.poll(new int[] {m}, 20);
            if ((r[0] & Tty.POLLIN) == 0) return;
            int n = tty.read(m, buf);
            if (n <= 0) return;
            tty.writeAll(1, buf, n);
        }
    }
}
