package nscope.probes.source;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;

/** File operations on a real filesystem (the live host, or any directory). */
public class LiveFiles implements HostFiles {
    /**
     * A read shorter than this (half a page) with room left in the buffer is a file's last (see {@link #read});
     * NativeFiles reads by the same rule.
     */
    static final int SURELY_LAST = 2048;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    /** Whether every directory {@link #readDir} lists is a kernfs one (a cgroup of the live host's mounts). */
    private final boolean kernfsDirs;

    /** Reads a thread group in one call (libnscope-read); null: call by call. */
    private final GroupRead batch;

    public LiveFiles() {
        this(false, null);
    }

    /**
     * @param kernfsDirs the directories {@link #readDir} lists are kernfs ones (cgroups, as the live host's
     *                   mountinfo names their mounts), whose link count tells their subdirectories
     * @param batch      reads a thread group's tasks in one call, or null
     */
    LiveFiles(boolean kernfsDirs, GroupRead batch) {
        this.kernfsDirs = kernfsDirs;
        this.batch = batch;
    }

    @Override
    public String describe() {
        String name = getClass().getSimpleName();
        return batch != null ? name + ", thread groups by " + GroupRead.FILE : name + ", call by call";
    }

    @Override
    public final TaskFiles readTask(Path dir, String[] nsNames) {
        TaskFiles t = batch == null ? null : GroupRecords.one(batch, dir, LinkNames.of(nsNames));
        return t != null ? t : readTaskByCalls(dir, nsNames);
    }

    @Override
    public final TaskFiles readTaskWithCmdline(Path dir, String[] nsNames) {
        TaskFiles t = batch == null ? null : GroupRecords.one(batch, dir, LinkNames.of(nsNames), CMDLINE);
        return t != null ? t : HostFiles.super.readTaskWithCmdline(dir, nsNames);
    }

    @Override
    public final void eachTaskWithCmdline(Path taskDir, String[] nsNames, TaskVisitor each) throws IOException {
        if (batch == null) {
            HostFiles.super.eachTaskWithCmdline(taskDir, nsNames, each);
            return;
        }
        LinkNames names = LinkNames.of(nsNames);
        GroupRecords.each(
                batch.read(Kernel.cPath(taskDir.toString()), CMDLINE, names.joined(), nsNames.length, 0),
                true,
                names,
                each);
    }

    /** The process file read with its tasks, as a C string. */
    private static final byte[] CMDLINE = Kernel.cPath("cmdline");

    /** A directory's names with their inodes; /proc's 2,500 on a busy host in one call of the library. */
    @Override
    public final Map<String, Long> listInodes(Path dir) throws IOException {
        if (batch == null) return listInodesByCalls(dir);
        Map<String, Long> out = new java.util.HashMap<>();
        listed(dir, out::put);
        return out;
    }

    /**
     * A directory's names in one call of the library: /proc's 2,500 without a java.nio Path each (the first
     * thing `nscope ls` and `nscope cgroups` read, on a JVM just started).
     */
    private List<String> listed(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        listed(dir, (name, ino) -> out.add(name));
        return out;
    }

    /** Each entry the library lists, with its inode. */
    private void listed(Path dir, java.util.function.BiConsumer<String, Long> each) throws IOException {
        GroupRead.Records r = batch.list(Kernel.cPath(dir.toString())); // a KernelException is an IOException
        while (r.more()) {
            r.next(); // the entry's kind
            long ino = r.nextLong();
            each.accept(new String(r.bytes(r.next()), java.nio.charset.StandardCharsets.UTF_8), ino);
        }
    }

    Map<String, Long> listInodesByCalls(Path dir) throws IOException {
        return HostFiles.super.listInodes(dir);
    }

    /** A descriptor table's links that name no path in one call of the library (the fd holders phase). */
    @Override
    public final void eachAnonLink(Path dir, LinkVisitor each) throws IOException {
        if (batch == null) {
            eachAnonLinkByCalls(dir, each);
            return;
        }
        GroupRead.Records r = batch.anonLinks(Kernel.cPath(dir.toString()));
        while (r.more()) {
            int v = r.next();
            String name = new String(r.bytes(r.next()), java.nio.charset.StandardCharsets.UTF_8);
            if (v >= 0) each.link(name, new String(r.bytes(v), java.nio.charset.StandardCharsets.UTF_8));
            else if (!each.failed(
                    name, GroupRead.Records.failure(-v, dir.resolve(name).toString()))) return;
        }
    }

