package nscope.probes.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file operations a scan uses. The live host, a recorded fixture and a
 * capture that records while it reads all go through this one interface, so
 * a fixture replays exactly what a scan read.
 */
public interface HostFiles {
    /**
     * Reads a file the kernel hands out whole in one read (stat, status,
     * cmdline, small files): one read, as long as it fills less than the buffer.
     */
    byte[] read(Path file) throws IOException;

    /**
     * Reads a file to its end, however many reads it takes. For proc files
     * that list many records (mountinfo): the kernel returns them at most a
     * page per read, so one short read does not mean the end.
     */
    byte[] readToEnd(Path file) throws IOException;

    String readLink(Path link) throws IOException;

    /** The names in a directory, unsorted. */
    List<String> list(Path dir) throws IOException;

    /**
     * The names in a directory with their inodes (0 where not known). In /proc
     * a PID's entry gets a new inode when the PID is used again by another
     * process, so a refresh tells a reused PID without reading its stat.
     */
    default Map<String, Long> listInodes(Path dir) throws IOException {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String n : list(dir)) out.put(n, 0L);
        return out;
    }

    /** Whether the path exists itself (a link counts, even if it dangles). */
    boolean exists(Path p);

    /** The threads a /proc/PID/task directory holds, from its link count alone; -1 when that does not tell. */
    default int threads(Path taskDir) {
        return -1;
    }

    /**
     * Which process each thread of these processes belongs to, each as TID << 32 | PID, in no order: every
     * thread of each process with more than one ({@link #threads} tells which, without a listing); a process
     * of one thread, or one that exited, is left out.
     *
     * @param proc the /proc directory the processes are in
     */
    default long[] threadGroups(Path proc, List<Integer> pids) {
        List<long[]> found = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        pids.parallelStream().forEach(pid -> {
            Path task = proc.resolve(Integer.toString(pid)).resolve("task");
            if (threads(task) == 1) return;
            try {
                List<String> names = list(task);
                long[] pairs = new long[names.size()];
                int n = 0;
                for (String tid : names) {
                    int t = nscope.probes.parse.PidName.parse(tid);
                    if (t > 0) pairs[n++] = (long) t << 32 | pid;
                }
                found.add(java.util.Arrays.copyOf(pairs, n));
            } catch (IOException e) {
                // exited: its threads stay without a process, as they would in a later scan
            }
        });
        int size = 0;
        for (long[] f : found) size += f.length;
        long[] all = new long[size];
        int at = 0;
        for (long[] f : found) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }

    /**
     * Reads DIR/stat, DIR/status and DIR/ns/NAME for each name; a failure is
     * kept with the item and the rest is still read.
     */
    default TaskFiles readTask(Path dir, String[] nsNames) {
        TaskFiles t = new TaskFiles(nsNames.length);
        try {
            t.stat = read(dir.resolve("stat"));
            t.statLength = t.stat.length;
        } catch (IOException e) {
            t.statError = e;
            return t;
        }
        try {
            t.status = read(dir.resolve("status"));
            t.statusLength = t.status.length;
        } catch (IOException e) {
            t.statusError = e;
            return t;
        }
        Path ns = dir.resolve("ns");
        for (int i = 0; i < nsNames.length; i++) {
            try {
                t.links[i] = readLink(ns.resolve(nsNames[i]));
            } catch (IOException e) {
                t.linkErrors[i] = e;
            }
        }
        return t;
    }

    /**
     * {@link #readTask}, with the command line of the task's process ({@code dir} being PID/task/TID:
     * PID/cmdline) read first into the same TaskFiles ({@link TaskFiles#cmdline()}); a native reader reads
     * both in one call.
     */
    default TaskFiles readTaskWithCmdline(Path dir, String[] nsNames) {
        byte[] cmdline = null;
        IOException failed = null;
        try {
            cmdline = read(dir.getParent().getParent().resolve("cmdline"));
        } catch (IOException e) {
            failed = e;
        }
        TaskFiles t = readTask(dir, nsNames);
        t.cmdline = cmdline;
        t.cmdlineError = failed;
        return t;
    }

    /**
     * {@link #eachTask}, the first task handed over carrying the process's command line (PID/cmdline),
     * read once the listing is open: a process gone by then has none to read. A native reader reads it in
     * the same call as the tasks.
     */
    default void eachTaskWithCmdline(Path taskDir, String[] nsNames, TaskVisitor each) throws IOException {
        Path file = taskDir.getParent().resolve("cmdline");
        boolean[] first = {true};
        eachTask(taskDir, nsNames, (n, t) -> {
            if (first[0]) {
                first[0] = false;
                try {
                    t.cmdline = read(file);
                } catch (IOException e) {
                    t.cmdlineError = e;
                }
            }
            each.task(n, t);
        });
    }

    /** What {@link #eachTask} hands over for each task: its name (the TID) and its files, lent for the call only. */
    interface TaskVisitor {
        void task(String name, TaskFiles files);
    }

    /**
     * Every task of a thread group: {@code taskDir} (/proc/PID/task) listed
     * and each TID/stat, TID/status and TID/ns/NAME read as {@link #readTask}
     * does, in listing order (unsorted). Fails only when the directory itself
     * cannot be listed (the process is gone). A native reader opens the
     * directory once and reads every task relative to it.
     */
    default void eachTask(Path taskDir, String[] nsNames, TaskVisitor each) throws IOException {
        for (String n : list(taskDir)) each.task(n, readTask(taskDir.resolve(n), nsNames));
    }

    /** What {@link #eachAnonLink} hands over: a link's name and target, or why it could not be read. */
    interface LinkVisitor {
        void link(String name, String target);

        /** @return whether to go on with the next entry */
        boolean failed(String name, IOException e);
    }

    /**
     * The symbolic links in {@code dir} (a descriptor table, /proc/PID/fd)
     * whose target is not a path: sockets, pipes, namespaces ("net:[INODE]").
     * Fails only when the directory cannot be listed. A native reader opens
     * the directory once, reads each link relative to it, and makes no String
     * for the paths (most descriptors), which are skipped.
     */
    default void eachAnonLink(Path dir, LinkVisitor each) throws IOException {
        for (String n : list(dir)) {
            String text;
            try {
                text = readLink(dir.resolve(n));
            } catch (IOException e) {
                if (each.failed(n, e)) continue;
                return;
            }
            if (!text.startsWith("/")) each.link(n, text);
        }
    }

    /**
     * Lists a kernfs directory (a cgroup), telling subdirectories from files, and reads each
     * listed file {@code wanted} names. Fails only when the
     * directory itself cannot be listed (e.g. a cgroup removed meanwhile).
     */
    default DirRead readDir(Path dir, DirRead.Wanted wanted) throws IOException {
        DirRead out = new DirRead();
        for (String name : list(dir)) {
            Path p = dir.resolve(name);
            if (isDirectory(p)) {
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
     * {@link #readDir(Path, DirRead.Wanted)} of a directory read
     * on every scan, whose inode its parent's listing gave ({@link DirRead#ino};
     * 0 when not known): a live reader may keep it and its files open.
     */
    default DirRead readDir(Path dir, long ino, DirRead.Wanted wanted) throws IOException {
        return readDir(dir, wanted);
    }

    /** Whether p is a directory itself (a link to one is not). */
    default boolean isDirectory(Path p) {
        return java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** {@link #read} of a file read on every scan (/proc/PID/cgroup): a live reader may keep it open. */
    default byte[] readAgain(Path file) throws IOException {
        return read(file);
    }

    /** What {@link #readEach} hands over: the i-th file's bytes, or why it could not be read. */
    interface FileVisitor {
        void file(int i, byte[] bytes, IOException error);
    }

    /**
     * Files under {@code dir}, named relative to it (e.g. PID/cgroup under /proc), each read as {@link
     * #readAgain} reads it, in order. A live reader with libnscope-read reads them all in one call.
     */
    default void readEach(Path dir, List<String> names, FileVisitor each) {
        for (int i = 0; i < names.size(); i++) {
            byte[] b = null;
            IOException error = null;
            try {
                b = readAgain(dir.resolve(names.get(i)));
            } catch (IOException e) {
                error = e;
            }
            each.file(i, b, error);
        }
    }

    /** A scan that used readAgain and readDir(dir, ino, ...) is done: what it did not read again may be let go. */
    default void scanDone() {}

    /** (device, inode) of what a namespace link points to. */
    long[] nsDevIno(Path nsLink) throws IOException;

    /**
     * (device, inode) of the namespace with this inode, reached through
     * {@code via} (a link, a descriptor, or a bind mount seen through
     * /proc/PID/root). A recorded tree answers from the inode alone.
     */
    default long[] nsDevIno(Path via, long ino) throws IOException {
        return nsDevIno(via);
    }

    /** Who reads namespace relations for this host: the live ioctls by default. */
    default RelationReader relations() {
        return LiveRelations.shared();
    }

    /** Who reads the facts found only inside a namespace (uts, ipc, net): live hops by default. */
    default FactReader facts() {
        return LiveFacts.shared();
    }

    /** What reads the files, for a benchmark's report. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
