package nscope.app.journal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The framing of a journal file: a magic line, then entries, each a header
 * of 25 bytes (big-endian) and a body:
 * <pre>
 *   u32  length of the body in bytes
 *   u8   'K' keyframe (a whole snapshot) or 'D' delta (what changed since the entry before)
 *   i64  wall clock, milliseconds since the epoch (UTC), when the entry's scan began
 *   i64  boot-relative time, nanoseconds since the host booted (CLOCK_BOOTTIME, from /proc/uptime)
 *   i32  the recording host's UTC offset at that moment, seconds (for its local wall clock)
 *   body one gzip member holding the entry as UTF-8 JSON
 * </pre>
 * A reader walks the headers alone (seeking past the bodies) to index a
 * file, and stops at the first header or body that is not whole: the tail a
 * crash cut short.
 */
public record Frame(char kind, long wallMillis, long bootNanos, int utcOffsetSeconds, long offset, int length) {
    public static final byte[] MAGIC = "NSCOPE-JOURNAL 1\n".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER = 25;

    public boolean keyframe() {
        return kind == 'K';
    }

    public Instant wall() {
        return Instant.ofEpochMilli(wallMillis);
    }

    /** Where the next entry starts. */
    long end() {
        return offset + HEADER + length;
    }

    static void writeHeader(DataOutputStream out, char kind, long wallMillis, long bootNanos, int utcOffset, int length)
            throws IOException {
        out.writeInt(length);
        out.writeByte(kind);
        out.writeLong(wallMillis);
        out.writeLong(bootNanos);
        out.writeInt(utcOffset);
    }

    /** The header at {@code offset}, already read into {@code in}; null when it is not a header. */
    static Frame readHeader(DataInputStream in, long offset) throws IOException {
        int length = in.readInt();
        char kind = (char) in.readUnsignedByte();
        long wall = in.readLong(), boot = in.readLong();
        int utc = in.readInt();
        if (length < 0 || kind != 'K' && kind != 'D') return null;
        return new Frame(kind, wall, boot, utc, offset, length);
    }
}
