package nscope.kernel;

import java.nio.charset.StandardCharsets;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Typed access to the kernel calls in {@link LibC}: every failure becomes a
 * {@link KernelException} with its errno. Loading binds libc once (jnr-ffi
 * generates the glue at run time, about 0.2 s), so callers load it lazily.
 */
public final class Kernel {
    private final LibC libc;
    private final Runtime runtime;

    private Kernel(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Binds libc; fails with a KernelException where that is impossible. */
    public static Kernel load() throws KernelException {
        try {
            return new Kernel(LibraryLoader.create(LibC.class).load("c"));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new KernelException("load", "libc via jnr-ffi (" + e.getMessage() + ")", Errno.UNKNOWN);
        }
    }

    /** A path as the kernel wants it: bytes with a final NUL. */
    public static byte[] cPath(String path) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /** Opens a directory as an O_PATH handle, to look things up relative to it. */
    public Fd openPath(Fd dir, byte[] path) throws KernelException {
        int fd = libc.openat(dir == null ? LibC.AT_FDCWD : dir.number(), path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        return new Fd(this, fd);
    }

    /**
     * Reads a small file relative to a directory handle with one read into
     * buf; returns the length. A result equal to buf.length means the file
     * may hold more: read again with a larger buffer.
     */
    public int readFile(Fd dir, byte[] path, byte[] buf) throws KernelException {
        int fd = libc.openat(dir.number(), path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        try {
            long r = libc.read(fd, buf, buf.length);
            if (r < 0) throw error("read", path);
            return (int) r;
        } finally {
            libc.close(fd);
        }
    }

    /** readlinkat(2): the link's text, or a KernelException (ENOENT, EACCES, ...). */
    public String readLink(Fd dir, byte[] path, byte[] buf) throws KernelException {
        long n = libc.readlinkat(dir.number(), path, buf, buf.length);
        if (n < 0) throw error("readlink", path);
        return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
    }

    /**
     * unshare(2) for the calling thread only. The JVM is multithreaded: only
     * uts, net, ipc, cgroup and time (for children) can be unshared here, and
     * the thread that did it must be thrown away afterwards.
     */
    public void unshare(int flags) throws KernelException {
        if (libc.unshare(flags) != 0) throw error("unshare", "flags 0x" + Integer.toHexString(flags));
    }

    /** The calling thread's TID, as in /proc/PID/task/TID. */
    public int gettid() { return libc.gettid(); }

    void close(int fd) { libc.close(fd); }

    private KernelException error(String call, byte[] path) {
        return error(call, str(path));
    }

    private KernelException error(String call, String target) {
        return new KernelException(call, target, Errno.of(LastError.getLastError(runtime)));
    }

    private static String str(byte[] path) {
        int n = path.length > 0 && path[path.length - 1] == 0 ? path.length - 1 : path.length;
        return new String(path, 0, n, StandardCharsets.UTF_8);
    }
}
