package nscope.app.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nscope.probes.model.Snapshot;

/**
 * Appends snapshots to a journal: a keyframe at the head of each file and
 * every {@code keyframeEvery}, a delta otherwise; when a file has reached
 * {@code maxSize} the next entry opens the next file of the recording (see
 * {@link Segments}), a keyframe at its head, and files beyond the
 * {@code keep} newest are removed. Each entry is flushed whole.
 */
public final class JournalWriter implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final long maxSize;
    private final Duration keyframeEvery;
    private final int keep;
    private DataOutputStream out;
    private Path current;
    private long size;
    private HostState last;
    private Instant lastKey;
    private long bytes;
    private int entries;
    private boolean closed;

    /**
     * @param maxSize the size at which a file is closed and the next begun (0: never)
     * @param keep    how many files to keep (0: all)
     */
    public JournalWriter(Path file, long maxSize, Duration keyframeEvery, int keep) {
        this.file = file;
        this.maxSize = maxSize;
        this.keyframeEvery = keyframeEvery;
        this.keep = keep;
    }

    /** Appends the host as it is in {@code s}, taken {@code bootNanos} after the host booted; true for a keyframe. */
    public boolean append(Snapshot s, long bootNanos) throws IOException {
        return append(s, s.takenAt(), bootNanos);
    }

    /**
     * The same, stamped {@code at} (a refresher gives its last snapshot again when nothing changed). After
     * {@link #close()}, nothing is written.
     */
    public boolean append(Snapshot s, Instant at, long bootNanos) throws IOException {
        return append(s, at, bootNanos, null);
    }

    /**
     * The same, the entry labelled (what was going on then, such as a lab's step; null: no label), in its
     * optional "label" field.
     */
    public synchronized boolean append(Snapshot s, Instant at, long bootNanos, String label) throws IOException {
        if (closed) return false;
        HostState now = HostState.written(s);
        now.takenAt = at;
        // a file made ahead of its first entry (create()) takes that entry whatever the limit
        if (out != null && maxSize > 0 && size >= maxSize && size > Frame.MAGIC.length) closeFile();
        boolean key = out == null || lastKey == null || !at.isBefore(lastKey.plus(keyframeEvery));
        if (out == null) open();
        byte[] body = body(key ? null : last, now, label);
        int utc = ZoneId.systemDefault().getRules().getOffset(at).getTotalSeconds();
        Frame.writeHeader(out, key ? 'K' : 'D', at.toEpochMilli(), bootNanos, utc, body.length);
        out.write(body);
        out.flush();
        size += Frame.HEADER + body.length;
        bytes += Frame.HEADER + body.length;
        entries++;
        last = now;
        if (key) lastKey = at;
        return key;
    }

    /** Bytes written so far, over every file. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int entries() {
        return entries;
    }

    static byte[] body(HostState before, HostState after, String label) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(buf, 1 << 16);
                JsonGenerator g = JSON.createGenerator(z)) {
            EntryCodec.write(before, after, label, g);
        }
        return buf.toByteArray();
    }

    /**
     * Creates the recording's file now (its first entry comes later), so that a path that cannot be written
     * is told at once and the file exists before anything is recorded into it.
     */
    public synchronized void create() throws IOException {
        if (closed) throw new IOException("the recording is closed");
        if (out == null) open();
    }

    /** The file being written (null before the first or after the last). */
    public synchronized Path current() {
        return out == null ? null : current;
    }

    private void open() throws IOException {
        Path next = Segments.next(file);
        if (next.getParent() != null) Files.createDirectories(next.getParent());
        out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16));
        current = next;
        out.write(Frame.MAGIC);
        out.flush();
        size = Frame.MAGIC.length;
        if (keep > 0) {
            List<Path> all = Segments.of(file);
            for (int i = 0; i < all.size() - keep; i++) Files.deleteIfExists(all.get(i));
        }
    }

    private void closeFile() throws IOException {
        out.close();
        out = null;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (out != null) closeFile();
    }
}
