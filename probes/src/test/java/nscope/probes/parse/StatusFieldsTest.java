package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nscope.probes.model.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusFieldsTest {
    /** /proc/self/status of cat on Linux 6.x, a non-root user in nested pid namespaces. */
    static final String HEAD = """
            Name:\tcat
            Umask:\t0022
            State:\tR (running)
            Tgid:\t28291
            Ngid:\t0
            Pid:\t28291
            PPid:\t28134
            TracerPid:\t0
            Uid:\t1000\t1001\t1002\t1003
            Gid:\t100\t101\t102\t103
            FDSize:\t256
            Groups:\t
            """;

    static final String NS = """
            NStgid:\t28291\t45\t1
            NSpid:\t28291\t45\t1
            NSpgid:\t28134\t40\t0
            NSsid:\t26738\t30\t0
            """;
    static final String REST = """
            Kthread:\t0
            VmPeak:\t    3060 kB
            VmSize:\t    3060 kB
            VmRSS:\t    1624 kB
            untag_mask:\t0xffffffffffffffff
            Threads:\t1
            SigQ:\t0/96364
            SigPnd:\t0000000000000000
            CapEff:\t000001fffeffffff
            Speculation_Store_Bypass:\tthread vulnerable
            Cpus_allowed_list:\t0-1
            Mems_allowed:\t00000000,00000001
            voluntary_ctxt_switches:\t0
            nonvoluntary_ctxt_switches:\t2
            """;

    static StatusFields parse(String s) throws Malformed {
        return StatusFields.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void realStatus() throws Malformed {
        StatusFields f = parse(HEAD + NS + REST);
        assertEquals(28291, f.tgid());
        assertEquals(28291, f.pid());
        assertEquals(28134, f.ppid());
        assertEquals(new Ids(1000, 1001, 1002, 1003), f.uid());
        assertEquals(new Ids(100, 101, 102, 103), f.gid());
        assertEquals(List.of(28291, 45, 1), f.nsTgid());
        assertEquals(List.of(28291, 45, 1), f.nsPid());
        assertEquals(List.of(28134, 40, 0), f.nsPgid());
        assertEquals(List.of(26738, 30, 0), f.nsSid());
    }

    /** The kernel nests pid namespaces 32 deep: every level is kept, past the parser's first scratch room. */
    @Test
    void thirtyTwoLevelsOfPidNamespaces() throws Malformed {
        List<Integer> levels = java.util.stream.IntStream.rangeClosed(1, 32)
                .map(i -> 33 - i)
                .boxed()
                .toList();
        String line = levels.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("\t"));
        StatusFields f =
                parse(HEAD + "NStgid:\t" + line + "\nNSpid:\t" + line + "\nNSpgid:\t7\nNSsid:\t" + line + "\n");
        assertEquals(levels, f.nsTgid());
        assertEquals(levels, f.nsPid());
        assertEquals(List.of(7), f.nsPgid());
        assertEquals(levels, f.nsSid());
        assertEquals(new Ids(1000, 1001, 1002, 1003), f.uid()); // parsed before, into the same scratch
    }

    @Test
    void nestedPidNamespaces() throws Malformed {
        StatusFields f =
                parse(HEAD + "NStgid:\t5012\t7\t1\nNSpid:\t5012\t7\t1\nNSpgid:\t5012 7 1\nNSsid:\t5000\t1\t0\n");
        assertEquals(List.of(5012, 7, 1), f.nsPid());
        assertEquals(List.of(5012, 7, 1), f.nsPgid()); // spaces separate as well as tabs
        assertEquals(List.of(5000, 1, 0), f.nsSid());
    }

    @Test
    void oldKernelWithoutNsLines() throws Malformed {
        StatusFields f = parse(HEAD + REST);
        assertEquals(28291, f.tgid());
        assertEquals(new Ids(100, 101, 102, 103), f.gid());
        assertNull(f.nsTgid());
        assertNull(f.nsPid());
        assertNull(f.nsPgid());
        assertNull(f.nsSid());
    }

    @Test
    void emptyTextGivesOnlyNulls() throws Malformed {
        assertEquals(new StatusFields(null, null, null, null, null, null, null, null, null), parse(""));
    }

    @Test
    void lastLineWithoutNewline() throws Malformed {
        assertEquals(List.of(26738, 30, 0), parse(HEAD + NS.strip()).nsSid());
    }

    @Test
    void unsigned32BitIdsFit() throws Malformed {
        StatusFields f = parse("Tgid:\t1\nUid:\t4294967295\t0\t65534\t4294967295\n");
        assertEquals(new Ids(4294967295L, 0, 65534, 4294967295L), f.uid());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Uid:\t1000\t1000\t1000\n", // 3 ids
                "Uid:\t1000\t1000\t1000\t1000\t1000\n", // 5 ids
                "Uid:\t1000\t1000\tabc\t1000\n", // letters
                "Uid:\t-1\t0\t0\t0\n",
                "Uid:\t4294967296\t0\t0\t0\n", // above 32 bits
                "Gid:\t99999999999999999999\t0\t0\t0\n", // would overflow a long
                "Uid:\n",
                "Tgid:\t2147483648\n", // above int
                "Pid:\t1 2\n",
                "PPid:\t\n",
                "Tgid:\t0x10\n",
                "NSpid:\t5012\t2147483648\n",
                "NSsid:\tx\n",
                "Tgid:\t5 kB\n", // trailing garbage
                "Tgid:\t28291\r\n", // CRLF
            })
    void malformedFieldThrows(String line) {
        assertThrows(Malformed.class, () -> parse("Name:\tx\n" + line + "Threads:\t1\n"));
    }

    @Test
    void crlfTextIsMalformedNotMisread() {
        assertThrows(Malformed.class, () -> parse((HEAD + NS).replace("\n", "\r\n")));
    }

    @Test
    void duplicateKeysFirstWins() throws Malformed {
        StatusFields f = parse("Tgid:\t10\nTgid:\t20\nPid:\t11\nPid:\t21\nUid:\t1\t2\t3\t4\nUid:\t5\t6\t7\t8\n"
                + "NSpid:\t11\t1\nNSpid:\t21\t2\n");
        assertEquals(10, f.tgid());
        assertEquals(11, f.pid());
        assertEquals(new Ids(1, 2, 3, 4), f.uid());
        assertEquals(List.of(11, 1), f.nsPid());
    }

    @Test
    void hostileNameDoesNotConfuseParsing() throws Malformed {
        // the kernel escapes \n in Name as the two characters \ and n; anything else is verbatim
        String[] names = {
            "Uid:\t0\t0\t0\t0",
            "evil\\nUid:\t0\t0\t0\t0",
            "\u001b]0;title\u0007\u001b[31m",
            "Tgid:\t1",
            "a:b:c",
            "\u00ff\u00fe",
            "NSpid:\tx",
            "",
        };
        for (String name : names) {
            StatusFields f = parse("Name:\t" + name + "\n" + HEAD.substring(HEAD.indexOf("Umask")) + NS + REST);
            assertEquals(28291, f.tgid(), name);
            assertEquals(new Ids(1000, 1001, 1002, 1003), f.uid(), name);
            assertEquals(List.of(28291, 45, 1), f.nsPid(), name);
        }
    }

    @Test
    void keysAreMatchedExactly() throws Malformed {
        StatusFields f = parse("Tgidx:\t1\nTgi:\t2\nP:\t3\nPPidd:\t4\nUidd:\t5\nNSpidx:\t6\nNS:\t7\nNSx:\t8\n"
                + " Tgid:\t9\ntgid:\t10\n:\t11\nTgid:\t12\n");
        assertEquals(12, f.tgid());
        assertNull(f.pid());
        assertNull(f.ppid());
        assertNull(f.uid());
        assertNull(f.nsPid());
    }

    @Test
    void malformedLineAfterTheLastNeededFieldIsIgnored() throws Malformed {
        // Tgid, Uid, Gid and NSsid seen: the parser stops, so neither line below is read
        StatusFields f =
                parse("Tgid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSsid:\t1\nPid:\tnot-a-number\nNSpgid:\t2\n");
        assertEquals(List.of(1), f.nsSid());
        assertNull(f.pid());
        assertNull(f.nsPgid());
    }

    @Test
    void malformedLineBeforeTheLastNeededFieldThrows() {
        assertThrows(
                Malformed.class,
                () -> parse("Tgid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nPid:\tnot-a-number\nNSsid:\t1\n"));
        // without NSsid (an old kernel) nothing stops the scan early
        assertThrows(Malformed.class, () -> parse(HEAD + REST + "NSpgid:\tbad\n"));
    }
}
