package nscope.app;

import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.kernel.KernelException;
import nscope.kernel.Tty;

/**
 * A child nscope started, on its own pty (or on nscope's stdin/out/err when
 * that is not a terminal). Attaching relays keys to it and its output to
 * the terminal until it ends, or, where allowed, until the user presses
 * Ctrl-] to go back to the screen while it runs; attaching again goes on.
 */
final class Running {
    /** Ctrl-]: the byte that puts a session aside (as telnet's escape); a session never sees it. */
    static final byte DETACH = 0x1d;

    private final Tty tty;
    private final Tty.Pty pty;
    private final Process p;
    private final Launch launch;
    private boolean closed;

    Running(Tty tty, Tty.Pty pty, Process p, Launch launch) {
        this.tty = tty;
        this.pty = pty;
        this.p = p;
        this.launch = launch;
    }

    String what() { return launch.what(); }

    long pid() { return p.pid(); }

    boolean alive() { return p.isAlive(); }

    /**
     * Relays until the child ends (its exit status, 128+N when killed by
     * signal N) or, when detachable, until Ctrl-] (null: it still runs).
     */
    Integer attach(boolean detachable) throws ActionException {
        try {
            if (pty == null) {
                int code = p.waitFor();
                close();
                return code;
            }
            if (relay(detachable)) return null;
            int code = p.waitFor();
            close();
            return code;
        } catch (KernelException e) {
            throw new ActionException("the terminal: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }

    /** The exit status once it has ended (resources freed), else null. */
    Integer ended() {
        if (p.isAlive()) return null;
        close();
        return p.exitValue();
    }

    /** Ends it (SIGHUP through the pty's hangup, then SIGKILL) and frees what it held. */
    void end() {
        close();
        try {
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private void close() {
        if (closed) return;
        closed = true;
        if (pty != null) pty.close();
        launch.close();
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
                int[] now = tty.size(0);
                if (now != null && (size == null || now[0] != size[0] || now[1] != size[1])) {
                    size = now;
                    tty.setSize(pty.master(), now[0], now[1]); // the kernel tells the child's foreground group (SIGWINCH)
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
