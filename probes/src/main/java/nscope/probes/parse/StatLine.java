package nscope.probes.parse;

/**
 * The fields nscope takes from /proc/PID/stat (proc(5)).
 *
 * @param flags     the kernel's PF_* flags; PF_KTHREAD marks a kernel thread
 * @param startTime clock ticks after boot, unsigned
 */
public record StatLine(int pid, String comm, char state, int ppid, int pgrp, int session,
                       long flags, int numThreads, long startTime) {
    static final long PF_KTHREAD = 0x00200000L;

    public boolean kernelThread() { return (flags & PF_KTHREAD) != 0; }

    /**
     * Parses one stat line. The command name sits between the first '(' and
     * the LAST ')': a name may itself hold ')', spaces or newlines.
     */
    public static StatLine parse(byte[] b) throws Malformed {
        int open = -1, close = -1;
        for (int i = 0; i < b.length; i++) if (b[i] == '(') { open = i; break; }
        for (int i = b.length - 1; i > open; i--) if (b[i] == ')') { close = i; break; }
        if (open < 1 || close < 0) throw new Malformed("stat: no (comm)");
        int pid = parseInt(ascii(b, 0, open).trim(), "pid");
        String comm = HostText.decode(b, open + 1, close);
        String[] f = ascii(b, close + 1, b.length).trim().split(" ");
        // f[0] is field 3 (state); field N is f[N - 3]
        if (f.length < 20) throw new Malformed("stat: " + f.length + " fields after comm, need 20");
        // every state the kernel writes is one letter (R, S, D, Z, T, t, X, I, P, ...); anything else means a field is missing
        char state = f[0].length() == 1 ? f[0].charAt(0) : 0;
        if (!(state >= 'A' && state <= 'Z' || state >= 'a' && state <= 'z')) throw new Malformed("stat: state '" + f[0] + "'");
        return new StatLine(pid, comm, state, parseInt(f[1], "ppid"), parseInt(f[2], "pgrp"),
                parseInt(f[3], "session"), parseUnsigned(f[6], "flags"), parseInt(f[17], "num_threads"),
                parseUnsigned(f[19], "starttime"));
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

    static long parseUnsigned(String s, String what) throws Malformed {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new Malformed("stat: " + what + " '" + s + "' is not an unsigned number");
        }
    }
}
