package nscope.kernel;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
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

    private static volatile Object shared; // a Kernel, or the KernelException its load gave

    /**
     * The JVM's one binding of libc: jnr-ffi generates its glue at run time
     * (about 0.2 s), so every reader shares this instead of loading its own.
     */
    public static Kernel shared() throws KernelException {
        Object s = shared;
        if (s == null) {
            synchronized (Kernel.class) {
                if (shared == null) {
                    try {
                        shared = load();
                    } catch (KernelException e) {
                        shared = e;
                    }
                }
                s = shared;
            }
        }
        if (s instanceof KernelException e) throw e;
        return (Kernel) s;
    }

    /** The shared binding if something has made it already, else null (it is not made here: that costs ~0.2 s). */
    public static Kernel ifLoaded() {
        return shared instanceof Kernel k ? k : null;
    }

    /** Binds libc anew; fails with a KernelException where that is impossible. Most callers want {@link #shared()}. */
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
        int fd = libc.openat(
                dir == null ? LibC.AT_FDCWD : dir.number(), path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        return new Fd(this, fd);
    }

    /**
     * Reads a small file relative to a directory handle (null: the working
     * directory, or an absolute path) with one read into
     * buf; returns the length. A result equal to buf.length means the file
     * may hold more: read again with a larger buffer.
     */
    public int readFile(Fd dir, byte[] path, byte[] buf) throws KernelException {
        int fd = libc.openat(dir == null ? LibC.AT_FDCWD : dir.number(), path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        try {
            long r = libc.read(fd, buf, buf.length);
            if (r < 0) throw error("read", path);
            return (int) r;
        } finally {
            libc.close(fd);
        }
    }

    /** Opens a directory to list it ({@link #readDir}) and to read files relative to it. */
    public Fd openDir(Fd dir, byte[] path) throws KernelException {
        int fd = libc.openat(
                dir == null ? LibC.AT_FDCWD : dir.number(), path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        return new Fd(this, fd, str(path));
    }

    private static final ThreadLocal<byte[]> DIRENT_BUF = ThreadLocal.withInitial(() -> new byte[4096]);
    /** The largest linux_dirent64 record: 19 bytes of header, a 255-byte name, its NUL, padding to 8. */
    private static final int MAX_DIRENT = 280;

    /**
     * Every entry of a directory opened with {@link #openDir}, "." and ".."
     * left out, each with its d_type, by getdents64(2): one call per hundred
     * entries or so and no stat(2) per entry. {@code fillsBuffer}: the file
     * system fills each buffer until the directory ends (kernfs, which cgroup
     * and sysfs are, does), so a reply with room left for another entry was
     * the last and the call that would return 0 is saved.
     */
    public java.util.List<DirEntry> readDir(Fd dir, boolean fillsBuffer) throws KernelException {
        java.util.List<DirEntry> out = new java.util.ArrayList<>();
        byte[] buf = DIRENT_BUF.get();
        java.nio.ByteBuffer order = java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.nativeOrder());
        while (true) {
            long n = libc.getdents64(dir.number(), buf, buf.length);
            if (n < 0) throw error("getdents64", dir.what());
            if (n == 0) return out;
            // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]
            for (int at = 0; at < n; ) {
                int reclen = Short.toUnsignedInt(order.getShort(at + 16));
                int type = buf[at + 18] & 0xff;
                int end = at + 19;
                while (buf[end] != 0) end++;
                String name = new String(buf, at + 19, end - at - 19, StandardCharsets.UTF_8);
                if (!name.equals(".") && !name.equals("..")) out.add(new DirEntry(name, type, order.getLong(at)));
                at += reclen;
            }
            if (fillsBuffer && n < buf.length - MAX_DIRENT) return out;
        }
    }

    /** Moves a directory (or file) descriptor back to its start, to list (read) it again. */
    public void rewind(Fd fd) throws KernelException {
        if (libc.lseek(fd.number(), 0, 0) < 0) throw error("lseek", fd.what());
    }

    /** {@link #readDir(Fd, boolean)} for any file system: reads until getdents64 returns 0. */
    public java.util.List<DirEntry> readDir(Fd dir) throws KernelException {
        return readDir(dir, false);
    }

    /** Opens a file to read it again and again with {@link #pread}; owned by the caller. */
    public Fd openFile(Fd dir, byte[] path) throws KernelException {
        int fd = libc.openat(dir == null ? LibC.AT_FDCWD : dir.number(), path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", path);
        return new Fd(this, fd, str(path));
    }

    /**
     * pread(2) from offset: a kernfs or proc file read again through a descriptor kept open produces its
     * text anew (from 0), without the open and release, which cost the kernel more than the read.
     */
    public int pread(Fd fd, byte[] buf, int len, long offset) throws KernelException {
        long r = libc.pread(fd.number(), buf, len, offset);
        if (r < 0) throw error("read", fd.what());
        return (int) r;
    }

    /** readlinkat(2) into buf: the length, or a KernelException (ENOENT, ...); a scan parses the bytes itself. */
    public int readLinkBytes(Fd dir, byte[] path, byte[] buf) throws KernelException {
        long n = libc.readlinkat(dir.number(), path, buf, buf.length);
        if (n < 0) throw error("readlink", path);
        return (int) n;
    }

    /**
     * unshare(2) for the calling thread only. The JVM is multithreaded: only
     * uts, net, ipc, cgroup and time (for children) can be unshared here, and
     * the thread that did it must be thrown away afterwards.
     */
    public void unshare(int flags) throws KernelException {
        if (libc.unshare(flags) != 0) throw error("unshare", "flags 0x" + Integer.toHexString(flags));
    }

    /** open(2) of a path; flags are LibC's O_* (O_CLOEXEC is always added). */
    public Fd open(String path, int flags) throws KernelException {
        int fd = libc.open(cPath(path), flags | LibC.O_CLOEXEC, 0);
        if (fd < 0) throw error("open", path);
        return new Fd(this, fd, path);
    }

    /**
     * ioctl(2) with no argument, returning its non-negative result.
     * requestName names the request in errors; meaning, if not null, says
     * what an errno means for this request (errno -> sentence).
     */
    public int ioctl(Fd fd, long request, String requestName, Function<Errno, String> meaning) throws KernelException {
        int r = libc.ioctl(fd.number(), request, 0L);
        if (r < 0) throw error("ioctl " + requestName, fd.what(), meaning);
        return r;
    }

    /** ioctl(2) that returns a new descriptor, owned by the caller; what names it. */
    public Fd ioctlNewFd(Fd fd, long request, String requestName, String what, Function<Errno, String> meaning)
            throws KernelException {
        return new Fd(this, ioctl(fd, request, requestName, meaning), what);
    }

    /** ioctl(2) that writes one int through its pointer argument; returns that int. */
    public int ioctlReadInt(Fd fd, long request, String requestName, Function<Errno, String> meaning)
            throws KernelException {
        int[] out = new int[1];
        if (libc.ioctl(fd.number(), request, out) < 0) throw error("ioctl " + requestName, fd.what(), meaning);
        return out[0];
    }

    /**
     * Opens one directory below dir as an O_PATH handle, never through a
     * symbolic link (O_NOFOLLOW): the walk a cgroup write takes, one name at a time.
     */
    public Fd openPathNoFollow(Fd dir, String name) throws KernelException {
        byte[] p = cPath(name);
        int fd = libc.openat(dir.number(), p, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", p);
        return new Fd(this, fd, name);
    }

    /** mkdirat(2): a directory (a cgroup, under cgroupfs) named name in dir. */
    public void mkdirAt(Fd dir, String name, int mode) throws KernelException {
        byte[] p = cPath(name);
        if (libc.mkdirat(dir.number(), p, mode) != 0) throw error("mkdir", p);
    }

    /** unlinkat(2) with AT_REMOVEDIR: removes the empty directory name in dir. */
    public void rmdirAt(Fd dir, String name) throws KernelException {
        byte[] p = cPath(name);
        if (libc.unlinkat(dir.number(), p, LibC.AT_REMOVEDIR) != 0) throw error("rmdir", p);
    }

    /**
     * Writes text to the file name in dir in one write(2), never through a
     * symbolic link: how a cgroup interface file takes a value (the kernel
     * answers the write itself with an errno when it refuses it).
     */
    public void writeFile(Fd dir, String name, byte[] text) throws KernelException {
        byte[] p = cPath(name);
        int fd = libc.openat(dir.number(), p, LibC.O_WRONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (fd < 0) throw error("open", p);
        try {
            long n = libc.write(fd, text, text.length);
            if (n < 0) throw error("write", p);
            if (n != text.length)
                throw new KernelException(
                        "write", name, Errno.EIO, "only " + n + " of " + text.length + " bytes taken");
        } finally {
            libc.close(fd);
        }
    }

    /** fstat(2): the device and inode of what fd is open on. */
    public DevIno fstat(Fd fd) throws KernelException {
        StatBuf st = new StatBuf(runtime);
        if (libc.fstat(fd.number(), st) != 0) throw error("fstat", fd.what());
        return new DevIno(st.dev.get(), st.ino.get());
    }

    /**
     * setns(2) for the calling thread only: nstype is the CLONE_NEW* flag the
     * namespace must have (0 accepts any). Call it only on a thread that is
     * thrown away afterwards (see {@link NamespaceHop}).
     */
    public void setns(Fd fd, int nstype) throws KernelException {
        if (libc.setns(fd.number(), nstype) != 0) {
            String as = NsType.ofFlag(nstype).map(NsType::link).orElse("flags 0x" + Integer.toHexString(nstype));
            throw error("setns", fd.what() + " as " + as, e -> switch (e) {
                case EINVAL -> "not a " + as + " namespace, or one a multithreaded process may not join (mnt, user)";
                case EUSERS -> "a multithreaded process may not join a time namespace";
                default -> null;
            });
        }
    }

    /** mount(2); source, fstype and data may be null. Flags are {@link MountFlags}. */
    public void mount(String source, String target, String fstype, long flags, String data) throws KernelException {
        int r = libc.mount(
                source == null ? null : cPath(source),
                cPath(target),
                fstype == null ? null : cPath(fstype),
                flags,
                data == null ? null : cPath(data));
        if (r != 0)
            throw error("mount", (source == null ? "" : source + " on ") + target, e -> switch (e) {
                case ENODEV -> "the kernel knows no file system type " + fstype;
                default -> null;
            });
    }

    /** umount2(2); flags are MountFlags.MNT_DETACH and friends. */
    public void umount2(String target, int flags) throws KernelException {
        if (libc.umount2(cPath(target), flags) != 0)
            throw error("umount", target, e -> switch (e) {
                case EINVAL -> "not a mount point (or flags umount2 does not take)";
                default -> null;
            });
    }

    /** pidfd_open(2): a descriptor that stays bound to this process, even after its PID is reused. */
    public Fd pidfdOpen(int pid) throws KernelException {
        long fd = libc.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0, 0);
        if (fd < 0) throw error("pidfd_open", "PID " + pid);
        return new Fd(this, (int) fd, "pidfd of PID " + pid);
    }

    /** pidfd_send_signal(2): a signal to exactly the process the pidfd is bound to (0 only checks it lives). */
    public void pidfdSendSignal(Fd pidfd, int signal) throws KernelException {
        if (libc.syscall(LibC.SYS_PIDFD_SEND_SIGNAL, pidfd.number(), signal, 0, 0) != 0)
            throw error("pidfd_send_signal", "signal " + signal + " to " + pidfd.what());
    }

    /**
     * socket(2), always close-on-exec. A socket belongs to the network
     * namespace of the thread that makes it: made on a {@link NamespaceHop}
     * thread, it talks to that namespace for as long as it is open.
     */
    public Fd socket(int domain, int type, int protocol, String what) throws KernelException {
        int fd = libc.socket(domain, type | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) throw error("socket", what);
        return new Fd(this, fd, what);
    }

    /** send(2) of the whole buffer; returns the bytes sent. */
    public int send(Fd fd, byte[] buf) throws KernelException {
        return counted(libc.send(fd.number(), buf, buf.length, 0), "send", fd);
    }

    /** recv(2) into buf; returns the bytes received. */
    public int recv(Fd fd, byte[] buf) throws KernelException {
        return counted(libc.recv(fd.number(), buf, buf.length, 0), "recv", fd);
    }

    private int counted(long n, String call, Fd fd) throws KernelException {
        if (n < 0) throw error(call, fd.what());
        return (int) n;
    }

    /**
     * openat2(2) with RESOLVE_IN_ROOT: path looked up inside the tree at
     * root as a process chrooted there would see it (an absolute symlink in
     * a container's image stays in the image), as an O_PATH handle.
     */
    public Fd openInRoot(Fd root, String path) throws KernelException {
        byte[] how = new byte[24]; // struct open_how { u64 flags, mode, resolve; }
        java.nio.ByteBuffer.wrap(how)
                .order(java.nio.ByteOrder.nativeOrder())
                .putLong(0, LibC.O_PATH | LibC.O_CLOEXEC)
                .putLong(16, LibC.RESOLVE_IN_ROOT);
        long fd = libc.syscall(LibC.SYS_OPENAT2, root.number(), cPath(path), how, how.length);
        if (fd < 0) throw error("openat2", path + " under " + root.what());
        return new Fd(this, (int) fd, path);
    }

    /** The mode bits (type and permissions) of what fd is open on. */
    public int mode(Fd fd) throws KernelException {
        StatBuf st = new StatBuf(runtime);
        if (libc.fstat(fd.number(), st) != 0) throw error("fstat", fd.what());
        return st.mode();
    }

    LibC libc() {
        return libc;
    }

    KernelException lastError(String call, String target) {
        return error(call, target);
    }

    /** The calling thread's TID, as in /proc/PID/task/TID. */
    public int gettid() {
        return libc.gettid();
    }

    private KernelException error(String call, byte[] path) {
        return error(call, str(path));
    }

    private KernelException error(String call, String target) {
        return new KernelException(call, target, Errno.of(LastError.getLastError(runtime)));
    }

    /** errno is what jnr-ffi saved after this thread's last @SaveError call: no other such call may come between. */
    private KernelException error(String call, String target, Function<Errno, String> meaning) {
        Errno e = Errno.of(LastError.getLastError(runtime));
        String m = meaning == null ? null : meaning.apply(e);
        return m == null ? new KernelException(call, target, e) : new KernelException(call, target, e, m);
    }

    private static String str(byte[] path) {
        int n = path.length > 0 && path[path.length - 1] == 0 ? path.length - 1 : path.length;
        return new String(path, 0, n, StandardCharsets.UTF_8);
    }
}
