package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdTest {
    final List<Integer> bad = new ArrayList<>();

    Map<Long, String> parse(String text) {
        return Passwd.parse(text.getBytes(StandardCharsets.UTF_8), bad);
    }

    @Test
    void normalLines() {
        Map<Long, String> m = parse("""
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        assertEquals(Map.of(0L, "root", 1L, "daemon", 1000L, "alice", 65534L, "nobody"), m);
        assertEquals(List.of(), bad);
    }

    @Test
    void emptyFieldsAndNoFinalNewline() {
        assertEquals(Map.of(7L, "svc"), parse("svc::7:7:::"));
        assertEquals(List.of(), bad);
    }

    @Test
    void duplicateUidFirstWins() {
        Map<Long, String> m = parse("root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n");
        assertEquals(Map.of(0L, "root"), m);
        assertEquals(List.of(), bad);
    }

    @Test
    void malformedLinesByOneBasedNumber() {
        Map<Long, String> m = parse("""
                root:x:0:0:root:/root:/bin/bash
                short:x:5
                :x:6:6::/:/bin/sh

                nan:x:abc:1::/:/bin/sh
                empty:x::1::/:/bin/sh
                ok:x:7:7::/:/bin/sh
                """);
        assertEquals(Map.of(0L, "root", 7L, "ok"), m);
        assertEquals(List.of(2, 3, 5, 6), bad);
    }

    @Test
    void commentsAndNisLinesSkipped() {
        Map<Long, String> m = parse("""
                # a comment:x:9:9::/:/bin/sh
                +@netgroup:x:10:10::/:/bin/sh
                -baduser:x:11:11::/:/bin/sh
                +
                user:x:12:12::/:/bin/sh
                """);
        assertEquals(Map.of(12L, "user"), m);
        assertEquals(List.of(), bad);
    }

    @Test
    void uidOutOfRange() {
        Map<Long, String> m = parse("""
                max:x:4294967295:0::/:/bin/sh
                over:x:4294967296:0::/:/bin/sh
                neg:x:-1:0::/:/bin/sh
                huge:x:99999999999999999999:0::/:/bin/sh
                """);
        assertEquals(Map.of(4294967295L, "max"), m);
        assertEquals(List.of(2, 3, 4), bad);
    }

    @Test
    void emptyInput() {
        assertTrue(parse("").isEmpty());
        assertEquals(List.of(), bad);
    }
}
