package nscope.probes.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Pids;

/**
 * The text of cgroup files: /proc/PID/cgroup, member lists and the
 * interface files nscope reads, each parsed as the kernel documents it
 * (Documentation/admin-guide/cgroup-v2.rst and cgroup-v1/).
 */
public final class CgroupText {
    private CgroupText() {}

    /** How an interface file's text is read. */
    public enum Kind {
        NUM,
        TEXT,
        WORDS,
        KEYED,
        CPU_MAX,
        PRESSURE
    }

    /** The interface files a scan reads, and how. Member lists are read apart. */
    public static final Map<String, Kind> FILES = files();

    /** memory.stat holds some 40 fields; only the headline ones are kept. */
    public static final Set<String> MEMORY_STAT_KEPT = Set.of(
            "anon",
            "file",
            "kernel",
            "kernel_stack",
            "slab",
            "sock",
            "shmem",
            "file_dirty",
            "file_writeback",
            "total_rss",
            "total_cache",
            "total_shmem",
            "rss",
            "cache",
            "hierarchical_memory_limit");

    private static Map<String, Kind> files() {
        Map<String, Kind> m = new LinkedHashMap<>();
        // the limits and usage the view shows; every file is a read per cgroup per scan, so no more
        for (String f : List.of(
                "memory.max",
                "memory.high",
                "memory.low",
                "memory.min",
                "memory.swap.max",
                "memory.current",
                "memory.limit_in_bytes",
                "memory.memsw.limit_in_bytes",
                "memory.soft_limit_in_bytes",
                "memory.usage_in_bytes",
                "cpu.weight",
                "cpu.cfs_quota_us",
                "cpu.cfs_period_us",
                "cpu.shares",
                "cpuacct.usage",
                "pids.max",
                "pids.current",
                "cgroup.freeze")) m.put(f, Kind.NUM);
        for (String f : List.of(
                "cgroup.type",
                "cpuset.cpus",
                "cpuset.mems",
                "cpuset.cpus.effective",
                "cpuset.mems.effective",
                "cpuset.effective_cpus",
                "cpuset.effective_mems",
                "io.max",
                "freezer.state")) m.put(f, Kind.TEXT);
        for (String f : List.of("cgroup.controllers", "cgroup.subtree_control")) m.put(f, Kind.WORDS);
        for (String f : List.of(
                "cgroup.events", "memory.events", "pids.events", "cpu.stat", "memory.stat", "memory.oom_control"))
            m.put(f, Kind.KEYED);
        m.put("cpu.max", Kind.CPU_MAX);
        for (String f : List.of("cpu.pressure", "memory.pressure", "io.pressure")) m.put(f, Kind.PRESSURE);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One interface file's value, parsed by its kind. */
    public static CgValue value(String file, String text) throws Malformed {
        Kind k = FILES.get(file);
        if (k == null) throw new IllegalArgumentException(file + " is not a file nscope reads");
        return switch (k) {
            case NUM -> num(file, text);
            case TEXT -> new CgValue.Text(text.strip());
            case WORDS -> new CgValue.Words(words(text));
            case KEYED -> keyed(file, text);
            case CPU_MAX -> cpuMax(text);
            case PRESSURE -> pressure(text);
        };
    }

    /**
     * v1 memory limits with no limit set show the page counter's ceiling:
     * LONG_MAX rounded down to a page (9223372036854771712 with 4 KiB pages).
     */
    static boolean pageCounterMax(long v) {
        return v > Long.MAX_VALUE - 65536 && v % 4096 == 0;
    }

    static CgValue.Num num(String file, String text) throws Malformed {
        String s = text.strip();
        if (s.equals("max")) return new CgValue.Num(s, null);
        if (s.equals("-1") && file.equals("cpu.cfs_quota_us")) return new CgValue.Num(s, null);
        long v = unsigned(s, file);
        if (file.endsWith("limit_in_bytes") && pageCounterMax(v)) return new CgValue.Num(s, null);
        return new CgValue.Num(s, v);
    }

    /** An unsigned 64-bit decimal; anything else (a sign, a larger number, junk) is malformed. */
    public static long unsigned(String s, String what) throws Malformed {
        if (s.isEmpty()) throw new Malformed(what + ": empty where a number belongs");
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new Malformed(what + ": not a number: " + abbreviate(s));
            try {
                v = Decimal.append(v, c - '0');
            } catch (ArithmeticException e) {
                throw new Malformed(what + ": " + abbreviate(s) + " is above 2^64 - 1");
            }
        }
        return v;
    }

    static List<String> words(String text) {
        String s = text.strip();
        return s.isEmpty() ? List.of() : List.of(fields(s));
    }

    static CgValue.Keyed keyed(String file, String text) throws Malformed {
        Map<String, Long> m = new LinkedHashMap<>();
        boolean stat = file.equals("memory.stat");
        // by hand, line by line: a scan reads some 3,000 of these files, most of it before the JIT has them
        for (int at = 0, n = text.length(); at < n; ) {
            int end = text.indexOf('\n', at);
            if (end < 0) end = n;
            int a = skip(text, at, end, true), b = skip(text, a, end, false);
            int c = skip(text, b, end, true), d = skip(text, c, end, false);
            if (a < end) { // else blank
                if (c == d || skip(text, d, end, true) != end)
                    throw new Malformed(file + ": not 'KEY VALUE': " + abbreviate(text.substring(at, end)));
                String key = text.substring(a, b);
                if (!stat || MEMORY_STAT_KEPT.contains(key)) m.put(key, unsigned(text, c, d, file, key));
            }
            at = end + 1;
        }
        return new CgValue.Keyed(m);
    }

