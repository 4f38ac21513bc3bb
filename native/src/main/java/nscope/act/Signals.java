package nscope.act;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nscope.kernel.Errno;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * Signals by name, and a signal sent to exactly the process a (PID, start
 * time) pair names: through a pidfd, checked against the start time after it
 * is opened, so a PID that exited and was used again by another process is
 * refused instead of signalled.
 */
public final class Signals {
    private Signals() {}

    /** The signals offered by name (Linux numbers, the same on every architecture nscope runs on). */
    public static final Map<String, Integer> BY_NAME;

    static {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("TERM", 15);
        m.put("KILL", 9);
        m.put("HUP", 1);
        m.put("INT", 2);
        m.put("QUIT", 3);
        m.put("USR1", 10);
        m.put("USR2", 12);
        m.put("STOP", 19);
        m.put("CONT", 18);
        BY_NAME = java.util.Collections.unmodifiableMap(m);
    }

    /** TERM, SIGTERM, term or 15 (1 to 64); anything else is refused with the names offered. */
    public static int parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("SIG")) t = t.substring(3);
        Integer n = BY_NAME.get(t);
        if (n != null) return n;
        if (!t.isEmpty() && t.length() <= 2 && t.chars().allMatch(Character::isDigit)) {
            int v = Integer.parseInt(t);
            if (v >= 1 && v <= 64) return v;
        }
        throw new IllegalArgumentException("unknown signal '" + text.replaceAll("\\p{Cntrl}", "?") + "': one of "
                + String.join(", ", BY_NAME.keySet()) + ", or a number from 1 to 64");
    }

    /** The name of a signal number, or its number. */
    public static String name(int signal) {
        for (var e : BY_NAME.entrySet()) if (e.getValue() == signal) return e.getKey();
        return Integer.toString(signal);
    }

    /**
     * A process's start time (field 22 of /proc/PID/stat, clock ticks after
     * boot), or -1 if there is no such process now.
     *
     * @param proc the proc root, e.g. "/proc"
     */
    public static long startTime(Kernel kernel, String proc, int pid) throws ActionException {
        byte[] buf = new byte[4096];
        int n;
        try {
            n = kernel.readFile(null, Kernel.cPath(proc + "/" + pid + "/stat"), buf);
        } catch (KernelException e) {
            if (e.errno().meansVanished()) return -1;
            throw new ActionException("cannot read the start time of PID " + pid + ": " + e.getMessage());
        }
        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
        // the command may hold spaces and parentheses: fields restart after the last ')'
        String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
        if (f.length < 20) throw new ActionException("PID " + pid + ": a stat line without a start time");
        return Long.parseLong(f[19]);
    }

    /** A kernel thread or a zombie is refused with the reason ({@link Bound#refuseUnfit}). */
    public static void refuseUnsignallable(Kernel kernel, String proc, int pid, String nothing) throws ActionException {
        Bound.refuseUnfit(kernel, proc, pid, nothing);
    }

    /**
     * Sends a signal to the process with this PID and start time, or says why not.
     *
     * @throws ActionException the process has exited, its PID now names another process, or the kernel refused
     */
    public static void send(Kernel kernel, String proc, int pid, long startTime, int signal) throws ActionException {
        if (pid <= 0) throw new ActionException("PID " + pid + " is not a process (process groups are not signalled)");
        try (Fd pidfd = Bound.pin(kernel, proc, pid, startTime, "nothing sent")) {
            Bound.refuseUnfit(kernel, proc, pid, "nothing sent");
            kernel.pidfdSendSignal(pidfd, signal);
        } catch (KernelException e) {
            if (e.errno() == Errno.ESRCH) throw new ActionException("PID " + pid + " has exited: nothing sent");
            if (e.errno() == Errno.EPERM)
                throw new ActionException("PID " + pid + ": the kernel refused SIG" + name(signal)
                        + " (EPERM: not root, or it belongs to another user)");
            throw new ActionException("PID " + pid + ": " + e.getMessage());
        }
    }
}