    /** One call for every process (libnscope-read): a stat each, a listing for each of several threads. */
    @Override
    public long[] threadGroups(Path proc, List<Integer> pids) {
        if (batch == null) return HostFiles.super.threadGroups(proc, pids);
        int[] ids = new int[pids.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = pids.get(i);
        GroupRead.Records r;
        try {
            r = batch.threadGroups(Kernel.cPath(proc.toString()), ids);
        } catch (nscope.kernel.KernelException e) {
            return new long[0]; // no /proc to open: no thread's group is known, as when every process exited
        }
        long[] out = new long[64];
        int n = 0;
        while (r.more()) {
            if (n == out.length) out = java.util.Arrays.copyOf(out, n * 2);
            int tid = r.next();
            out[n++] = (long) tid << 32 | r.next();
        }
        return java.util.Arrays.copyOf(out, n);
    }

    void eachAnonLinkByCalls(Path dir, LinkVisitor each) throws IOException {
        HostFiles.super.eachAnonLink(dir, each);
    }

    /** One task read file by file, link by link. */
    TaskFiles readTaskByCalls(Path dir, String[] nsNames) {
        return HostFiles.super.readTask(dir, nsNames);
    }

    @Override
    public final void eachTask(Path taskDir, String[] nsNames, TaskVisitor each) throws IOException {
        if (batch == null) {
            eachTaskByCalls(taskDir, nsNames, each);
            return;
        }
        LinkNames names = LinkNames.of(nsNames);
        GroupRecords.each(
                batch.read(Kernel.cPath(taskDir.toString()), names.joined(), nsNames.length, 0), false, names, each);
    }

    @Override
    public void readEach(Path dir, List<String> names, FileVisitor each) {
        if (batch == null || keepsOpen() || names.isEmpty()) HostFiles.super.readEach(dir, names, each);
        else DirBatch.readEach(batch, dir, names, each);
    }

    /** Whether readAgain reads from descriptors kept open between scans (cheaper than one call for all). */
    boolean keepsOpen() {
        return false;
    }

    /** A thread group's tasks read file by file, link by link. */
    void eachTaskByCalls(Path taskDir, String[] nsNames, TaskVisitor each) throws IOException {
        HostFiles.super.eachTask(taskDir, nsNames, each);
    }

    /**
     * As {@link HostFiles#readDir}, but in kernfs a directory's link count is
     * 2 plus its subdirectories: so it stats the directory once and its
     * entries only until it has met them all, none in a leaf cgroup. Java
     * does not hand out the listing's entry types; a stat per entry (a
     * cgroup v1 directory has 10-30 files) was most of a walk's system calls.
     */
    @Override
    public DirRead readDir(Path dir, DirRead.Wanted wanted) throws IOException {
        if (!kernfsDirs) return HostFiles.super.readDir(dir, wanted);
        if (batch != null) return DirBatch.read(batch, dir, wanted);
        int subdirs = (Integer) Files.getAttribute(dir, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS) - 2;
        if (subdirs < 0) return HostFiles.super.readDir(dir, wanted);
        DirRead out = new DirRead();
        for (String name : list(dir)) {
            Path p = dir.resolve(name);
            // a subdirectory made after the stat is missed, as one made after the listing would be
            if (out.dirs.size() < subdirs && isDirectory(p)) {
                out.dirs.add(name);
            } else if (wanted.test(name)) {
                try {
                    out.files.put(name, read(p));
                } catch (IOException e) {
                    out.failed.put(name, e);
                }
            }
        }
        return out;
    }

    /**
     * Reads a whole file with one open, usually one read, one close: unlike
     * Files.readAllBytes no fstat. A read short of the buffer is not always
     * the end: a seq_file that lists records (a v1 tasks list, cgroup.procs)
     * hands out a page of whole records per read (12,000 threads came back
     * as 4,092 bytes, 821 of them). So only a read of less than half a page
     * ends it unread further: a record longer than half a page is all that
     * could have been left out of that page, and the files read here have
     * lines of a few dozen bytes, or come whole in one read (single-record
     * files: /proc/PID/cgroup, most cgroup files); a longer read is followed
     * by one more, until one comes back empty or short.
     */
    @Override
    public byte[] read(Path file) throws IOException {
        byte[] buf = BUFFER.get();
        try (FileInputStream in = new FileInputStream(file.toString())) {
            int n = 0;
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
                if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                else if (r < SURELY_LAST) break;
            }
            if (buf.length <= 1 << 20) BUFFER.set(buf);
            return java.util.Arrays.copyOf(buf, n);
        } catch (FileNotFoundException e) {
            throw translate(file, e);
        }
    }

    @Override
    public byte[] readToEnd(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toString())) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw translate(file, e);
        }
    }

    /** FileInputStream reports every open failure as FileNotFoundException; recover the errno. */
    private static IOException translate(Path file, FileNotFoundException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf('('), close = m.lastIndexOf(')');
        String reason = open >= 0 && close > open ? m.substring(open + 1, close) : m;
        if (reason.equals("No such file or directory")) return new java.nio.file.NoSuchFileException(file.toString());
        if (reason.equals("Permission denied")) return new java.nio.file.AccessDeniedException(file.toString());
        return new java.nio.file.FileSystemException(file.toString(), null, reason);
    }

    /**
     * procfs counts a task directory's links as 2 plus its threads (and a
     * copy on an ordinary filesystem as 2 plus its TID directories): one
     * stat instead of an open, listing and close.
     */
    @Override
    public int threads(Path taskDir) {
        try {
            int links = (Integer) Files.getAttribute(taskDir, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return links > 2 ? links - 2 : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // exited, or no link count: the listing tells
        }
    }

    @Override
    public String readLink(Path link) throws IOException {
        return Files.readSymbolicLink(link).toString();
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        if (batch != null) return listed(dir);
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) out.add(p.getFileName().toString());
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        return out;
    }

    @Override
    public boolean exists(Path p) {
        return Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public long[] nsDevIno(Path nsLink) throws IOException {
        if (batch != null) return batch.stat(Kernel.cPath(nsLink.toString())); // a KernelException is an IOException
        // stat(2) follows the link into nsfs: st_dev and st_ino are the namespace's identity
        Map<String, Object> a = Files.readAttributes(nsLink, "unix:dev,ino");
        return new long[] {(Long) a.get("dev"), (Long) a.get("ino")};
    }
}
