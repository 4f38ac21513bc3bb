package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EscapeTest {
    /** No C0, DEL, C1 or bidi control may reach the terminal. */
    static void assertInert(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            assertFalse(control || bidi, () -> String.format("U+%04X at %d in %s", (int) c, out.indexOf(c), out));
        }
    }

    static String esc(String s) {
        String out = Escape.terminal(s);
        assertInert(out);
        return out;
    }

    @Test
    void escape() {
        assertEquals("\\x1b", esc("\u001b"));
    }

    @Test
    void csiSequences() {
        assertEquals("\\x1b[31mred\\x1b[0m", esc("\u001b[31mred\u001b[0m"));
        assertEquals("\\x1b[2J\\x1b[H", esc("\u001b[2J\u001b[H"));
    }

    @Test
    void oscTitleSequence() {
        assertEquals("\\x1b]0;pwned\\x07", esc("\u001b]0;pwned\u0007"));
        assertEquals("\\x1b]0;t\\x1b\\", esc("\u001b]0;t\u001b\\")); // ST as ESC backslash
    }

    @Test
    void whitespaceControls() {
        assertEquals("\\x07", esc("\u0007"));
        assertEquals("a\\rb", esc("a\rb"));
        assertEquals("a\\nb", esc("a\nb"));
        assertEquals("a\\tb", esc("a\tb"));
        assertEquals("\\x00\\x08\\x0b\\x0c\\x1f", esc("\u0000\b\u000b\f\u001f"));
    }

    @Test
    void del() {
        assertEquals("\\x7f", esc("\u007f"));
    }

    @Test
    void c1Controls() {
        assertEquals("\\x9b31m", esc("\u009b31m")); // single-character CSI
        assertEquals("\\x9d0;t\\x9c", esc("\u009d0;t\u009c")); // OSC ... ST
        assertEquals("\\x80\\x85\\x9f", esc("\u0080\u0085\u009f"));
        StringBuilder all = new StringBuilder();
        for (char c = 0x80; c <= 0x9f; c++) all.append(c);
        assertEquals(32 * 4, esc(all.toString()).length());
    }

    @Test
    void bidiControls() {
        assertEquals("evil\\u202egnp.exe", esc("evil\u202egnp.exe"));
        assertEquals("\\u2066x\\u2069", esc("\u2066x\u2069"));
        assertEquals("\\u202a\\u202b\\u202c\\u202d\\u2067\\u2068", esc("\u202a\u202b\u202c\u202d\u2067\u2068"));
    }

    @Test
    void plainUnicodeUnchanged() {
        for (String s : new String[] {
            "",
            "bash",
            "caf\u00e9",
            "\u65e5\u672c\u8a9e",
            "\ud83d\ude00",
            "\u00a0\u00ff",
            "a\\x1b",
            "/usr/bin/python3 -m http.server 8000",
            "\u202f\u2065\u206a"
        }) {
            assertSame(s, esc(s), s);
        }
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Escape.terminal(null));
    }

    @Test
    void everyControlCharacterIsReplacedAndPrintableAsciiKept() {
        StringBuilder s = new StringBuilder(), printable = new StringBuilder();
        for (char c = 0; c < 0xa0; c++) s.append(c);
        for (char c = 0x20; c < 0x7f; c++) printable.append(c);
        String out = esc(s.toString());
        assertTrue(out.contains(printable), out);
        assertTrue(out.startsWith("\\x00\\x01"), out);
        assertTrue(out.contains("~\\x7f\\x80\\x81"), out);
        assertTrue(out.endsWith("\\x9e\\x9f"), out);
    }
}
