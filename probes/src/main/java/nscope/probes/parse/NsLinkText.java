package nscope.probes.parse;

import nscope.probes.model.NsKind;

/** The target of a /proc/PID/ns/* link: "net:[4026531840]". */
public record NsLinkText(NsKind kind, long inode) {

    public static NsLinkText parse(String s) throws Malformed {
        int colon = s.indexOf(':');
        if (colon < 1 || s.length() < colon + 4 || s.charAt(colon + 1) != '[' || !s.endsWith("]"))
            throw new Malformed("ns link '" + s + "' is not TYPE:[INODE]");
        NsKind kind = NsKind.parse(s.substring(0, colon));
        if (kind == null) throw new Malformed("ns link '" + s + "': unknown type");
        try {
            return new NsLinkText(kind, Long.parseUnsignedLong(s.substring(colon + 2, s.length() - 1)));
        } catch (NumberFormatException e) {
            throw new Malformed("ns link '" + s + "': inode is not a number");
        }
    }

    /** The text as the kernel writes it. */
    public String text() { return kind.label() + ":[" + Long.toUnsignedString(inode) + "]"; }
}
