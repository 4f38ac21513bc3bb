package nscope.probes.source;

import java.nio.file.Path;
import nscope.kernel.Fd;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * Live-host reads through direct kernel calls: each task directory is
 * opened once (O_PATH) and its files and links are looked up relative to
 * it, instead of walking /proc/PID/task/TID/... from the root for each of
 * the twelve reads. Measured here: about 20% less time per ns link.
 */
public final class NativeFiles extends LiveFiles {
    private static final byte[] STAT = Kernel.cPath("stat"), STATUS = Kernel.cPath("status"), NS = Kernel.cPath("ns");
    // one buffer each for stat and status, lent to the caller until this thread's next readTask
    private static final ThreadLocal<byte[][]> FILE_BUF =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[1024], new byte[4096]});
    private static final ThreadLocal<byte[]> LINK_BUF = ThreadLocal.withInitial(() -> new byte[256]);
    private final Kernel kernel;

    /** Reads by direct calls; keeps nothing open between scans. */
    public NativeFiles(Kernel kernel) {
        this(kernel, false);
    }

    /**
     * @param keep keep the descriptors of what every scan reads again (cgroup
     *             files, /proc/PID/cgroup) open between scans, for a view that
     *             scans again and again; its owner calls {@link #closeKept} when done
     */
    public NativeFiles(Kernel kernel, boolean keep) {
        this(kernel, keep, GroupRead.shared());
    }

    /** @param batch reads a thread group in one call; null: call by call */
    NativeFiles(Kernel kernel, boolean keep, GroupRead batch) {
        super(false, batch);
        this.kernel = kernel;
        this.kept = new KeptOpen(kernel, keep ? KeptOpen.defaultBudget() : 0);
        this.keep = keep;
    }

    private final boolean keep;

    @Override
    boolean keepsOpen() {
        return keep;
    }

    @Override
    TaskFiles readTaskByCalls(Path dir, String[] nsNames) {
        LinkNames names = LinkNames.of(nsNames);
        try (Fd task = kernel.openPath(null, Kernel.cPath(dir.toString()))) {
            return readTask(task, STAT, STATUS, NS, names);
        } catch (KernelException e) {
            TaskFiles t = new TaskFiles(nsNames.length);
            t.statError = e;
            return t;
        }
    }

    /**
     * Opens /proc/PID/task once and reads each TID/stat, TID/status and
     * TID/ns relative to it: no handle per task to open and close (two system
     * calls of some eighteen per task, and a path from the root each). The
     * paths are written into one buffer per thread, no String per task.
     */
    @Override
    void eachTaskByCalls(Path taskDir, String[] nsNames, TaskVisitor each) throws java.io.IOException {
        LinkNames names = LinkNames.of(nsNames);
        byte[][] paths = PATH_BUF.get();
        try (Fd dir = kernel.openDir(null, Kernel.cPath(taskDir.toString()))) {
            for (nscope.kernel.DirEntry e : kernel.readDir(dir)) {
                String n = e.name();
                if (n.length() > 20) continue; // not a TID (and too long for the path buffers)
                each.task(
                        n,
                        readTask(
                                dir,
                                under(paths[0], n, STAT),
                                under(paths[1], n, STATUS),
                                under(paths[2], n, NS),
                                names));
            }
        }
    }

    @Override
    void eachAnonLinkByCalls(Path dir, LinkVisitor each) throws java.io.IOException {
        byte[] name = PATH_BUF.get()[0], buf = LINK_BUF.get();
        try (Fd d = kernel.openDir(null, Kernel.cPath(dir.toString()))) {
            for (nscope.kernel.DirEntry e : kernel.readDir(d)) {
                String n = e.name();
                if (n.length() > 60 || n.startsWith(".")) continue; // "." and "..": not links
                int k = n.length();
                for (int i = 0; i < k; i++) name[i] = (byte) n.charAt(i);
                name[k] = 0;
                int len;
                try {
                    len = kernel.readLinkBytes(d, name, buf);
                } catch (KernelException x) {
                    if (each.failed(n, x)) continue;
                    return;
                }
                if (len > 0 && buf[0] != '/')
                    each.link(n, new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** "TID/name" as a C string in buf (64 bytes: a TID has at most 20 digits). */
    private static byte[] under(byte[] buf, String tid, byte[] name) {
        int k = tid.length();
        for (int i = 0; i < k; i++) buf[i] = (byte) tid.charAt(i);
        buf[k] = '/';
        System.arraycopy(name, 0, buf, k + 1, name.length); // name ends with its NUL
        return buf;
    }

    private static final ThreadLocal<byte[][]> PATH_BUF =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[64], new byte[64], new byte[64]});

    /** stat, status and the links, each path relative to {@code dir}. */
    private TaskFiles readTask(Fd dir, byte[] stat, byte[] status, byte[] nsPath, LinkNames names) {
        int nlinks = names.cNames().length;
        TaskFiles t = new TaskFiles(nlinks);
        byte[][] bufs = FILE_BUF.get();
        try {
            t.statLength = readAll(dir, stat, bufs, 0);
            t.stat = bufs[0];
        } catch (KernelException e) {
            t.statError = e;
            return t;
        }
        try {
            t.statusLength = readAll(dir, status, bufs, 1);
            t.status = bufs[1];
        } catch (KernelException e) {
            t.statusError = e;
            return t;
        }
        if (nlinks == 0) return t;
        try (Fd ns = kernel.openPath(dir, nsPath)) {
            byte[] buf = LINK_BUF.get();
            for (int i = 0; i < nlinks; i++) {
                try {
                    int n = kernel.readLinkBytes(ns, names.cNames()[i], buf);
                    t.link(i, buf, n, names.kinds()[i]);
                } catch (KernelException e) {
                    t.linkErrors[i] = e;
                }
            }
        } catch (KernelException e) {
            java.util.Arrays.fill(t.linkErrors, e);
        }
        return t;
    }

    private static final ThreadLocal<byte[][]> DIR_BUF = ThreadLocal.withInitial(() -> new byte[][] {new byte[4096]});

    private final KeptOpen kept;

    @Override
    java.util.Map<String, Long> listInodesByCalls(Path dir) throws java.io.IOException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (Fd d = kernel.openDir(null, Kernel.cPath(dir.toString()))) {
            for (nscope.kernel.DirEntry e : kernel.readDir(d)) out.put(e.name(), e.ino());
        }
        return out;
    }

    @Override
    public DirRead readDir(Path dir, DirRead.Wanted wanted) throws java.io.IOException {
        return readDir(dir, 0, wanted);
    }

    /**
     * One directory: getdents64 for the entries, their types and inodes,
     * files read relative to it. readDir is for cgroup directories, which
     * are kernfs: it fills each getdents64 buffer until the directory ends,
     * so a short reply is the last. A directory whose inode is known (from
     * its parent's listing) is kept open with its files ({@link KeptOpen}).
     */
    @Override
    public DirRead readDir(Path dir, long ino, DirRead.Wanted wanted) throws java.io.IOException {
        DirRead out = new DirRead();
        String key = dir.toString();
        byte[] cDir = null;
        Fd d = ino == 0 ? null : kept.get(key, ino);
        boolean keptDir = d != null;
        if (keptDir) {
            try {
                kernel.rewind(d);
            } catch (KernelException e) {
                kept.drop(key);
                keptDir = false;
                d = null;
            }
        }
        if (d == null) {
            cDir = Kernel.cPath(key);
            byte[] path = cDir;
            if (ino != 0) {
                boolean[] k = new boolean[1];
                d = kept.open(key, ino, () -> kernel.openDir(null, path), k);
                keptDir = k[0];
            } else {
                d = kernel.openDir(null, path);
            }
        }
        try {
            byte[][] bufs = DIR_BUF.get();
            for (nscope.kernel.DirEntry e : kernel.readDir(d, true)) {
                boolean isDir = e.typeUnknown()
                        ? java.nio.file.Files.isDirectory(
                                dir.resolve(e.name()), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        : e.directory();
                if (isDir) {
                    out.dirs.add(e.name());
                    out.inos.put(e.name(), e.ino());
                } else if (wanted.test(e.name())) {
                    Fd parent = d;
                    byte[] name = cName(e.name());
                    try {
                        int n = keptDir
                                ? readKept(key + "/" + e.name(), e.ino(), () -> kernel.openFile(parent, name), bufs)
                                : readAll(d, name, bufs, 0);
                        out.files.put(e.name(), java.util.Arrays.copyOf(bufs[0], n));
                    } catch (KernelException x) {
                        out.failed.put(e.name(), x);
                    }
                }
            }
        } catch (KernelException e) {
            if (keptDir) kept.drop(key);
            throw e;
        } finally {
            if (!keptDir) d.close();
        }
        return out;
    }

    /** A file read again on every scan: kept open (within the budget) and read from offset 0. */
    @Override
    public byte[] readAgain(Path file) throws java.io.IOException {
        byte[][] bufs = DIR_BUF.get();
        String key = file.toString();
        try {
            int n = readKept(key, 0, () -> kernel.openFile(null, Kernel.cPath(key)), bufs);
            return java.util.Arrays.copyOf(bufs[0], n);
        } catch (KernelException e) {
            if (e.errno() == nscope.kernel.Errno.ENOENT) throw new java.nio.file.NoSuchFileException(key);
            if (e.errno() == nscope.kernel.Errno.EACCES) throw new java.nio.file.AccessDeniedException(key);
            throw e;
        }
    }

    @Override
    public void scanDone() {
        kept.sweep();
    }

    /** Lets go of every descriptor kept open between scans. */
    public void closeKept() {
        kept.closeAll();
    }

    /** How many descriptors this JVM may keep open between scans (a share of its limit). */
    public static int keptBudget() {
        return KeptOpen.defaultBudget();
    }

    /** How many descriptors are kept open between scans. */
    public int keptOpen() {
        return kept.size();
    }

    /** Reads through the descriptor kept for key; one that fails is dropped and the file opened anew once. */
    private int readKept(String key, long ino, KeptOpen.Opener opener, byte[][] bufs) throws KernelException {
        Fd fd = kept.get(key, ino);
        if (fd != null) {
            try {
                return preadAll(fd, bufs);
            } catch (KernelException e) {
                kept.drop(key); // removed (ENODEV) or exited (ESRCH): what the path names now is opened below
            }
        }
        boolean[] k = new boolean[1];
        Fd f = kept.open(key, ino, opener, k);
        try {
            return preadAll(f, bufs);
        } catch (KernelException e) {
            if (k[0]) kept.drop(key);
            throw e;
        } finally {
            if (!k[0]) f.close();
        }
    }

    /** The whole file from offset 0 into bufs[0], growing it until the file fits (a seq_file read on, see
     * LiveFiles.SURELY_LAST); returns the length. */
    private int preadAll(Fd fd, byte[][] bufs) throws KernelException {
        while (true) {
            byte[] buf = bufs[0];
            int n = kernel.pread(fd, buf, buf.length, 0);
            byte[] tail = null;
            for (int r = n; r >= LiveFiles.SURELY_LAST && n < buf.length; n += r) {
                if (tail == null) tail = new byte[buf.length];
                r = kernel.pread(fd, tail, buf.length - n, n);
                System.arraycopy(tail, 0, buf, n, r);
            }
            if (n < buf.length) return n;
            bufs[0] = new byte[buf.length * 2];
        }
    }

    /**
     * A small file by direct calls (one openat, a read, a close), as the
     * per-process files of a scan are: FileInputStream costs more per file
     * (a descriptor object and its cleaner each).
     */
    @Override
    public byte[] read(Path file) throws java.io.IOException {
        byte[][] bufs = DIR_BUF.get();
        try {
            int n = readAll(null, Kernel.cPath(file.toString()), bufs, 0);
            return java.util.Arrays.copyOf(bufs[0], n);
        } catch (KernelException e) {
            if (e.errno() == nscope.kernel.Errno.ENOENT) throw new java.nio.file.NoSuchFileException(file.toString());
            if (e.errno() == nscope.kernel.Errno.EACCES) throw new java.nio.file.AccessDeniedException(file.toString());
            throw e;
        }
    }

    /** Reads a whole file into bufs[i], growing it until the file fits; returns the length. */
    private int readAll(Fd dir, byte[] name, byte[][] bufs, int i) throws KernelException {
        while (true) {
            int n = kernel.readFile(dir, name, bufs[i]);
            if (n >= LiveFiles.SURELY_LAST && n < bufs[i].length) return readOn(dir, name, bufs, i);
            if (n < bufs[i].length) return n;
            bufs[i] = new byte[bufs[i].length * 2];
        }
    }

    /** A file whose first read was long but short of the buffer (perhaps a page of records): read whole. */
    private int readOn(Fd dir, byte[] name, byte[][] bufs, int i) throws KernelException {
        try (Fd f = kernel.openFile(dir, name)) {
            byte[][] one = {bufs[i]};
            int n = preadAll(f, one);
            bufs[i] = one[0];
            return n;
        }
    }

    private final java.util.Map<String, byte[]> cNames = new java.util.concurrent.ConcurrentHashMap<>();

    /** A name as a C string, made once. */
    private byte[] cName(String name) {
        return cNames.computeIfAbsent(name, Kernel::cPath);
    }
}