    /** The first index from i (below end) whose character is not (blank) or is (!blank) whitespace; else end. */
    private static int skip(String s, int i, int end, boolean blank) {
        while (i < end && whitespace(s.charAt(i)) == blank) i++;
        return i;
    }

    /** Character.isWhitespace, without its table lookups for ASCII (all the kernel writes). */
    static boolean whitespace(char c) {
        if (c > ' ') return c >= 0x80 && Character.isWhitespace(c);
        return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c;
    }

    /** As {@link #unsigned(String, String)} on s's chars from..to, the file and key naming it in an error. */
    private static long unsigned(String s, int from, int to, String file, String key) throws Malformed {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > MAX_BEFORE_DIGIT) return unsigned(s.substring(from, to), file + " " + key);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A value up to which one more decimal digit cannot overflow a signed long (the slow path checks the rest). */
    private static final long MAX_BEFORE_DIGIT = (Long.MAX_VALUE - 9) / 10;

    static CgValue.CpuMax cpuMax(String text) throws Malformed {
        String[] f = fields(text);
        if (f.length != 2) throw new Malformed("cpu.max: not 'QUOTA PERIOD': " + abbreviate(text));
        return new CgValue.CpuMax(num("cpu.max", f[0]), unsigned(f[1], "cpu.max period"));
    }

    /** "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" and, where written, the same for "full". */
    static CgValue.Pressure pressure(String text) throws Malformed {
        CgValue.Line some = null, full = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = fields(line);
            if (f.length != 5)
                throw new Malformed("pressure: not 'some|full avg10= avg60= avg300= total=': " + abbreviate(line));
            CgValue.Line l = new CgValue.Line(
                    avg(f[1], "avg10="),
                    avg(f[2], "avg60="),
                    avg(f[3], "avg300="),
                    unsigned(after(f[4], "total="), "pressure total"));
            switch (f[0]) {
                case "some" -> some = l;
                case "full" -> full = l;
                default -> throw new Malformed("pressure: unknown line " + abbreviate(f[0]));
            }
        }
        if (some == null) throw new Malformed("pressure: no 'some' line");
        return new CgValue.Pressure(some, full);
    }

    private static double avg(String field, String key) throws Malformed {
        String v = after(field, key);
        if (!percentage(v)) throw new Malformed("pressure: " + key + " is not a percentage: " + abbreviate(v));
        // hundredths over 100.0: the double nearest the decimal, as Double.parseDouble gives it (both round
        // the same rational once), without its cold parser
        int hundredths = 0;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) != '.') hundredths = hundredths * 10 + (v.charAt(i) - '0');
        return hundredths / 100.0;
    }

    /** "D.DD" to "DDD.DD", as the kernel prints PSI averages (checked by hand: a regex compiles per call). */
    private static boolean percentage(String v) {
        int dot = v.indexOf('.');
        if (dot < 1 || dot > 3 || v.length() != dot + 3) return false;
        for (int i = 0; i < v.length(); i++) if (i != dot && (v.charAt(i) < '0' || v.charAt(i) > '9')) return false;
        return true;
    }

    private static String after(String field, String key) throws Malformed {
        if (!field.startsWith(key)) throw new Malformed("pressure: expected " + key + " in " + abbreviate(field));
        return field.substring(key.length());
    }

    /** cgroup.procs, cgroup.threads, tasks: one ID per line, from the file's bytes (a v1 tasks file lists every thread). */
    public static Pids ids(byte[] text, String what) throws Malformed {
        int[] out = new int[Math.max(4, text.length / 4)];
        int n = 0;
        int v = -1;
        for (int i = 0; i < text.length; i++) {
            byte c = text[i];
            if (c == '\n') {
                if (v >= 0) {
                    if (n == out.length) out = Arrays.copyOf(out, n * 2);
                    out[n++] = v;
                }
                v = -1;
            } else if (c >= '0' && c <= '9' && (v < 0 || v < 214748364)) {
                v = (v < 0 ? 0 : v * 10) + (c - '0');
            } else {
                String near = new String(
                        text,
                        Math.max(0, i - 10),
                        Math.min(text.length, i + 10) - Math.max(0, i - 10),
                        StandardCharsets.ISO_8859_1);
                throw new Malformed(what + ": not one ID per line near " + abbreviate(near));
            }
        }
        if (v >= 0) {
            if (n == out.length) out = Arrays.copyOf(out, n + 1);
            out[n++] = v;
        }
        return Pids.of(out, n);
    }

    /**
     * /proc/PID/cgroup: "ID:CONTROLLERS:PATH" per line. The path is the
     * rest of the line (cgroup names may hold colons, not newlines).
     */
    public static List<CgroupLine> procLines(String text) throws Malformed {
        List<CgroupLine> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            int a = line.indexOf(':'), b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) throw new Malformed("cgroup: not 'ID:CONTROLLERS:PATH': " + abbreviate(line));
            long id = unsigned(line.substring(0, a), "cgroup hierarchy ID");
            if (id > Integer.MAX_VALUE) throw new Malformed("cgroup: hierarchy ID out of range: " + id);
            String path = line.substring(b + 1);
            if (!path.startsWith("/")) throw new Malformed("cgroup: path is not absolute: " + abbreviate(line));
            out.add(new CgroupLine((int) id, line.substring(a + 1, b), path));
        }
        return out;
    }

    /**
     * The whitespace-separated fields of a line. By hand: String.split with
     * a regex compiles it on every call, and a scan splits some 10,000 lines.
     */
    static String[] fields(String line) {
        List<String> out = new ArrayList<>(4);
        int n = line.length(), i = 0;
        while (i < n) {
            while (i < n && whitespace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !whitespace(line.charAt(i))) i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
