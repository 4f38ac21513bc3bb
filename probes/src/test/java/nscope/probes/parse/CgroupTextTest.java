package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Pids;
import org.junit.jupiter.api.Test;

class CgroupTextTest {
    @Test
    void maxIsUnlimitedNotAnError() throws Malformed {
        CgValue.Num n = (CgValue.Num) CgroupText.value("memory.max", "max\n");
        assertTrue(n.unlimited());
        assertEquals("max", n.raw());
        assertEquals(536870912L, ((CgValue.Num) CgroupText.value("memory.max", "536870912\n")).value());
    }

    @Test
    void v1UnlimitedSentinelsAreUnlimitedAndKeepTheirText() throws Malformed {
        CgValue.Num v1 = (CgValue.Num) CgroupText.value("memory.limit_in_bytes", "9223372036854771712\n");
        assertTrue(v1.unlimited());
        assertEquals("9223372036854771712", v1.raw());
        // 64 KiB pages give a different ceiling
        assertTrue(((CgValue.Num) CgroupText.value("memory.soft_limit_in_bytes", "9223372036854710272")).unlimited());
        assertTrue(((CgValue.Num) CgroupText.value("cpu.cfs_quota_us", "-1")).unlimited());
        // the same number in a usage file is a number
        assertEquals(
                9223372036854771712L,
                ((CgValue.Num) CgroupText.value("memory.usage_in_bytes", "9223372036854771712")).value());
    }

    @Test
    void u64ValuesAreKeptAndAnythingBeyondIsMalformed() throws Malformed {
        CgValue.Num big = (CgValue.Num) CgroupText.value("cpuacct.usage", "18446744073709551615");
        assertEquals("18446744073709551615", Long.toUnsignedString(big.value()));
        assertThrows(Malformed.class, () -> CgroupText.value("cpuacct.usage", "18446744073709551616"));
        assertThrows(Malformed.class, () -> CgroupText.value("pids.max", "-5"));
        assertThrows(Malformed.class, () -> CgroupText.value("pids.max", ""));
        assertThrows(Malformed.class, () -> CgroupText.value("pids.max", "12 34"));
        assertThrows(Malformed.class, () -> CgroupText.value("memory.current", "\u001b[2J"));
    }

    @Test
    void cpuMaxAndPressure() throws Malformed {
        CgValue.CpuMax m = (CgValue.CpuMax) CgroupText.value("cpu.max", "50000 100000\n");
        assertEquals(50000L, m.quota().value());
        assertEquals(100000L, m.periodUsec());
        assertTrue(((CgValue.CpuMax) CgroupText.value("cpu.max", "max 100000"))
                .quota()
                .unlimited());
        CgValue.Pressure p = (CgValue.Pressure)
                CgroupText.value(
                        "memory.pressure",
                        "some avg10=1.25 avg60=0.50 avg300=0.10 total=123456\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=42\n");
        assertEquals(1.25, p.some().avg10());
        assertEquals(123456L, p.some().totalUsec());
        assertEquals(42L, p.full().totalUsec());
        CgValue.Pressure cpu =
                (CgValue.Pressure) CgroupText.value("cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=7\n");
        assertNull(cpu.full(), "cpu had no full line before 5.13");
        assertThrows(
                Malformed.class, () -> CgroupText.value("io.pressure", "some avg10=x avg60=0.00 avg300=0.00 total=0"));
        assertThrows(
                Malformed.class,
                () -> CgroupText.value("io.pressure", "full avg10=0.00 avg60=0.00 avg300=0.00 total=0"));
    }

