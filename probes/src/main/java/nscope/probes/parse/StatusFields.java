package nscope.probes.parse;

import java.util.List;
import nscope.probes.model.Ids;

/**
 * The fields nscope takes from /proc/PID/status. A field the kernel does not
 * print (NSpid before Linux 4.1, say) is null; a field that is there but
 * malformed throws. Parsed from the bytes directly: a scan reads one status
 * per task, tens of thousands of them.
 */
public record StatusFields(
        Integer tgid,
        Integer pid,
        Integer ppid,
        Ids uid,
        Ids gid,
        List<Integer> nsTgid,
        List<Integer> nsPid,
        List<Integer> nsPgid,
        List<Integer> nsSid) {

    public static StatusFields parse(byte[] b) throws Malformed {
        return parse(b, b.length);
    }

    /** Parses the first {@code n} bytes of b (a reused read buffer). */
    public static StatusFields parse(byte[] b, int length) throws Malformed {
        Integer tgid = null, pid = null, ppid = null;
        Ids uid = null, gid = null;
        List<Integer> nsTgid = null, nsPid = null, nsPgid = null, nsSid = null;
        long[][] scratch = {new long[8]}; // one array for every field's numbers (not two per field)
        int pos = 0, n = length;
        while (pos < n) {
            int nl = pos;
            while (nl < n && b[nl] != '\n') nl++;
            int colon = pos;
            while (colon < nl && b[colon] != ':') colon++;
            if (colon < nl) {
                // only the keys we take; Name: (the one field with free text) is never parsed
                switch (key(b, pos, colon)) {
                    case "Tgid" -> tgid = tgid != null ? tgid : one(scratch, "Tgid", b, colon + 1, nl);
                    case "Pid" -> pid = pid != null ? pid : one(scratch, "Pid", b, colon + 1, nl);
                    case "PPid" -> ppid = ppid != null ? ppid : one(scratch, "PPid", b, colon + 1, nl);
                    case "Uid" -> uid = uid != null ? uid : ids(scratch, "Uid", b, colon + 1, nl);
                    case "Gid" -> gid = gid != null ? gid : ids(scratch, "Gid", b, colon + 1, nl);
                    case "NStgid" -> nsTgid = nsTgid != null ? nsTgid : ints(scratch, "NStgid", b, colon + 1, nl);
                    case "NSpid" -> nsPid = nsPid != null ? nsPid : ints(scratch, "NSpid", b, colon + 1, nl);
                    case "NSpgid" -> nsPgid = nsPgid != null ? nsPgid : ints(scratch, "NSpgid", b, colon + 1, nl);
                    case "NSsid" -> nsSid = nsSid != null ? nsSid : ints(scratch, "NSsid", b, colon + 1, nl);
                    default -> {}
                }
            }
            pos = nl + 1;
            // NSsid comes after every other field we take: stop before the ~40 memory and signal lines
            if (nsSid != null && tgid != null && uid != null && gid != null) break;
        }
        return new StatusFields(tgid, pid, ppid, uid, gid, nsTgid, nsPid, nsPgid, nsSid);
    }

    /** The key if it is one we take, else "" (no string is made for the other ~50 keys). */
    private static String key(byte[] b, int from, int to) {
        String k = switch (b[from]) {
            case 'T' -> "Tgid";
            case 'P' -> to - from == 3 ? "Pid" : "PPid";
            case 'U' -> "Uid";
            case 'G' -> "Gid";
            case 'N' ->
                to - from < 3
                        ? ""
                        : switch (b[from + 2]) {
                            case 't' -> "NStgid";
                            case 'p' -> to - from == 5 ? "NSpid" : "NSpgid";
                            case 's' -> "NSsid";
                            default -> "";
                        };
            default -> "";
        };
        if (k.length() != to - from) return "";
        for (int i = 0; i < k.length(); i++) if (b[from + i] != k.charAt(i)) return "";
        return k;
    }

    /** Whitespace-separated unsigned decimal numbers between from and to, into scratch[0] (grown if need be); their count. */
    private static int numbers(long[][] scratch, String key, byte[] b, int from, int to) throws Malformed {
        long[] out = scratch[0];
        int count = 0, i = from;
        while (true) {
            while (i < to && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i >= to) break;
            long v = 0;
            int start = i;
            while (i < to && b[i] != ' ' && b[i] != '\t') {
                int d = b[i] - '0';
                if (d < 0 || d > 9) throw new Malformed("status: " + key + " holds '" + text(b, from, to) + "'");
                v = v * 10 + d;
                if (v > 0xffffffffL) throw new Malformed("status: " + key + " value out of range");
                i++;
            }
            if (i == start) break;
            if (count == out.length) out = scratch[0] = java.util.Arrays.copyOf(out, count * 2);
            out[count++] = v;
        }
        if (count == 0) throw new Malformed("status: " + key + " is empty");
        return count;
    }

    private static String text(byte[] b, int from, int to) {
        return HostText.decode(b, from, to).strip();
    }

    private static Integer one(long[][] scratch, String key, byte[] b, int from, int to) throws Malformed {
        int n = numbers(scratch, key, b, from, to);
        long[] v = scratch[0];
        if (n != 1 || v[0] > Integer.MAX_VALUE)
            throw new Malformed("status: " + key + " holds '" + text(b, from, to) + "'");
        return (int) v[0];
    }

    private static List<Integer> ints(long[][] scratch, String key, byte[] b, int from, int to) throws Malformed {
        int n = numbers(scratch, key, b, from, to);
        long[] v = scratch[0];
        if (n == 1) { // the common case (no nested pid namespace): no array for List.of
            if (v[0] > Integer.MAX_VALUE) throw new Malformed("status: " + key + " value out of range");
            return List.of((int) v[0]);
        }
        Integer[] out = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (v[i] > Integer.MAX_VALUE) throw new Malformed("status: " + key + " value out of range");
            out[i] = (int) v[i];
        }
        return List.of(out);
    }

    private static Ids ids(long[][] scratch, String key, byte[] b, int from, int to) throws Malformed {
        int n = numbers(scratch, key, b, from, to);
        long[] v = scratch[0];
        if (n != 4) throw new Malformed("status: " + key + " has " + n + " ids, need 4");
        return new Ids(v[0], v[1], v[2], v[3]);
    }
}
