package nscope.app.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import nscope.probes.model.Snapshot;

/**
 * A recording opened for replay: an index of every whole entry of its files
 * (headers only, the bodies skipped), and the host at any entry, made from
 * the last keyframe at or before it and the deltas after that keyframe.
 */
public final class JournalReader {
    private static final JsonFactory JSON = new JsonFactory();

    /** One entry of the recording: its file and its frame. */
    public record Entry(Path file, Frame frame) {
        public Instant wall() {
            return frame.wall();
        }
    }

    private final List<Entry> entries;

    private JournalReader(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Indexes the recording whose first file is {@code file}; throws when it has no whole entry. */
    public static JournalReader open(Path file) throws IOException {
        List<Path> files = Segments.of(file);
        if (files.isEmpty()) throw new NoSuchFileException(file.toString());
        List<Entry> all = new ArrayList<>();
        for (Path p : files) for (Frame f : index(p)) all.add(new Entry(p, f));
        if (all.isEmpty()) throw new IOException(file + " holds no whole entry of a recording");
        return new JournalReader(all);
    }

    /** The whole entries of one file, from their headers; a file cut short ends at its last whole entry. */
    public static List<Frame> index(Path file) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            byte[] magic = new byte[Frame.MAGIC.length];
            if (len < magic.length) return out;
            f.readFully(magic);
            if (!Arrays.equals(magic, Frame.MAGIC)) throw new IOException(file + " is not an nscope recording");
            long at = magic.length;
            byte[] head = new byte[Frame.HEADER];
            while (at + Frame.HEADER <= len) {
                f.seek(at);
                f.readFully(head);
                Frame fr = Frame.readHeader(new DataInputStream(new java.io.ByteArrayInputStream(head)), at);
                if (fr == null || fr.end() > len) break;
                out.add(fr);
                at = fr.end();
            }
        }
        return out;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The index of the last entry at or before {@code t}; -1 when t is before the first. */
    public int indexAt(Instant t) {
        int lo = 0, hi = entries.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!entries.get(mid).wall().isAfter(t)) {
                found = mid;
                lo = mid + 1;
            } else hi = mid - 1;
        }
        return found;
    }

    /** The host at entry {@code i}: its keyframe (the last at or before it) and the deltas up to it. */
    public Snapshot snapshot(int i) throws IOException {
        return state(i).snapshot();
    }

    HostState state(int i) throws IOException {
        int k = i;
        while (k > 0 && !entries.get(k).frame().keyframe()) k--;
        if (!entries.get(k).frame().keyframe()) throw new IOException("no keyframe before entry " + i);
        HostState s = new HostState();
        Path open = null;
        try (RandomAccessFile f = new RandomAccessFile(entries.get(k).file().toFile(), "r")) {
            open = entries.get(k).file();
            for (int j = k; j <= i; j++) {
                Entry e = entries.get(j);
                if (!e.file().equals(open))
                    throw new IOException("entry " + j + " is in another file than its keyframe");
                apply(f, e.frame(), s);
            }
        }
        return s;
    }

    /**
     * Entry {@code i}'s label (what was going on then, such as a lab's step), or null when it has none. The
     * label is written before the entry's parts, so only the body's head is unpacked.
     */
    public String label(int i) throws IOException {
        Entry e = entries.get(i);
        Frame fr = e.frame();
        byte[] b;
        try (RandomAccessFile f = new RandomAccessFile(e.file().toFile(), "r")) {
            b = body(f, fr);
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b));
                JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                var t = p.nextToken();
                if (name.equals("label")) return p.getText();
                if (t.isStructStart() && !name.equals("bootTime")) return null; // past where a label is
                p.skipChildren();
            }
        } catch (EOFException cut) {
            throw new IOException("entry at byte " + fr.offset() + " of " + e.file() + " is cut short", cut);
        }
        return null;
    }

    /** An entry's body as written: one gzip member. */
    private static byte[] body(RandomAccessFile f, Frame fr) throws IOException {
        byte[] b = new byte[fr.length()];
        f.seek(fr.offset() + Frame.HEADER);
        f.readFully(b);
        return b;
    }

    static void apply(RandomAccessFile f, Frame fr, HostState s) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body(f, fr)), 1 << 16)) {
            // a delta's JSON is kept: what later deltas set again is never made (see Pending.Lazy)
            byte[] json = fr.keyframe() ? null : in.readAllBytes();
            try (JsonParser p = json == null ? JSON.createParser(in) : JSON.createParser(json)) {
                EntryCodec.apply(p, s, json);
            }
        } catch (EOFException e) {
            throw new IOException("entry at byte " + fr.offset() + " of " + f + " is cut short", e);
        }
    }

    /** Whether {@code file} starts as a recording does (else it may be a capture directory). */
    public static boolean isRecording(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(Frame.MAGIC.length), Frame.MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
