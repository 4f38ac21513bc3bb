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

    /** The text as the kernel writes it. */
    public String text() {
        return kind.label() + ":[" + Long.toUnsignedString(inode) + "]";
    }
}