    @Test
    void keyedFilesKeepTheKernelsOrderAndMemoryStatOnlyItsHeadline() throws Malformed {
        CgValue.Keyed e = (CgValue.Keyed)
                CgroupText.value("memory.events", "low 0\nhigh 2\nmax 5\noom 1\noom_kill 1\noom_group_kill 0\n");
        assertEquals(
                List.of("low", "high", "max", "oom", "oom_kill", "oom_group_kill"),
                List.copyOf(e.fields().keySet()));
        CgValue.Keyed st = (CgValue.Keyed)
                CgroupText.value("memory.stat", "anon 4096\nfile 8192\nkernel 100\nsec_pagetables 0\npgfault 77\n");
        assertEquals(List.of("anon", "file", "kernel"), List.copyOf(st.fields().keySet()));
        assertThrows(Malformed.class, () -> CgroupText.value("cgroup.events", "populated\n"));
        // blank lines, tabs and a missing last newline; a third field, a bad value (named with its key), 2^64
        CgValue.Keyed spaced =
                (CgValue.Keyed) CgroupText.value("pids.events", "\n  max\t7 \r\n\nfork 18446744073709551615");
        assertEquals(java.util.Map.of("max", 7L, "fork", -1L), spaced.fields());
        assertThrows(Malformed.class, () -> CgroupText.value("pids.events", "max 1 2\n"));
        Malformed bad = assertThrows(Malformed.class, () -> CgroupText.value("pids.events", "max 1x\n"));
        assertTrue(bad.getMessage().startsWith("pids.events max: not a number"), bad.getMessage());
        assertThrows(Malformed.class, () -> CgroupText.value("pids.events", "max 18446744073709551616\n"));
        assertThrows(Malformed.class, () -> CgroupText.value("pids.events", "max -1\n"));
    }

    @Test
    void whitespaceIsJavasOwn() {
        for (char c = 0; c < Character.MAX_VALUE; c++)
            assertEquals(Character.isWhitespace(c), CgroupText.whitespace(c), "char " + (int) c);
    }

    @Test
    void pressureAveragesAreTheDoublesParseDoubleGives() throws Malformed {
        for (int h = 0; h < 100_000; h++) {
            String v = (h / 100) + "." + (h % 100 < 10 ? "0" : "") + (h % 100);
            CgValue.Pressure p = (CgValue.Pressure)
                    CgroupText.value("cpu.pressure", "some avg10=" + v + " avg60=0.00 avg300=0.00 total=0\n");
            assertEquals(Double.parseDouble(v), p.some().avg10(), v);
        }
    }

    @Test
    void memberListsAreOneIdPerLine() throws Malformed {
        assertEquals(List.of(1, 42, 4194304), ids("1\n42\n4194304\n", "tasks"));
        assertEquals(List.of(), ids("", "tasks"));
        assertThrows(Malformed.class, () -> ids("1\nx\n", "tasks"));
        assertThrows(Malformed.class, () -> ids("99999999999\n", "tasks"));
        // a last line without its newline, and the bytes as the walk reads them
        assertEquals(List.of(7, 4194304), CgroupText.ids("7\n4194304".getBytes(StandardCharsets.US_ASCII), "tasks"));
        assertEquals(List.of(), CgroupText.ids(new byte[0], "tasks"));
        Malformed m = assertThrows(
                Malformed.class, () -> CgroupText.ids("12\n3 4\n".getBytes(StandardCharsets.US_ASCII), "cgroup.procs"));
        assertTrue(m.getMessage().startsWith("cgroup.procs: not one ID per line near "), m.getMessage());
    }

    @Test
    void manyIdsGrowTheList() throws Malformed {
        StringBuilder b = new StringBuilder();
        List<Integer> want = new java.util.ArrayList<>();
        for (int i = 1; i <= 5000; i += 3) {
            b.append(i).append('\n');
            want.add(i);
        }
        Pids got = ids(b.toString(), "tasks");
        assertEquals(want, got);
        assertEquals(want.hashCode(), got.hashCode());
        assertEquals(4999, got.at(got.size() - 1));
    }

    @Test
    void procCgroupLinesSplitAtTheFirstTwoColonsOnly() throws Malformed {
        List<CgroupLine> l =
                CgroupText.procLines("12:pids:/a:b/c\n3:cpu,cpuacct:/\n1:name=systemd:/user.slice\n0::/x y\n");
        assertEquals(new CgroupLine(12, "pids", "/a:b/c"), l.get(0));
        assertEquals(List.of("cpu", "cpuacct"), l.get(1).controllerList());
        assertEquals("0::/x y", l.get(3).toString());
        assertThrows(Malformed.class, () -> CgroupText.procLines("0:/x\n"));
        assertThrows(Malformed.class, () -> CgroupText.procLines("a::/x\n"));
        assertThrows(Malformed.class, () -> CgroupText.procLines("0::relative\n"));
        assertEquals(List.of(), CgroupText.procLines(""));
    }

    private static Pids ids(String text, String what) throws Malformed {
        return CgroupText.ids(text.getBytes(StandardCharsets.ISO_8859_1), what);
    }
}
