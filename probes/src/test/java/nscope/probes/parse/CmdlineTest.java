package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmdlineTest {
    static List<String> parse(String raw) {
        return Cmdline.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void argvWithTrailingNul() {
        assertEquals(List.of("/usr/bin/bash", "-l", "-c", "echo hi"), parse("/usr/bin/bash\0-l\0-c\0echo hi\0"));
        assertEquals(List.of("init"), parse("init\0"));
    }

    @Test
    void argvWithoutTrailingNul() {
        // a process that rewrote its argv, as nginx or postgres do
        assertEquals(List.of("nginx: master process /usr/sbin/nginx"), parse("nginx: master process /usr/sbin/nginx"));
        assertEquals(List.of("a", "b"), parse("a\0b"));
    }

    @Test
    void emptyForKernelThread() {
        assertEquals(List.of(), parse(""));
    }

    @Test
    void emptyArgumentsAreKept() {
        assertEquals(List.of("prog", "", "x", ""), parse("prog\0\0x\0\0"));
        assertEquals(List.of(""), parse("\0"));
        assertEquals(List.of("", ""), parse("\0\0"));
    }

    @Test
    void utf8AndInvalidBytes() {
        byte[] b = "caf\u00e9\0\u65e5\u672c\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("caf\u00e9", "\u65e5\u672c"), Cmdline.parse(b));
        assertEquals(List.of("a\\xffb", "\\xc3"), parse("a\u00ffb\0\u00c3\0"));
    }

    @Test
    void resultIsImmutable() {
        List<String> argv = parse("a\0");
        assertThrows(UnsupportedOperationException.class, () -> argv.add("b"));
    }
}
