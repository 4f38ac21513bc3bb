package nscope.app.audit;

import java.io.IOException;
import java.util.function.Consumer;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.Signals;
import nscope.kernel.Kernel;

/**
 * The operations that change the host, as the command line and the live
 * screen both run them: each change is announced in the audit log before it
 * is made and its result written after; a change whose announcement cannot
 * be written is refused before anything is done (the log fails closed).
 */
public final class Audited {
    /** What happened; logError is null unless the result line could not be written (the change itself was made). */
    public record Outcome(boolean ok, String result, String logError) {}

    /** One change to a cgroup through a writer; returns what was done, in words. */
    public interface CgroupChange {
        String run(CgroupWrites w) throws ActionException;
    }

    /** A change to the host; returns what was done, in words, or throws why not. */
    public interface Work<T> {
        T run() throws ActionException;
    }

    private final AuditLog log;
    private final Consumer<String> warn;

    /** warn hears a result line that could not be written after its change was made. */
    public Audited(AuditLog log, Consumer<String> warn) {
        this.log = log;
        this.warn = warn;
    }

    /** For a command: such a warning is one nscope: line on stderr. */
    public Audited(AuditLog log) {
        this(log, w -> System.err.println("nscope: " + w));
    }

    AuditLog log() {
        return log;
    }

    /** A change announced in the log; end it with its result. */
    public final class Change {
        private final String action, target;

        private Change(String action, String target) {
            this.action = action;
            this.target = target;
        }

        /** Writes the result line; null, or why it could not be written (also said to warn). */
        public String end(boolean ok, String result) {
            try {
                log.append("end", action, target, ok, result);
                return null;
            } catch (IOException e) {
                String w = "the audit log " + log.file() + " could not be written after " + action + " " + target + ": "
                        + e.getMessage();
                warn.accept(w);
                return w;
            }
        }
    }

    /** Announces a change; refuses it (ActionException, nothing done) when the log cannot be written. */
    public Change begin(String action, String target) throws ActionException {
        return begin(action, target, null);
    }

    /** The same, saying what is about to be done. */
    public Change begin(String action, String target, String what) throws ActionException {
        try {
            log.append("begin", action, target, null, null, what);
        } catch (IOException e) {
            throw new ActionException(
                    "the audit log " + log.file() + " cannot be written (" + e.getMessage() + "): nothing done");
        }
        return new Change(action, target);
    }

    /** begin, the work, end: its result, or its refusal rethrown after the end line. */
    public <T> T change(String action, String target, Work<T> w) throws ActionException {
        Change c = begin(action, target);
        try {
            T r = w.run();
            c.end(true, String.valueOf(r));
            return r;
        } catch (ActionException | RuntimeException e) {
            c.end(false, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** An action refused before any change (a bad argument, a target that is gone): one line; a log error is only said. */
    public void refused(String action, String target, String why) {
        try {
            log.append("refused", action, target, false, why);
        } catch (IOException e) {
            warn.accept("the audit log " + log.file() + " could not be written: " + e.getMessage());
        }
    }

    /** A signal to PID, bound to a start time (null: the process that has the PID now). */
    public Outcome signal(Kernel kernel, int pid, Long start, int sig) {
        String action = "kill SIG" + Signals.name(sig);
        long at;
        try {
            at = start != null ? start : Signals.startTime(kernel, "/proc", pid);
            if (at < 0) throw new ActionException("PID " + pid + " does not exist: nothing sent");
            Signals.refuseUnsignallable(kernel, "/proc", pid, "nothing sent");
        } catch (ActionException e) {
            refused(action, "pid " + pid, e.getMessage());
            return new Outcome(false, e.getMessage(), null);
        }
        return outcome(action, "pid " + pid + " start " + at, () -> {
            Signals.send(kernel, "/proc", pid, at, sig);
            return "sent SIG" + Signals.name(sig);
        });
    }

    /** A change to the cgroup named label ("memory:/box"), as one action of this name ("mkdir", "freeze", ...). */
    public Outcome cgroup(CgroupWrites writes, String action, String label, CgroupChange change) {
        return outcome("cgroup " + action, label, () -> change.run(writes));
    }

    private Outcome outcome(String action, String target, Work<String> w) {
        Change c;
        try {
            c = begin(action, target);
        } catch (ActionException e) {
            return new Outcome(false, e.getMessage(), null);
        }
        try {
            String r = w.run();
            return new Outcome(true, r, c.end(true, r));
        } catch (ActionException e) {
            return new Outcome(false, e.getMessage(), c.end(false, e.getMessage()));
        }
    }
}
