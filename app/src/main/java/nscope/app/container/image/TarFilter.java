package nscope.app.container.image;

import static nscope.app.container.image.TarHeader.BLOCK;
import static nscope.app.container.image.TarHeader.number;
import static nscope.app.container.image.TarHeader.padded;
import static nscope.app.container.image.TarHeader.string;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Copies a tar archive, unchanged but for its character and block devices, which are dropped
 * with the extended headers that describe them: an image must not create /dev/mem on the host.
 * The archive is read as GNU tar reads it (sizes, extended headers, sparse maps, the end), so
 * that every block tar takes for a header has been looked at here as one. Where tar's own
 * reading would depend on more than the headers (a symlink with data is skipped or not
 * depending on its name), the archive is refused rather than guessed at.
 */
final class TarFilter {
    /** bytes: written to out; the names are the first 20 dropped, as the archive spells them. */
    record Result(long bytes, int devicesDropped, List<String> droppedNames) {}

    /** The input is not an archive this filter passes on (malformed, truncated, compressed otherwise, unreadable). */
    static final class BadImage extends IOException {
        BadImage(String message) {
            super(message);
        }
    }

    private static final int NAMES = 20, MAX_EXTENDED = 16 << 20;
    private final InputStream in;
    private final OutputStream out;
    private final boolean gzip;
    private final byte[] buf = new byte[1 << 16];
    private long at, written, pendingBytes; // at: offset in the (uncompressed) archive
    private final List<byte[]> pending = new ArrayList<>(); // extended headers with their data, until their member
    private String longName, longLink, paxPath, paxLink; // what they say of the member
    private long paxSize = -1;
    private boolean paxSeen, paxSparse;
    private int dropped;
    private final List<String> names = new ArrayList<>();
    private final Set<String> devices =
            new HashSet<>(); // a hard link to a dropped device goes too (tar could not make it)

    private TarFilter(InputStream in, OutputStream out, boolean gzip) {
        this.in = in;
        this.out = out;
        this.gzip = gzip;
    }

    static Result copy(InputStream tar, OutputStream out, LongConsumer progress) throws IOException {
        InputStream raw = new BufferedInputStream(new Counting(tar, progress == null ? n -> {} : progress), 1 << 16);
        raw.mark(16);
        byte[] m = read(false, () -> raw.readNBytes(10));
        raw.reset();
        boolean gz = TarHeader.starts(m, 0x1f, 0x8b);
        String other = TarHeader.compression(m);
        if (other != null)
            throw new BadImage(other
                    + "-compressed images are not supported: unpack it and give the directory, or a plain or gzip tar");
        BufferedOutputStream o = new BufferedOutputStream(out, 1 << 16);
        InputStream archive = read(gz, () -> gz ? new GZIPInputStream(raw, 1 << 16) : raw);
        TarFilter f = new TarFilter(archive, o, gz);
        f.run();
        o.flush();
        read(gz, () -> archive.transferTo(OutputStream.nullOutputStream())); // the gzip trailer is checked,
        read(gz, () -> raw.transferTo(OutputStream.nullOutputStream())); // and progress reaches the end
        return new Result(f.written, f.dropped, List.copyOf(f.names));
    }

    private void run() throws IOException {
        byte[] h = new byte[BLOCK];
        for (; ; ) {
            long start = at;
            if (!block(h))
                throw bad("it ends at offset " + start + " without the zero blocks that end an archive (truncated?)");
            if (TarHeader.zero(h)) break; // GNU tar stops at the first zero block: so do we, whatever follows
            if (!TarHeader.checksumOk(h)) throw bad("header checksum mismatch at offset " + start);
            byte t = h[156];
            if (t == 'L' || t == 'K' || t == 'x' || t == 'X' || t == 'g') extended(h, t, start);
            else member(h, t, start);
        }
        for (byte[] e : pending) put(e); // extended headers with no member after them: tar ignores them too
        put(new byte[2 * BLOCK]);
    }

    private void extended(byte[] h, byte t, long start) throws IOException {
        long size = number(h, 124, 12, false);
        if (size < 0) throw bad("invalid size in the header at offset " + start);
        if (size > MAX_EXTENDED || pendingBytes + BLOCK + padded(size) > MAX_EXTENDED)
            throw bad("the extended headers at offset " + start + " are larger than 16 MiB");
        byte[] e = Arrays.copyOf(h, BLOCK + (int) padded(size));
        if (read(() -> in.readNBytes(e, BLOCK, e.length - BLOCK)) < e.length - BLOCK)
            throw bad("it ends inside the header at offset " + start + " (truncated?)");
        at += e.length - BLOCK;
        pending.add(e);
        pendingBytes += e.length;
        if (t == 'L') longName = string(e, BLOCK, (int) size);
        else if (t == 'K') longLink = string(e, BLOCK, (int) size);
        else pax(e, BLOCK + (int) size, t == 'g', start);
    }

    /** What a PAX header says of the member after it (or, global, of all): only the size changes where tar reads. */
    private void pax(byte[] e, int end, boolean global, long start) throws BadImage {
        if (!global && paxSeen)
            throw bad("a second PAX header for one member at offset " + start); // tar would keep one of them
        paxSeen |= !global;
        boolean ok = TarHeader.records(e, BLOCK, end, (key, value) -> {
            if (global && (key.equals("size") || key.startsWith("GNU.sparse.")))
                throw bad("a global PAX header at offset " + start + " sets " + key);
            else if (key.equals("size") && (paxSize = TarHeader.decimal(value)) < 0)
                throw bad("invalid PAX size in the header at offset " + start);
            else if (key.equals("path") && value.length > 0 && value[0] != 0) paxPath = string(value, 0, value.length);
            else if (key.equals("linkpath") && value.length > 0 && value[0] != 0)
                paxLink = string(value, 0, value.length);
            else if (key.startsWith("GNU.sparse.")) paxSparse = true;
        });
        if (!ok) throw bad("malformed PAX extended header at offset " + start);
    }

