package nscope.probes.parse;

/**
 * The kernel's escapes in mountinfo: a byte it will not print as is (space,
 * tab, newline, backslash; in superblock options also the comma) becomes a
 * backslash and three octal digits, "\040" for a space. Decoded to the
 * bytes, then to text as {@link HostText} decodes host bytes.
 */
final class OctalEscapes {
    private OctalEscapes() {}

    /**
     * Decodes b[from, to). {@code strict}: a backslash that does not start an
     * escape is malformed, as it is in the paths the kernel writes itself
     * (mount root and mount point: it escapes every backslash). Otherwise it
     * is kept as a backslash, as libmount keeps it: sources and options are
     * written by each filesystem's own code.
     */
    static String decode(byte[] b, int from, int to, boolean strict, String what) throws Malformed {
        int i = from;
        while (i < to && b[i] != '\\') i++;
        if (i == to) return HostText.decode(b, from, to);
        byte[] out = new byte[to - from];
        int n = 0;
        for (i = from; i < to; i++) {
            int v = b[i] == '\\' ? escape(b, i, to) : -1;
            if (v >= 0) {
                out[n++] = (byte) v;
                i += 3;
            } else if (b[i] == '\\' && strict) {
                throw new Malformed("mountinfo: " + what + " '" + HostText.decode(b, from, to)
                        + "' holds a backslash that is not an octal escape");
            } else {
                out[n++] = b[i];
            }
        }
        return HostText.decode(out, 0, n);
    }

    /** The byte an escape at b[i] stands for, or -1 if none starts there. */
    private static int escape(byte[] b, int i, int to) {
        if (i + 3 >= to) return -1;
        int v = 0;
        for (int k = 1; k <= 3; k++) {
            int d = b[i + k] - '0';
            if (d < 0 || d > 7) return -1;
            v = v * 8 + d;
        }
        return v <= 0xff ? v : -1;
    }
}
