package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatLineTest {
    /** A real line of /proc/self/stat (cat, on Linux 6.x). */
    static final String REAL =
            "28290 (cat) R 28134 28134 26738 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 99883 3133440 361"
                    + " 18446744073709551615 94879270416384 94879270436265 140720807244320 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0"
                    + " 94879270452272 94879270453888 94879588712448 140720807250644 140720807250664 140720807250664"
                    + " 140720807251947 0\n";

    /** Fields 3..52 after "(comm) ", with the ones StatLine takes as parameters. */
    static String tail(String state, String ppid, String flags, String threads, String start) {
        return state + " " + ppid + " 1234 1200 34816 1234 " + flags + " 2174 0 3 0 12 4 0 0 20 0 " + threads
                + " 0 " + start + " 11894784 1408 18446744073709551615 1 1 0 0 0 0 65536 3686404 1266761467 0 0 0 17 1"
                + " 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    static String tail() {
        return tail("S", "1", "4194560", "1", "99883");
    }

    /** pid, then "(", the comm bytes as they are, ")", and the tail. */
    static byte[] line(String pid, byte[] comm, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((pid + " (").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(comm);
        out.writeBytes((") " + tail).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Each char of s as one byte: "\u00ff" is the byte 0xff. */
    static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static StatLine comm(byte[] comm) throws Malformed {
        return StatLine.parse(line("1234", comm, tail()));
    }

    @Test
    void realLine() throws Malformed {
        StatLine s = StatLine.parse(utf8(REAL));
        assertEquals(new StatLine(28290, "cat", 'R', 28134, 28134, 26738, 4194304L, 1, 99883L), s);
        assertFalse(s.kernelThread());
    }

    @Test
    void fieldsComeFromTheirPositions() throws Malformed {
        StatLine s = StatLine.parse(line("4321", utf8("bash"), tail("Z", "77", "4194560", "9", "123456")));
        assertEquals(4321, s.pid());
        assertEquals('Z', s.state());
        assertEquals(77, s.ppid());
        assertEquals(1234, s.pgrp());
        assertEquals(1200, s.session());
        assertEquals(4194560L, s.flags());
        assertEquals(9, s.numThreads());
        assertEquals(123456L, s.startTime());
    }

    @Test
    void everyKernelStateLetter() throws Malformed {
        for (char c : "RSDZTtXxIPKWw".toCharArray()) {
            assertEquals(
                    c,
                    StatLine.parse(line("9", utf8("x"), tail(String.valueOf(c), "1", "0", "1", "5")))
                            .state());
        }
    }

    @Test
    void withoutTrailingNewline() throws Malformed {
        assertEquals(28290, StatLine.parse(utf8(REAL.strip())).pid());
    }

    @Test
    void commWithSpaces() throws Malformed {
        assertEquals("Web Content", comm(utf8("Web Content")).comm());
        assertEquals("  ", comm(utf8("  ")).comm());
    }

    @Test
    void commEndsAtTheLastParen() throws Malformed {
        StatLine s = StatLine.parse(utf8("1234 (a) b) (c) " + tail()));
        assertEquals("a) b) (c", s.comm());
        assertEquals('S', s.state());
        assertEquals(1, s.ppid());
        assertEquals("(sd-pam)", comm(utf8("(sd-pam)")).comm());
        assertEquals(")", comm(utf8(")")).comm());
        assertEquals("(", comm(utf8("(")).comm());
    }

    @Test
    void commThatFakesTheFollowingFieldsIsOnlyAComm() throws Malformed {
        String fake = "x) Z 666 666 666 0 -1 2097152 0 0 0 0 0 0 0 0 20 0 99 0 5";
        StatLine s = comm(utf8(fake));
        assertEquals(fake, s.comm());
        assertEquals('S', s.state());
        assertEquals(1, s.ppid());
        assertEquals(1, s.numThreads());
        assertEquals(99883L, s.startTime());
        assertFalse(s.kernelThread());
    }

    @Test
    void commWithNewline() throws Malformed {
        StatLine s = comm(utf8("a\nb\n"));
        assertEquals("a\nb\n", s.comm());
        assertEquals(1, s.ppid());
    }

    @Test
    void commWithTerminalEscapesIsKeptVerbatim() throws Malformed {
        // escaping is for whoever prints; the parser must neither drop nor trip on them
        assertEquals("\u001b[31mred", comm(raw("\u001b[31mred")).comm());
        assertEquals("\u0007", comm(raw("\u0007")).comm());
        StatLine s = comm(raw("\u001b]0;title\u0007"));
        assertEquals("\u001b]0;title\u0007", s.comm());
        assertEquals(99883L, s.startTime());
    }

    @Test
    void invalidUtf8InCommBecomesHexEscapes() throws Malformed {
        assertEquals("a\\xffb", comm(raw("a\u00ffb")).comm());
        assertEquals("\\xff", comm(raw("\u00ff")).comm());
        // a truncated multibyte sequence, then ')' directly
        assertEquals("x\\xe6\\x97", comm(raw("x\u00e6\u0097")).comm());
        assertEquals("caf\u00e9", comm(utf8("caf\u00e9")).comm());
    }

    @Test
    void emptyComm() throws Malformed {
        StatLine s = StatLine.parse(utf8("1234 () " + tail()));
        assertEquals("", s.comm());
        assertEquals(1234, s.pid());
    }

    @Test
    void fullLengthComm() throws Malformed {
        // TASK_COMM_LEN is 16 with the NUL: 15 bytes are the most the kernel writes
        assertEquals("kworker/u16:2-e", comm(utf8("kworker/u16:2-e")).comm());
        assertEquals("abcdefghijklmnop", comm(utf8("abcdefghijklmnop")).comm());
        // the kernel cuts at 15 bytes, even inside a UTF-8 sequence: "ab日本語日" and the first byte of 本
        byte[] cut = java.util.Arrays.copyOf(utf8("ab\u65e5\u672c\u8a9e\u65e5\u672c"), 15);
        assertEquals("ab\u65e5\u672c\u8a9e\u65e5\\xe6", comm(cut).comm());
    }

    @Test
    void startTimeIsUnsigned64Bit() throws Malformed {
        StatLine max = StatLine.parse(line("1", utf8("x"), tail("S", "0", "0", "1", "18446744073709551615")));
        assertEquals(-1L, max.startTime());
        assertEquals("18446744073709551615", Long.toUnsignedString(max.startTime()));
        StatLine above = StatLine.parse(line("1", utf8("x"), tail("S", "0", "0", "1", "9223372036854775808")));
        assertEquals(Long.MIN_VALUE, above.startTime());
    }

    @Test
    void kernelThreadFlag() throws Malformed {
        StatLine kthread = StatLine.parse(line("2", utf8("kthreadd"), tail("S", "0", "2129984", "1", "2")));
        assertTrue(kthread.kernelThread()); // 0x208040
        assertTrue(StatLine.parse(line("3", utf8("x"), tail("S", "2", "2097152", "1", "2")))
                .kernelThread());
        // PF_KTHREAD is 0x00200000 exactly; its neighbours are not it
        assertFalse(StatLine.parse(line("4", utf8("x"), tail("S", "1", "1048576", "1", "2")))
                .kernelThread());
        assertFalse(StatLine.parse(line("5", utf8("x"), tail("S", "1", "4194304", "1", "2")))
                .kernelThread());
        // a user process named like a kernel thread is still a user process
        assertFalse(comm(utf8("kworker/0:1")).kernelThread());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1234",
                "1234 cat S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 )cat( S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "(cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "abc (cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat)",
                "1234 (cat) S 1 2 3",
                "1234 (cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0",
                "1234 (cat) S x 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat) S 0x1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat) S 99999999999 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 1",
                "1234 (cat) SS 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                // state missing: the rest must not be read shifted by one field
                "1234 (cat)  1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat) 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784 0",
                "1234 (cat) - 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat) S 1 1234 1200 34816 1234 -1 2174 0 3 0 12 4 0 0 20 0 1 0 99883 11894784",
                "1234 (cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 one 0 99883 11894784",
                "1234 (cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 -5 11894784",
                "1234 (cat) S 1 1234 1200 34816 1234 4194560 2174 0 3 0 12 4 0 0 20 0 1 0 18446744073709551616 1",
            })
    void malformedLinesThrow(String text) {
        assertThrows(Malformed.class, () -> StatLine.parse(utf8(text)));
    }
}
