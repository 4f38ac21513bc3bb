package nscope.app.container.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of a tar header block, read as GNU tar reads them (its list.c and xheader.c): where
 * tar would read a value differently from here, the two would disagree on where the next header
 * is, so anything tar reads in a way of its own is invalid here.
 */
final class TarHeader {
    static final int BLOCK = 512;
    /** Larger numbers are refused: no member is 4 EiB, and sizes rounded to blocks cannot overflow. */
    static final long MAX = Long.MAX_VALUE / 4;

    private TarHeader() {}

    /** One PAX record. */
    interface Record {
        void accept(String key, byte[] value) throws TarFilter.BadImage;
    }

    static boolean zero(byte[] h) {
        for (byte c : h) if (c != 0) return false;
        return true;
    }

    /** GNU tar accepts the sum of the bytes as unsigned or as signed: old Sun and BSD tars summed signed chars. */
    static boolean checksumOk(byte[] h) {
        long recorded = number(h, 148, 8, true);
        int unsigned = 0, signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte c = i >= 148 && i < 156 ? (byte) ' ' : h[i];
            unsigned += c & 0xff;
            signed += c;
        }
        return recorded >= 0 && (recorded == unsigned || recorded == signed);
    }

    /** A numeric field as from_header reads it: octal after an optional NUL and blanks, or base-256 after 0x80; -1 if invalid. */
    static long number(byte[] b, int off, int len, boolean octalOnly) {
        int i = off, end = off + len;
        if (b[i] == 0) i++; // a NUL some old tar left when the field before overflowed
        while (i < end && blank(b[i])) i++;
        if (i == end) return -1;
        long v = 0;
        if (b[i] >= '0' && b[i] <= '7') {
            for (; i < end && b[i] >= '0' && b[i] <= '7'; i++) {
                if (v > Long.MAX_VALUE >> 3) return -1;
                v = v << 3 | b[i] - '0';
            }
            return (i == end || b[i] == 0 || blank(b[i])) && v <= MAX ? v : -1;
        }
        if (octalOnly || (b[i] & 0xff) != 0x80)
            return -1; // 0xff is negative base-256, and tar takes no other first byte
        for (i++; i < end; i++) {
            if (v > Long.MAX_VALUE >> 8) return -1;
            v = v << 8 | b[i] & 0xff;
        }
        return v <= MAX ? v : -1;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** A PAX number: digits only (tar would stop at a NUL and take what precedes it; that is refused here); -1 if invalid. */
    static long decimal(byte[] v) {
        long n = 0;
        for (byte c : v) {
            if (c < '0' || c > '9' || n > MAX / 10) return -1;
            n = n * 10 + c - '0';
        }
        return v.length == 0 || n > MAX ? -1 : n;
    }

    /**
     * The PAX records "LEN KEY=VALUE\n" in e[from, end), checked as decode_record checks them; a NUL
     * where a record would start ends them, as in tar. False if one is malformed.
     */
    static boolean records(byte[] e, int from, int end, Record each) throws TarFilter.BadImage {
        for (int p = from; p < end; ) {
            int s = p;
            while (p < end && (e[p] == ' ' || e[p] == '\t')) p++;
            if (p == end || e[p] == 0) return true;
            int digits = p;
            long len = 0;
            for (; p < end && e[p] >= '0' && e[p] <= '9'; p++)
                if ((len = len * 10 + e[p] - '0') > end - s) return false;
            int key = p, next = s + (int) len;
            while (key < end && (e[key] == ' ' || e[key] == '\t')) key++;
            int eq = key;
            while (eq < end && e[eq] != '=' && e[eq] != 0) eq++; // tar's strchr stops at a NUL
            if (p == digits || key == p || eq >= next || e[eq] != '=' || e[next - 1] != '\n') return false;
            each.accept(new String(e, key, eq - key, StandardCharsets.UTF_8), Arrays.copyOfRange(e, eq + 1, next - 1));
            p = next;
        }
        return true;
    }

    /** The name in the header itself: with the ustar prefix when the magic is POSIX's. */
    static String name(byte[] h) {
        String n = string(h, 0, 100);
        return h[345] != 0 && magic(h, "ustar\0") ? string(h, 345, 155) + "/" + n : n;
    }

    static boolean magic(byte[] h, String m) {
        return Arrays.equals(h, 257, 257 + m.length(), m.getBytes(StandardCharsets.US_ASCII), 0, m.length());
    }

    /** star's ustar variant (decode_header's test), whose sparse members tar reads with star's own map layout. */
    static boolean star(byte[] h) {
        return magic(h, "ustar\0") && h[475] == 0 && octal(h[476]) && h[487] == ' ' && octal(h[488]) && h[499] == ' ';
    }

    private static boolean octal(byte c) {
        return c >= '0' && c <= '7';
    }

    /** A C string: up to the first NUL. */
    static String string(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && b[off + n] != 0) n++;
        return new String(b, off, n, StandardCharsets.UTF_8);
    }

    /** The compression, other than gzip, whose magic starts the image, or null. */
    static String compression(byte[] m) {
        if (starts(m, 0xfd, '7', 'z', 'X', 'Z', 0)) return "xz";
        if (starts(m, 0x28, 0xb5, 0x2f, 0xfd)) return "zstd";
        if (starts(m, 0x04, 0x22, 0x4d, 0x18)) return "lz4";
        byte[] block =
                m.length < 10 ? new byte[0] : Arrays.copyOfRange(m, 4, 10); // a block, or the end of an empty stream
        boolean bzip2 =
                starts(block, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59) || starts(block, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90);
        return bzip2 && starts(m, 'B', 'Z', 'h') && m[3] >= '1' && m[3] <= '9' ? "bzip2" : null;
    }

    static boolean starts(byte[] m, int... magic) {
        if (m.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((m[i] & 0xff) != magic[i]) return false;
        return true;
    }

    static long padded(long n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }
}
