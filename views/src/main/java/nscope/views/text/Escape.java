package nscope.views.text;

/**
 * Host text made safe for a terminal: control characters (C0, DEL, C1),
 * which could move the cursor, recolour or retitle the terminal, become
 * visible escapes. Printable Unicode passes unchanged.
 */
public final class Escape {
    private Escape() {}

    public static String terminal(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = replacement(c);
            if (rep == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            b.append(rep);
        }
        return b == null ? s : b.toString();
    }

    private static String replacement(char c) {
        if (c == '\n') return "\\n";
        if (c == '\t') return "\\t";
        if (c == '\r') return "\\r";
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) return String.format("\\x%02x", (int) c);
        // bidi overrides and isolates could reorder what follows on screen
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return String.format("\\u%04x", (int) c);
        return null;
    }
}
