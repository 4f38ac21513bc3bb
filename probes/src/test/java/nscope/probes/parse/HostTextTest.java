package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostTextTest {
    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static String decode(int... v) {
        return HostText.decode(bytes(v));
    }

    @Test
    void ascii() {
        assertEquals("systemd-journal", HostText.decode("systemd-journal".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("", HostText.decode(new byte[0]));
        // control characters are kept: escaping them is the printer's job
        assertEquals("\u001b[31m\u0007\n\t\u007f", decode(0x1b, '[', '3', '1', 'm', 0x07, '\n', '\t', 0x7f));
    }

    @Test
    void validMultibyte() {
        assertEquals("\u00e9", decode(0xc3, 0xa9));
        assertEquals("\u65e5\u672c", decode(0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac));
        assertEquals("\ud83d\ude00", decode(0xf0, 0x9f, 0x98, 0x80)); // U+1F600, a surrogate pair in Java
        assertEquals("\u0080", decode(0xc2, 0x80)); // C1 control, validly encoded: kept
        assertEquals("\udbff\udfff", decode(0xf4, 0x8f, 0xbf, 0xbf)); // U+10FFFF, the last code point
        String mixed = "caf\u00e9 \u65e5\u672c \ud83d\ude00";
        assertEquals(mixed, HostText.decode(mixed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loneBytesThatNeverStartASequence() {
        assertEquals("\\xff", decode(0xff));
        assertEquals("\\xfe", decode(0xfe));
        assertEquals("a\\xffb", decode('a', 0xff, 'b'));
        assertEquals("\\xf8\\x88\\x80\\x80\\x80", decode(0xf8, 0x88, 0x80, 0x80, 0x80)); // old 5-byte form
    }

    @Test
    void loneContinuationBytes() {
        assertEquals("\\x80", decode(0x80));
        assertEquals("\\xbf\\xbf", decode(0xbf, 0xbf));
        assertEquals("\u00e9\\xa9", decode(0xc3, 0xa9, 0xa9));
    }

    @Test
    void truncatedSequences() {
        assertEquals("\\xc3", decode(0xc3));
        assertEquals("x\\xe6\\x97", decode('x', 0xe6, 0x97));
        assertEquals("\\xf0\\x9f\\x98", decode(0xf0, 0x9f, 0x98));
        // cut short by another character, not by the end
        assertEquals("\\xe6\\x97A", decode(0xe6, 0x97, 'A'));
        assertEquals("\\xc3\u00e9", decode(0xc3, 0xc3, 0xa9));
    }

    @Test
    void overlongEncodings() {
        assertEquals("\\xc0\\xaf", decode(0xc0, 0xaf)); // '/' in two bytes
        assertEquals("\\xc1\\xbf", decode(0xc1, 0xbf));
        assertEquals("\\xe0\\x80\\xaf", decode(0xe0, 0x80, 0xaf));
        assertEquals("\\xf0\\x80\\x80\\xaf", decode(0xf0, 0x80, 0x80, 0xaf));
    }

    @Test
    void surrogatesAndCodePointsBeyondUnicode() {
        assertEquals("\\xed\\xa0\\x80", decode(0xed, 0xa0, 0x80)); // U+D800 as CESU
        assertEquals("\\xed\\xbf\\xbf", decode(0xed, 0xbf, 0xbf));
        assertEquals("\\xf4\\x90\\x80\\x80", decode(0xf4, 0x90, 0x80, 0x80)); // U+110000
    }

    @Test
    void validTextAroundInvalidBytesSurvives() {
        assertEquals("\u00e9\\xff\u65e5", decode(0xc3, 0xa9, 0xff, 0xe6, 0x97, 0xa5));
    }

    @Test
    void decodesOnlyTheRange() {
        byte[] b = bytes('(', 'a', 0xff, 0xc3, 0xa9, ')', 0xfe);
        assertEquals("a\\xff\u00e9", HostText.decode(b, 1, 5));
        assertEquals("a", HostText.decode(b, 1, 2));
        assertEquals("", HostText.decode(b, 3, 3));
    }

    @Test
    void distinctInvalidByteStringsDecodeDifferently() {
        List<byte[]> inputs = List.of(
                bytes(0xff),
                bytes(0xfe),
                bytes(0xff, 0xff),
                bytes(0x80),
                bytes(0x80, 0x80),
                bytes(0xc3),
                bytes(0xc3, 0xc3),
                bytes(0xe6),
                bytes(0xe6, 0x97),
                bytes(0xe6, 0x97, 'A'),
                bytes(0xc0, 0xaf),
                bytes(0xe0, 0x80, 0xaf),
                bytes(0xed, 0xa0, 0x80),
                bytes(0xf4, 0x90, 0x80, 0x80),
                bytes(0xf0, 0x9f, 0x98),
                bytes('a', 0xff),
                bytes(0xff, 'a'),
                bytes(0xc3, 0xa9, 0xff),
                bytes(0xff, 0xc3, 0xa9),
                bytes(0xf8),
                bytes(0xfc),
                bytes(0x00, 0xff),
                bytes(0xff, 0x00));
        Map<String, byte[]> seen = new HashMap<>();
        for (byte[] in : inputs) {
            byte[] earlier = seen.put(HostText.decode(in), in);
            assertEquals(null, earlier, () -> "two inputs decode to " + HostText.decode(in));
        }
        assertEquals(inputs.size(), seen.size());
        // and an invalid byte never reads as the character of the same number
        assertNotEquals("\u00ff", decode(0xff));
        assertNotEquals("\ufffd", decode(0xff));
    }

    @Test
    void everySingleNonAsciiByteIsEscaped() {
        for (int v = 0x80; v <= 0xff; v++) {
            assertEquals(String.format("\\x%02x", v), decode(v));
        }
    }
}
