package nscope.app.record;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nscope.app.journal.JournalWriter;
import nscope.probes.model.Snapshot;
import nscope.views.columns.CgroupCells;

/**
 * The live screen's recording (--record FILE): each snapshot the screen's refresher makes is handed over
 * ({@link #offer}, on the scanning thread) and journaled on a thread of its own, so a slow disk holds up
 * neither a refresh nor a key. While an entry is being written only the newest snapshot waits: a delta is
 * made against the last entry written, so one replaced loses its moment, nothing of the state. A write that
 * fails ends the recording, said once ({@link #failure()}); the screen goes on. {@link #close()} (q, and
 * the shutdown hook on SIGTERM, SIGHUP or Ctrl-C) writes what waits and closes the file after a whole entry.
 */
public final class ScreenRecorder implements AutoCloseable {
    /** How long closing waits for the entry waiting to be written (a stuck disk must not hold the exit). */
    private static final long CLOSE_WAIT_MS = 5000;

    private final JournalWriter writer;
    private final Path file;
    private final Path proc;
    private final Thread thread;
    private final boolean everyCgroups;
    private final Thread hook = new Thread(this::close, "nscope-record-close");
    private Pending pending;
    private boolean closing;
    private int replaced;
    private volatile String label;
    private volatile String failure;
    private boolean failureTold;
    private volatile long bytes;
    private volatile int entries;

    private record Pending(Snapshot snapshot, Instant at, long nanos, String label) {}

    private ScreenRecorder(JournalWriter writer, Path file, Path proc, boolean everyCgroups) {
        this.writer = writer;
        this.file = file;
        this.proc = proc;
        this.everyCgroups = everyCgroups;
        this.thread = new Thread(this::run, "nscope-record");
        thread.setDaemon(true); // the shutdown hook closes the file; this thread must not hold the exit
        thread.start();
        Runtime.getRuntime().addShutdownHook(hook); // SIGTERM, SIGHUP (the terminal gone), Ctrl-C
    }

    /**
     * Creates FILE (and its directories) at once, so the file exists before its first entry and a path that
     * cannot be written is told before the screen opens; IOException: it cannot, in words ({@link #reason}).
     * everyCgroups: the screen reads the cgroup trees at every refresh (--cgroup-figures); proc: the host's
     * /proc, for the boot-relative time.
     */
    public static ScreenRecorder start(
            Path file, long maxSize, Duration keyframe, int keep, boolean everyCgroups, Path proc) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) throw new IOException("it is a directory");
        JournalWriter w = new JournalWriter(file, maxSize, keyframe, keep);
        w.create();
        return new ScreenRecorder(w, file, proc, everyCgroups);
    }

    /**
     * A snapshot the screen made, to be journaled stamped when its refresh began (it lists /proc then, as
     * nscope record stamps; a refresh that found nothing new gives the last snapshot, stamped all the same).
     */
    public synchronized void offer(Snapshot s, Instant began) {
        if (closing || failure != null) return;
        if (pending != null) replaced++;
        pending = new Pending(s, began, System.nanoTime(), label);
        notifyAll();
    }

    /** Whether the screen should read the cgroup trees at every refresh for this recording. */
    public boolean everyCgroups() {
        return everyCgroups;
    }

    /** What is going on (a lab's step), written with each entry from now on; null: nothing. */
    public void label(String words) {
        label = words;
    }

    private void run() {
        while (true) {
            Pending p;
            synchronized (this) {
                while (pending == null && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (pending == null) return;
                p = pending;
                pending = null;
            }
            try {
                long boot = Recorder.bootNanos(proc);
                // the boot-relative time of the moment the snapshot was handed over, not of this write
                if (boot >= 0) boot -= System.nanoTime() - p.nanos();
                writer.append(p.snapshot(), p.at(), boot, p.label());
                bytes = writer.bytes();
                entries = writer.entries();
            } catch (IOException | RuntimeException e) {
                failure = "recording into " + file + " stopped: " + reason(e);
                closeWriter();
                return;
            }
        }
    }

    /** The header's words: where it records and how much so far, or that it stopped. */
    public String words() {
        String name = file.toString();
        if (name.length() > 40) name = "..." + name.substring(name.length() - 37);
        return (failure != null ? "recording stopped: " : "recording ") + name + " " + CgroupCells.bytes(bytes);
    }

    /** Why the recording stopped, the first time it is asked after it did (for the status line); else null. */
    public synchronized String failure() {
        if (failure == null || failureTold) return null;
        failureTold = true;
        return failure;
    }

    /** What was written, for the terminal once the screen is gone. */
    public synchronized String summary() {
        String s = "recorded " + entries + " entries, " + bytes + " bytes into " + file;
        if (replaced > 0) s += " (" + replaced + " refreshes not written: the disk was slower than the screen)";
        return failure != null ? s + "; " + failure : s;
    }

    /** Writes the entry that waits, if the disk allows within a moment, and closes the file after a whole entry. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeWriter();
        if (Thread.currentThread() != hook)
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook closes it again, which does nothing
            }
    }

    private void closeWriter() {
        try {
            writer.close(); // waits for an entry being appended: the file ends whole
        } catch (IOException e) {
            // each entry was flushed whole already
        }
    }

    /** An I/O failure in words: the kernel's reason, without the exception's class. */
    public static String reason(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such directory";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof java.nio.file.FileAlreadyExistsException f)
            return f.getFile() + " is in the way: it is not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return String.valueOf(e.getMessage());
    }
}
