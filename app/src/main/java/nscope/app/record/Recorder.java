package nscope.app.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nscope.app.journal.JournalWriter;
import nscope.probes.ProcessCpu;
import nscope.probes.Refresher;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;

/**
 * Journals the live host: every interval one refresh of the live screen's
 * {@link Refresher} (so recording costs what the screen costs), appended.
 * {@link #stop()} (the shutdown hook on SIGTERM or Ctrl-C) ends the loop
 * after the entry being written and closes the file.
 */
public final class Recorder {
    /** A directory to write, for each entry, the snapshot the recorder held as a one-entry journal (tests). */
    static final String ASIDE = "nscope.record.aside";

    private final JournalWriter writer;
    private final Duration interval;
    private final boolean cgroupFigures;
    private final Path proc;
    private volatile boolean stopped;
    private long cpuNanos, writeNanos;
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public Recorder(JournalWriter writer, Duration interval, boolean cgroupFigures, Path proc) {
        this.writer = writer;
        this.interval = interval;
        this.cgroupFigures = cgroupFigures;
        this.proc = proc;
    }

    /** Records until {@code duration} has passed (null: until stopped). */
    public void run(Host host, Duration duration) throws IOException {
        Refresher refresher = new Refresher(host);
        String aside = System.getProperty(ASIDE);
        long start = System.nanoTime(), cpu0 = ProcessCpu.nanos();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        try {
            for (long next = start; !stopped && System.nanoTime() < end; ) {
                // stamped when the refresh begins, as it lists /proc then: stamped at its end (a second later on a
                // busy host of 12,000 tasks) an entry missed a namespace made before its time (NamespaceLifetimeIT);
                // a refresh that found nothing new gives the last snapshot, stamped now all the same
                Instant at = Instant.now();
                Snapshot s = refresher.refresh(0, cgroupFigures, interval);
                long boot = bootNanos(proc);
                synchronized (this) {
                    if (stopped) break;
                    long w0 = THREAD.getCurrentThreadCpuTime();
                    writer.append(s, at, boot);
                    writeNanos += THREAD.getCurrentThreadCpuTime() - w0;
                    if (aside != null) aside(Path.of(aside), s, at, boot);
                }
                cpuNanos = ProcessCpu.nanos() - cpu0;
                // the next entry an interval after this one was due, or now if this one took longer
                next = Math.max(next + interval.toNanos(), System.nanoTime());
                if (next >= end) break; // no entry is due before the end (not a burst of them to reach it)
                long wait = next - System.nanoTime();
                if (wait > 0) sleep(wait);
            }
        } finally {
            stop();
        }
    }

    private void aside(Path dir, Snapshot s, Instant at, long boot) throws IOException {
        Files.createDirectories(dir);
        try (JournalWriter w =
                new JournalWriter(dir.resolve(String.format("%06d", writer.entries() - 1)), 0, Duration.ofDays(1), 0)) {
            w.append(s, at, boot);
        }
    }

    /** Ends the recording after the entry being written; the file is closed whole. */
    public void stop() {
        stopped = true;
        synchronized (this) {
            try {
                writer.close();
            } catch (IOException e) {
                // closing only flushes what each entry already flushed
            }
        }
    }

    /** The CPU time spent journaling (taking the snapshot apart, the delta, gzip, the write), beside the refreshes. */
    public long writeNanos() {
        return writeNanos;
    }

    /** The CPU time this process spent while recording. */
    public long cpuNanos() {
        return cpuNanos;
    }

    private void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Nanoseconds since boot (CLOCK_BOOTTIME, which /proc/uptime gives in hundredths); -1 when unreadable. */
    static long bootNanos(Path proc) {
        try {
            String first = Files.readString(proc.resolve("uptime")).strip().split("\\s+")[0];
            return new java.math.BigDecimal(first).movePointRight(9).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
