package nscope.probes.parse;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.NsFacts;

/** The small proc files the facts phase reads: timens_offsets, uid_map/gid_map, sysvipc tables, one-line values. */
public final class FactsText {
    private FactsText() {}

    /** /proc/PID/timens_offsets: "monotonic SECS NSECS" and "boottime SECS NSECS" lines (names or clock ids 1 / 7). */
    public static NsFacts.Time timensOffsets(String text) throws Malformed {
        Long ms = null, mn = null, bs = null, bn = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) throw new Malformed("not 'CLOCK SECS NSECS': " + line);
            long s, n;
            try {
                s = Long.parseLong(f[1]);
                n = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                throw new Malformed("not numbers: " + line);
            }
            switch (f[0]) {
                case "monotonic", "1" -> {
                    ms = s;
                    mn = n;
                }
                case "boottime", "7" -> {
                    bs = s;
                    bn = n;
                }
                default -> throw new Malformed("unknown clock: " + f[0]);
            }
        }
        if (ms == null || bs == null) throw new Malformed("monotonic or boottime missing");
        return new NsFacts.Time(ms, mn, bs, bn);
    }

    /** uid_map or gid_map: lines of three unsigned 32-bit numbers; empty when no map was written yet. */
    public static List<NsFacts.IdRange> idMap(String text) throws Malformed {
        List<NsFacts.IdRange> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) throw new Malformed("not 'INSIDE OUTSIDE COUNT': " + line);
            try {
                out.add(new NsFacts.IdRange(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException e) {
                throw new Malformed("not numbers: " + line);
            }
        }
        return out;
    }

    /** /proc/PID/setgroups: "allow" or "deny". */
    public static String setgroups(String text) throws Malformed {
        String s = text.strip();
        if (!s.equals("allow") && !s.equals("deny")) throw new Malformed("setgroups is neither allow nor deny: " + s);
        return s;
    }

    /** /proc/sysvipc/{shm,sem,msg}: a header line, then one line per object. */
    public static int sysvipcCount(String text) throws Malformed {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].trim().startsWith("key")) throw new Malformed("no sysvipc header line");
        int n = 0;
        for (int i = 1; i < lines.length; i++) if (!lines[i].isBlank()) n++;
        return n;
    }

    /** A file holding one value and a newline (hostname, ns_last_pid). */
    public static String oneLine(String text) throws Malformed {
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1)
            throw new Malformed("not one line: " + text);
        return text.substring(0, text.length() - 1);
    }
}