    private void member(byte[] h, byte t, long start) throws IOException {
        String name = paxPath != null ? paxPath : longName != null ? longName : TarHeader.name(h);
        String link = paxLink != null ? paxLink : longLink != null ? longLink : string(h, 157, 100);
        long size = t == '1' ? 0 : number(h, 124, 12, false); // GNU tar: a hard link's size field means nothing
        if (size < 0) throw bad("invalid size in the header of " + name + " at offset " + start);
        if (paxSize >= 0) size = paxSize;
        if (paxSparse)
            throw bad(name + " at offset " + start
                    + " is a PAX sparse file, which nscope does not unpack: make the image without --sparse");
        if (t == 'S' && TarHeader.star(h))
            throw bad(name + " at offset " + start + " is a star sparse file, which nscope does not unpack");
        boolean regular = t == '0' || t == 0 || t == '7';
        if (t == '5') size = 0; // tar reads no data after a directory, whatever its size says
        else if (t >= '1' && t <= '6' && size != 0
                || regular && size != 0 && slashed(h)) // tar would read data after them or not, depending on the name
        throw bad(name + " at offset " + start + " is of a type that holds no data but says it holds " + size
                + " bytes");
        if (t == '3' || t == '4' || t == '1' && devices.contains(path(link))) {
            if (++dropped <= NAMES) names.add(name);
            devices.add(path(name));
            for (byte[] e : pending) if (e[156] == 'g') put(e); // global headers are the archive's, not the device's
        } else {
            for (byte[] e : pending) put(e);
            put(h);
            if (t == 'S' && TarHeader.magic(h, "ustar  \0")) sparse(h, size, start);
            data(size, name);
        }
        pending.clear();
        pendingBytes = 0;
        longName = longLink = paxPath = paxLink = null;
        paxSize = -1;
        paxSeen = false;
    }

    /** Old GNU sparse map: 4 entries in the header, 21 in each extension block, while all are used and more are announced. */
    private void sparse(byte[] h, long size, long start) throws IOException {
        long real = Math.max(0, number(h, 483, 12, false)), limit = padded(size) / BLOCK;
        long[] blocks = {0};
        boolean more = entries(h, 386, 4, real, blocks, limit, start) && h[482] != 0;
        byte[] x = new byte[BLOCK];
        while (more) {
            if (!block(x))
                throw bad("it ends inside the sparse map of the member at offset " + start + " (truncated?)");
            put(x);
            more = entries(x, 0, 21, real, blocks, limit, start) && x[504] != 0;
        }
    }

    /** False at the first unused entry. tar reads each region block by block: the regions must fit in the member's data. */
    private boolean entries(byte[] b, int off, int n, long real, long[] blocks, long limit, long start)
            throws BadImage {
        for (int i = 0; i < n; i++, off += 24) {
            if (b[off + 12] == 0) return false;
            long o = number(b, off, 12, false), len = number(b, off + 12, 12, false);
            if (o < 0 || len < 0 || len > real - o || (blocks[0] += padded(len) / BLOCK) > limit)
                throw bad("invalid sparse map in the member at offset " + start);
        }
        return true;
    }

    private void data(long size, String name) throws IOException {
        for (long left = padded(size); left > 0; ) {
            int want = (int) Math.min(buf.length, left);
            int k = read(() -> in.read(buf, 0, want));
            if (k < 0) throw bad("it ends inside the data of " + name + " at offset " + at + " (truncated?)");
            out.write(buf, 0, k);
            written += k;
            at += k;
            left -= k;
        }
    }

    private boolean block(byte[] h) throws IOException {
        long start = at;
        int k = read(() -> in.readNBytes(h, 0, BLOCK));
        at += k;
        if (k > 0 && k < BLOCK) throw bad("it ends inside the header at offset " + start + " (truncated?)");
        return k == BLOCK;
    }

    private void put(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    /** tar makes a regular member whose name ends in '/' a directory, and then reads no data after it. */
    private boolean slashed(byte[] h) {
        return TarHeader.name(h).endsWith("/")
                || longName != null && longName.endsWith("/")
                || paxPath != null && paxPath.endsWith("/");
    }

    /** A name as tar extracts it: without leading ./ or /. */
    private static String path(String name) {
        return name.replaceFirst("^(\\./|/)+", "");
    }

    private static BadImage bad(String why) {
        return new BadImage("the image is not a valid tar archive: " + why);
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private <T> T read(Read<T> r) throws BadImage {
        return read(gzip, r);
    }

    /** A failure to read the image is the image's, not tar's (a broken pipe to tar is the caller's to report). */
    private static <T> T read(boolean gzip, Read<T> r) throws BadImage {
        try {
            return r.get();
        } catch (BadImage e) {
            throw e;
        } catch (IOException e) {
            throw new BadImage(
                    (gzip ? "the image is not a valid gzip stream: " : "cannot read the image: ") + e.getMessage());
        }
    }

    /** Counts the input's bytes for the progress bar (compressed bytes for a gzip archive). */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;
        private long n;

        Counting(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) progress.accept(++n);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int k = super.read(b, off, len);
            if (k > 0) progress.accept(n += k);
            return k;
        }
    }
}
