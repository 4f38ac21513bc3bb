package nscope.probes.parse;

/**
 * The fields nscope takes from /proc/PID/stat (proc(5)).
 *
 * @param flags     the kernel's PF_* flags; PF_KTHREAD marks a kernel thread
 * @param startTime clock ticks after boot, unsigned
 */
public record StatLine(
        int pid, String comm, char state, int ppid, int pgrp, int session, long flags, int numThreads, long startTime) {
    static final long PF_KTHREAD = 0x00200000L;

    public boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }

    /**
     * Parses one stat line. The command name sits between the first '(' and
     * the LAST ')': a name may itself hold ')', spaces or newlines.
     */
    public static StatLine parse(byte[] b) throws Malformed {
        return parse(b, b.length);
    }

    /** Parses the first {@code length} bytes of b (a reused read buffer). */
    public static StatLine parse(byte[] b, int length) throws Malformed {
        int open = -1, close = -1;
        for (int i = 0; i < length; i++)
            if (b[i] == '(') {
                open = i;
                break;
            }
        for (int i = length - 1; i > open; i--)
            if (b[i] == ')') {
                close = i;
                break;
            }
        if (open < 1 || close < 0) throw new Malformed("stat: no (comm)");
        int pid = parseInt(ascii(b, 0, open).trim(), "pid");
        String comm = HostText.decode(b, open + 1, close);
        // fields after the comm, split on single spaces without making a string per field:
        // start[k], end[k] bound field k + 3 (state is field 3)
        int[] start = new int[20], end = new int[20];
        int n = 0, i = close + 1;
        while (i < length && b[i] == ' ') i++;
        while (n < 20 && i < length && b[i] != '\n') {
            start[n] = i;
            while (i < length && b[i] != ' ' && b[i] != '\n') i++;
            end[n++] = i;
            if (i < length && b[i] == ' ') i++;
        }
        if (n < 20) throw new Malformed("stat: " + n + " fields after comm, need 20");
        // one letter, as every kernel state is: two fields run together would shift every field
        if (end[0] - start[0] != 1 || !Character.isLetter(b[start[0]]))
            throw new Malformed("stat: state '" + ascii(b, start[0], end[0]) + "'");
        return new StatLine(
                pid,
                comm,
                (char) b[start[0]],
                (int) num(b, start[1], end[1], "ppid", true),
                (int) num(b, start[2], end[2], "pgrp", true),
                (int) num(b, start[3], end[3], "session", true),
                num(b, start[6], end[6], "flags", false),
                (int) num(b, start[17], end[17], "num_threads", true),
                num(b, start[19], end[19], "starttime", false));
    }

    /** A decimal field: a signed int, or an unsigned 64-bit value kept in a long's bits. */
    private static long num(byte[] b, int from, int to, String what, boolean isInt) throws Malformed {
        if (from >= to) throw new Malformed("stat: " + what + " is empty");
        boolean neg = isInt && b[from] == '-';
        int i = neg ? from + 1 : from;
        if (i >= to || to - i > 20)
            throw new Malformed("stat: " + what + " '" + ascii(b, from, to) + "' is not a number");
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw new Malformed("stat: " + what + " '" + ascii(b, from, to) + "' is not a number");
            try {
                v = Decimal.append(v, d);
            } catch (ArithmeticException e) {
                throw new Malformed("stat: " + what + " '" + ascii(b, from, to) + "' is out of range");
            }
        }
        if (isInt && (v > Integer.MAX_VALUE || v < 0))
            throw new Malformed("stat: " + what + " '" + ascii(b, from, to) + "' is out of range");
        return neg ? -v : v;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static int parseInt(String s, String what) throws Malformed {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Malformed("stat: " + what + " '" + s + "' is not a number");
        }
    }
}
