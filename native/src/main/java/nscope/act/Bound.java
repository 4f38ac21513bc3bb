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
        // the pidfd is bound to whatever had the PID when it was opened: if the start time still matches, that is our process
        long now = Signals.startTime(kernel, proc, pid);
        if (now != startTime) {
            pidfd.close();
            if (now < 0) throw new ActionException("PID " + pid + " has exited: " + nothing);
            throw new ActionException("PID " + pid + " is now another process (started at tick " + now + ", not " + startTime + "): " + nothing);
        }
        return pidfd;
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
}
