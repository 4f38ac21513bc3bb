package nscope.app;

import java.io.IOException;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.Signals;
import nscope.kernel.Kernel;

/**
 * The operations that change the host, as the command line and the live
 * screen both run them: through nscope.act, each attempt (done or refused)
 * written to the audit log.
 */
final class Audited {
    /** What happened; logError is null unless the audit line could not be written. */
    record Outcome(boolean ok, String result, String logError) {}

    /** One change to a cgroup through a writer; returns what was done, in words. */
    interface CgroupChange { String run(CgroupWrites w) throws ActionException; }

    private final AuditLog log;

    Audited(AuditLog log) { this.log = log; }

    /** A signal to PID, bound to a start time (null: the process that has the PID now). */
    Outcome signal(Kernel kernel, int pid, Long start, int sig) {
        String target = "pid " + pid;
        boolean ok = false;
        String result;
        try {
            long at = start != null ? start : Signals.startTime(kernel, "/proc", pid);
            if (at < 0) throw new ActionException("PID " + pid + " does not exist: nothing sent");
            target = "pid " + pid + " start " + at;
            Signals.send(kernel, "/proc", pid, at, sig);
            ok = true;
            result = "sent SIG" + Signals.name(sig);
        } catch (ActionException e) {
            result = e.getMessage();
        }
        return logged("kill SIG" + Signals.name(sig), target, ok, result);
    }

    /** A change to the cgroup named label ("memory:/box"), as one action of this name ("mkdir", "freeze", ...). */
    Outcome cgroup(CgroupWrites writes, String action, String label, CgroupChange change) {
        boolean ok = false;
        String result;
        try {
            result = change.run(writes);
            ok = true;
        } catch (ActionException e) {
            result = e.getMessage();
        }
        return logged("cgroup " + action, label, ok, result);
    }

    /** An action that is not a signal or a cgroup change (entering namespaces, unsharing), with its result. */
    Outcome logged(String action, String target, boolean ok, String result) {
        try {
            log.append(action, target, ok, result);
            return new Outcome(ok, result, null);
        } catch (IOException e) {
            return new Outcome(ok, result, "the audit log " + log.file() + " could not be written: " + e.getMessage());
        }
    }
}
