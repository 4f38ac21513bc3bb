package nscope.act;

import nscope.kernel.Errno;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * A process an action is for, held by a pidfd and checked against the start
 * time the user saw: a PID that exited, or now names another process, is
 * refused before anything is done.
 */
public final class Bound {
    private Bound() {}

    /**
     * A pidfd for PID pid if it is still the process that started at startTime.
     *
     * @param nothing what did not happen, for the refusal ("nothing sent")
     */
    public static Fd pin(Kernel kernel, String proc, int pid, long startTime, String nothing) throws ActionException {
        if (pid <= 0) throw new ActionException("PID " + pid + " is not a process: " + nothing);
        Fd pidfd;
        try {
            pidfd = kernel.pidfdOpen(pid);
        } catch (KernelException e) {
            if (e.errno() == Errno.ESRCH) throw new ActionException("PID " + pid + " has exited: " + nothing);
            throw new ActionException("PID " + pid + ": " + e.getMessage());
        }
        // the pidfd is bound to whatever had the PID when it was opened: if the start time still matches, that is our
        // process
        long now = Signals.startTime(kernel, proc, pid);
        if (now != startTime) {
            pidfd.close();
            if (now < 0) throw new ActionException("PID " + pid + " has exited: " + nothing);
            throw new ActionException("PID " + pid + " is now another process (started at tick " + now + ", not "
                    + startTime + "): " + nothing);
        }
        return pidfd;
    }

    /** PF_KTHREAD in the flags of /proc/PID/stat: a thread of the kernel's own, with no user space. */
    private static final long PF_KTHREAD = 0x00200000L;

    /**
     * Refuses a target no action should touch: a kernel thread (it has no
     * user space, namespaces or root of its own to enter, signals do not end
     * it, and moving it between cgroups can starve the kernel's own work) and
     * a zombie (it has exited; only its exit status waits for its parent, so
     * a signal or a move would do nothing and entering it has nothing to
     * enter). A PID that does not exist is left to the caller's own check.
     */
    public static void refuseUnfit(Kernel kernel, String proc, int pid, String nothing) throws ActionException {
        byte[] buf = new byte[4096];
        int n;
        try {
            n = kernel.readFile(null, Kernel.cPath(proc + "/" + pid + "/stat"), buf);
        } catch (KernelException e) {
            return; // gone, or unreadable: the pidfd and start-time checks say which
        }
        String s = new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 >= s.length()) return;
        String comm = s.substring(s.indexOf('(') + 1, close).replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?");
        String[] f = s.substring(close + 2).trim().split(" ");
        char state = f[0].isEmpty() ? '?' : f[0].charAt(0);
        long flags = f.length > 6 ? Long.parseLong(f[6]) : 0;
        if ((flags & PF_KTHREAD) != 0)
            throw new ActionException("PID " + pid + " (" + comm
                    + ") is a kernel thread: it has no user space to signal, enter or move: " + nothing);
        if (state == 'Z' || state == 'X')
            throw new ActionException(
                    "PID " + pid + " (" + comm + ") is a zombie: it has exited and only waits for its parent to collect"
                            + " its exit status, so there is nothing to signal, enter or move: " + nothing);
    }

    /** Whether the pinned process still runs (so what was read through /proc/PID meanwhile was its own). */
    public static void alive(Kernel kernel, Fd pidfd, int pid, String nothing) throws ActionException {
        try {
            kernel.pidfdSendSignal(pidfd, 0);
        } catch (KernelException e) {
            if (e.errno() == Errno.ESRCH) throw new ActionException("PID " + pid + " has exited: " + nothing);
            throw new ActionException("PID " + pid + ": " + e.getMessage());
        }
    }

    /** A thread of a bound process, by its TID and the start time the user saw. */
    public record Thread(int tid, long startTime) {}

    /**
     * That the thread is still the one the user saw: /proc/PID/task/TID
     * shows only the process's own threads, and its start time tells a TID
     * the process reused for a new thread.
     */
    public static void sameThread(Kernel kernel, String proc, int pid, Thread t, String nothing)
            throws ActionException {
        long now = Signals.startTime(kernel, proc + "/" + pid + "/task", t.tid());
        if (now < 0) throw new ActionException("thread " + t.tid() + " of PID " + pid + " has ended: " + nothing);
        if (now != t.startTime())
            throw new ActionException("thread " + t.tid() + " of PID " + pid + " is now another thread: " + nothing);
    }
}
