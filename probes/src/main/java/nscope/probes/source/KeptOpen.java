package nscope.probes.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * Descriptors of files a live view reads on every refresh (cgroup interface
 * files and directories, /proc/PID/cgroup), kept open between scans and
 * read again from offset 0: the kernel's open and release of a kernfs or
 * proc file cost it more than the read itself (measured here: 5,661 cgroup
 * files in 70-90 ms opened each time, 17-28 ms kept open).
 *
 * A kept descriptor is used only while it still names what the path names:
 * a cgroup file or directory whose inode (from its parent's listing)
 * differs was removed and made again, and is opened anew; one whose read
 * fails (ENODEV after a cgroup's removal, ESRCH once a process has exited)
 * is closed and the path opened anew, so a reused PID reads its new
 * process. Descriptors not used in a scan are closed by {@link #sweep}. At
 * most {@code budget} are kept (a share of the process's descriptor limit);
 * past it, files are opened, read and closed as before.
 */
final class KeptOpen {
    /** A kept descriptor; its generation is the last scan that used it (each key is used by one thread in a scan). */
    private static final class Entry {
        final Fd fd;
        final long ino;
        volatile long generation;

        Entry(Fd fd, long ino, long generation) {
            this.fd = fd;
            this.ino = ino;
            this.generation = generation;
        }
    }

    private final Kernel kernel;
    private final int budget;
    // budget 0: nothing is kept, every read opens and closes
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    /** Kept by every live host of this JVM: the budget is the process's. */
    private static final AtomicInteger kept = new AtomicInteger();

    private volatile long generation;

    KeptOpen(Kernel kernel, int budget) {
        this.kernel = kernel;
        this.budget = budget;
    }

    /** A share of the descriptor limit: half of it, at most 65,536. */
    static int defaultBudget() {
        long max = 1024;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean u) max = u.getMaxFileDescriptorCount();
        return (int) Math.min(max / 2, 65536);
    }

    interface Opener {
        Fd open() throws KernelException;
    }

    /**
     * The descriptor kept for key, if it is still for inode ino (0: not
     * known, trust the read to fail); else null. The caller reads it and
     * reports a failed read with {@link #drop}.
     */
    Fd get(String key, long ino) {
        Entry e = files.get(key);
        if (e == null) return null;
        if (ino != 0 && e.ino != ino) {
            drop(key);
            return null;
        }
        e.generation = generation;
        return e.fd;
    }

    /** Opens key anew; keeps it when the budget allows (then the caller must not close it), else returns it to be closed. */
    Fd open(String key, long ino, Opener opener, boolean[] keptOut) throws KernelException {
        Fd fd = opener.open();
        if (budget > 0 && kept.incrementAndGet() <= budget) {
            Entry old = files.put(key, new Entry(fd, ino, generation));
            if (old != null) close(old);
            keptOut[0] = true;
        } else {
            if (budget > 0) kept.decrementAndGet();
            keptOut[0] = false;
        }
        return fd;
    }

    /** Forgets and closes the descriptor kept for key (its read failed, or it names something else now). */
    void drop(String key) {
        Entry e = files.remove(key);
        if (e != null) close(e);
    }

    /** Closes every descriptor the scan now ending did not use; the next scan starts. */
    void sweep() {
        long now = generation;
        files.forEach((key, e) -> {
            if (e.generation != now && files.remove(key, e)) close(e);
        });
        generation = now + 1;
    }

    /** Closes them all. */
    void closeAll() {
        files.forEach((key, e) -> {
            if (files.remove(key, e)) close(e);
        });
    }

    int size() {
        return files.size();
    }

    private void close(Entry e) {
        e.fd.close();
        kept.decrementAndGet();
    }
}
