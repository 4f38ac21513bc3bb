package nscope.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libnscope-read (native/src/main/c/readlib): one call reads a whole thread
 * group's stat, status and namespace links into a buffer of this thread's,
 * where a call per file and link would cost some eighteen per task, each
 * with its glue and copies. Bound by JNI (System.load, a millisecond), not
 * jnr-ffi, so that a one-shot command's cold start can use it too. The build
 * puts the library beside nscope.jar (and beside this module's classes);
 * where it is missing, {@link #shared()} is null and the caller reads call by
 * call as before.
 */
public final class GroupRead {
    /** The library's name on disk. */
    public static final String FILE = "libnscope-read.so";

    private static final int ENOSPC = 28;
    private static final int FIRST = 256 * 1024, LARGEST = 256 * 1024 * 1024;

    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>();

    private GroupRead() {}

    /** The library's one entry (group-jni.c): the bytes written, or minus an errno or a failure (group.c). */
    private static native long readGroup(
            byte[] taskDir, byte[] head, byte[] links, int nlinks, int only, ByteBuffer buf);

    private static volatile Object shared; // a GroupRead, or the reason there is none (a String)

    /** The library loaded once, or null when it is not installed or cannot load (see {@link #unavailable()}). */
    public static GroupRead shared() {
        Object s = shared;
        if (s == null) {
            synchronized (GroupRead.class) {
                if (shared == null) shared = load();
                s = shared;
            }
        }
        return s instanceof GroupRead g ? g : null;
    }

    /** Why {@link #shared()} is null; null when it is not. */
    public static String unavailable() {
        shared();
        return shared instanceof String why ? why : null;
    }

    private static Object load() {
        // benchmarks compare the two readers in one run (app/bench/task-scan-vs-c)
        if (Boolean.getBoolean("nscope.callByCall")) return "switched off by -Dnscope.callByCall";
        Path lib;
        try {
            lib = Installed.beside(GroupRead.class, FILE);
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
        if (!Files.isRegularFile(lib)) return lib + " is missing";
        try {
            System.load(lib.toString());
            return new GroupRead();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return "cannot load " + lib + ": " + e.getMessage();
        }
    }

    /**
     * Reads the tasks of one thread group into this thread's buffer.
     *
     * @param taskDir /proc/PID/task as a C string
     * @param links   the link names, each NUL-terminated, back to back
     * @param only    a TID to read alone (no listing), or 0 for every task listed
     * @return the records, valid until this thread's next call
     * @throws KernelException when the task directory cannot be opened or listed
     */
    public Records read(byte[] taskDir, byte[] links, int nlinks, int only) throws KernelException {
        return read(taskDir, null, links, nlinks, only);
    }

    /**
     * As {@link #read(byte[], byte[], int, int)}, with a file of the process read first, in the same call
     * (the command line: one call a process instead of one more open, read and close): its record, a
     * length and bytes or a failure (negative), comes before the tasks'.
     *
     * @param head the file's name in /proc/PID as a C string (at most 31 bytes), or null for none
     */
    public Records read(byte[] taskDir, byte[] head, byte[] links, int nlinks, int only) throws KernelException {
        return call(taskDir, buf -> readGroup(taskDir, head, links, nlinks, only, buf));
    }

    /**
     * A directory's entries (see group.c): per entry {@link Records#next()} its kind (1 directory, 0 other,
     * 2 unknown), {@link Records#nextLong()} its inode, then its name's length and bytes.
     *
     * @throws KernelException when the directory cannot be opened or listed
     */
    public Records list(byte[] dir) throws KernelException {
        return call(dir, buf -> listDir(dir, buf));
    }

    /**
     * Files of one directory, whole: per name, its length and bytes, or a failure (negative).
     *
     * @param names n names, each NUL-terminated, back to back
     * @throws KernelException when the directory cannot be opened
     */
    public Records readFiles(byte[] dir, byte[] names, int n) throws KernelException {
        return call(dir, buf -> readFiles(dir, names, n, buf));
    }

    /**
     * A directory listed and the wanted files among its entries read, in one call (see group.c): per
     * subdirectory {@link Records#next()} 1, {@link Records#nextLong()} its inode, its name's length and
     * bytes; per wanted file listed 3, its index in names, then its length and bytes or a failure (negative).
     *
     * @param names n names (at most 64), each NUL-terminated, back to back
     * @throws KernelException when the directory cannot be opened or listed
     */
    public Records readDir(byte[] dir, byte[] names, int n) throws KernelException {
        return call(dir, buf -> readDir(dir, names, n, buf));
    }

    private static native long readDir(byte[] dir, byte[] names, int n, ByteBuffer buf);

    /**
     * A descriptor table's links that name no path (sockets, pipes, namespaces: see group.c): per link
     * {@link Records#next()} its target's length or a failure (negative), then its name's length and bytes,
     * then the target's bytes.
     *
     * @throws KernelException when the table cannot be opened or listed
     */
    public Records anonLinks(byte[] dir) throws KernelException {
        return call(dir, buf -> anonLinks(dir, buf));
    }

    /**
     * Which process each thread belongs to (see group.c): per thread of each of these processes that has
     * more than one, {@link Records#next()} its TID, then the PID. A process that exited is left out.
     *
     * @param proc /proc as a C string
     * @throws KernelException when proc cannot be opened
     */
    public Records threadGroups(byte[] proc, int[] pids) throws KernelException {
        return call(proc, buf -> threadGroups(proc, pids, buf));
    }

    /**
     * stat(2) of a path, links followed: its device and inode (a namespace link's: the namespace's
     * identity), in one call.
     *
     * @param path a C string
     * @throws KernelException when it cannot be stat'ed
     */
    public long[] stat(byte[] path) throws KernelException {
        long[] out = new long[2];
        long r = stat(path, out);
        if (r < 0) throw new KernelException("stat", text(path), Errno.of((int) -r));
        return out;
    }

    private static native long stat(byte[] path, long[] out);

    private static native long anonLinks(byte[] dir, ByteBuffer buf);

    private static native long threadGroups(byte[] proc, int[] pids, ByteBuffer buf);

    private static native long listDir(byte[] dir, ByteBuffer buf);

    private static native long readFiles(byte[] dir, byte[] names, int n, ByteBuffer buf);

    /** One call into this thread's buffer, again with a buffer twice as large while it is too small. */
    private Records call(byte[] target, java.util.function.ToLongFunction<ByteBuffer> native_) throws KernelException {
        ByteBuffer buf = buffers.get();
        if (buf == null) buf = grow(FIRST);
        while (true) {
            long n = native_.applyAsLong(buf);
            if (n >= 0) return new Records(buf, n);
            if (n == -ENOSPC && buf.capacity() < LARGEST) {
                buf = grow(buf.capacity() * 2);
                continue;
            }
            throw Records.failure((int) -n, text(target));
        }
    }

    /** A C string (NUL-terminated or not) as text, for a message. */
    private static String text(byte[] c) {
        int k = c.length > 0 && c[c.length - 1] == 0 ? c.length - 1 : c.length;
        return new String(c, 0, k, java.nio.charset.StandardCharsets.UTF_8);
    }

    private ByteBuffer grow(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        buffers.set(b);
        return b;
    }

    /** The records one call wrote: read them in order (see group.c). */
    public static final class Records {
        private final ByteBuffer buf;
        private final long end;
        private int pos;

        Records(ByteBuffer buf, long end) {
            this.buf = buf;
            this.end = end;
        }

        public boolean more() {
            return pos < end;
        }

        /** The next int32: a TID, a length, or a failure (negative). */
        public int next() {
            int v = buf.getInt(pos);
            pos += 4;
            return v;
        }

        /** The next int64 (an inode). */
        public long nextLong() {
            long v = buf.getLong(pos);
            pos += 8;
            return v;
        }

        /** The next len bytes as a new array. */
        public byte[] bytes(int len) {
            byte[] b = new byte[len];
            bytes(b, len);
            return b;
        }

        /** The next len bytes into dst (which must hold them). */
        public void bytes(byte[] dst, int len) {
            buf.get(pos, dst, 0, len);
            pos += len;
        }

        /**
         * A failure as the exception the call-by-call reader would throw.
         *
         * @param code the negated value written: call << 12 | errno
         */
        public static KernelException failure(int code, String target) {
            int call = code >> 12, errno = code & 0xfff;
            String name = call == 0 ? "open" : call == 1 ? "read" : "readlink";
            return new KernelException(name, target, Errno.of(errno));
        }
    }
}
