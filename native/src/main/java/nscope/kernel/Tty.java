package nscope.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Terminals: a new pseudo-terminal pair, raw mode and its undoing, setting a
 * window size (reading one: {@link WindowSize}), and poll/read/write on plain descriptor numbers (the host's 0 and 1
 * are not Fd objects nscope may close).
 */
public final class Tty {
    private static final int O_RDWR = 2, O_NOCTTY = 0x100;
    private static final long TIOCSWINSZ = 0x5414;
    private static final int TCSANOW = 0;
    public static final short POLLIN = 0x1, POLLERR = 0x8, POLLHUP = 0x10;

    private final Kernel k;
    private final LibC c;

    public Tty(Kernel kernel) {
        this.k = kernel;
        this.c = kernel.libc();
    }

    /** A pseudo-terminal's master side (close-on-exec, not our controlling terminal) and its slave's path. */
    public record Pty(Fd master, String slave) implements AutoCloseable {
        @Override
        public void close() {
            master.close();
        }
    }

    public Pty openPty() throws KernelException {
        int fd = c.posix_openpt(O_RDWR | O_NOCTTY | LibC.O_CLOEXEC);
        if (fd < 0) throw k.lastError("posix_openpt", "/dev/ptmx");
        Fd master = new Fd(k, fd, "pty master");
        byte[] name = new byte[128];
        if (c.grantpt(fd) != 0 || c.unlockpt(fd) != 0 || c.ptsname_r(fd, name, name.length) != 0) {
            KernelException e = k.lastError("grantpt/unlockpt/ptsname", "pty master");
            master.close();
            throw e;
        }
        int n = 0;
        while (n < name.length && name[n] != 0) n++;
        return new Pty(master, new String(name, 0, n, StandardCharsets.UTF_8));
    }

    public boolean isTty(int fd) {
        return c.isatty(fd) == 1;
    }

    /** Puts the terminal on fd in raw mode (no echo, no line editing, no signals from keys); returns what to restore. */
    public byte[] raw(int fd) throws KernelException {
        byte[] saved = new byte[128];
        if (c.tcgetattr(fd, saved) != 0) throw k.lastError("tcgetattr", "fd " + fd);
        byte[] raw = saved.clone();
        c.cfmakeraw(raw);
        if (c.tcsetattr(fd, TCSANOW, raw) != 0) throw k.lastError("tcsetattr", "fd " + fd);
        return saved;
    }

    /** Restores the settings {@link #raw} returned; keys typed meanwhile that nobody read are kept. */
    public void restore(int fd, byte[] saved) throws KernelException {
        if (c.tcsetattr(fd, TCSANOW, saved) != 0) throw k.lastError("tcsetattr", "fd " + fd);
    }

    /** Sets the window size of a terminal (a pty master: the kernel sends SIGWINCH to its foreground group). */
    public void setSize(Fd fd, int columns, int rows) throws KernelException {
        byte[] ws = new byte[8];
        ByteBuffer.wrap(ws)
                .order(ByteOrder.nativeOrder())
                .putShort(0, (short) rows)
                .putShort(2, (short) columns);
        if (c.ioctl(fd.number(), TIOCSWINSZ, ws) != 0) throw k.lastError("ioctl TIOCSWINSZ", fd.what());
    }

    /**
     * poll(2) for input on each fd; returns each one's revents (0: nothing).
     * EINTR (a signal, e.g. SIGWINCH) counts as nothing ready.
     */
    public short[] poll(int[] fds, int timeoutMs) throws KernelException {
        byte[] p = new byte[8 * fds.length];
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        for (int i = 0; i < fds.length; i++) b.putInt(8 * i, fds[i]).putShort(8 * i + 4, POLLIN);
        short[] out = new short[fds.length];
        if (c.poll(p, fds.length, timeoutMs) < 0) {
            KernelException e = k.lastError("poll", "terminal");
            if (e.errno() == Errno.EINTR) return out;
            throw e;
        }
        for (int i = 0; i < fds.length; i++) out[i] = b.getShort(8 * i + 6);
        return out;
    }

    /** read(2) into buf; -1 at an error (EIO on a master whose slaves all closed), 0 at end of file. */
    public int read(int fd, byte[] buf) {
        return (int) c.read(fd, buf, buf.length);
    }

    /** Writes all n bytes (a terminal may take them in parts); false if the fd failed. */
    public boolean writeAll(int fd, byte[] buf, int n) {
        int off = 0;
        while (off < n) {
            byte[] part = off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, n);
            long w = c.write(fd, part, n - off);
            if (w < 0) {
                if (Errno.of(jnr.ffi.LastError.getLastError(jnr.ffi.Runtime.getRuntime(c))) == Errno.EINTR) continue;
                return false;
            }
            off += (int) w;
        }
        return true;
    }
}
