package nscope.probes.parse;

import nscope.probes.model.NsKind;

/** The target of a /proc/PID/ns/* link: "net:[4026531840]". */
public record NsLinkText(NsKind kind, long inode) {

    private static final NsKind[] KINDS = NsKind.values();

    /** Parses without making substrings: a scan parses some 120,000 of these. */
    public static NsLinkText parse(String s) throws Malformed {
        int colon = s.indexOf(':');
        int len = s.length();
        if (colon < 1 || len < colon + 4 || s.charAt(colon + 1) != '[' || s.charAt(len - 1) != ']')
            throw new Malformed("ns link '" + s + "' is not TYPE:[INODE]");
        NsKind kind = null;
        for (NsKind k : KINDS) {
            if (k.label().length() == colon && s.startsWith(k.label())) {
                kind = k;
                break;
            }
        }
        if (kind == null) throw new Malformed("ns link '" + s + "': unknown type");
        long v = 0;
        int digits = len - 1 - (colon + 2);
        if (digits < 1 || digits > 20) throw new Malformed("ns link '" + s + "': inode is not a number");
        for (int i = colon + 2; i < len - 1; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) throw new Malformed("ns link '" + s + "': inode is not a number");
            try {
                v = Decimal.append(v, d);
            } catch (ArithmeticException e) {
                throw new Malformed("ns link '" + s + "': inode out of range");
            }
        }
        return new NsLinkText(kind, v);
    }

    /**
     * The link of the expected kind from its bytes, "net:[4026531840]", as
     * readlinkat(2) gave them; null when they are anything else (the caller
     * then parses the text with {@link #parse(String)}, which says what is
     * wrong). No String is made: a scan reads some 120,000 links.
     */
    public static NsLinkText parse(byte[] b, int len, NsKind expected) {
        String label = expected.label();
        int colon = label.length();
        if (len < colon + 4 || len > colon + 23 || b[colon] != ':' || b[colon + 1] != '[' || b[len - 1] != ']')
            return null;
        for (int i = 0; i < colon; i++) if (b[i] != label.charAt(i)) return null;
        long v = 0;
        for (int i = colon + 2; i < len - 1; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return null;
            try {
                v = Decimal.append(v, d);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return new NsLinkText(expected, v);
    }

    /** The text as the kernel writes it. */
    public String text() {
        return kind.label() + ":[" + Long.toUnsignedString(inode) + "]";
    }
}
