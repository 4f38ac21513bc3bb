package nscope.app.cli.act;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.Signals;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.cli.common.UserError;
import nscope.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * nscope kill: a signal to processes, each bound to its start time, so a PID
 * that was used again by another process meanwhile is refused; every
 * attempt goes to the audit log.
 */
@Command(
        name = "kill",
        mixinStandardHelpOptions = true,
        description = {
            "Send a signal to processes, each bound to its start time.",
            "The signal (TERM by default) goes to each PID through a pidfd checked against the process's start time, so a PID that now names another process is refused. Each attempt is written to the audit log."
        })
public final class KillCommand implements Callable<Integer> {
    @Option(
            names = {"-s", "--signal"},
            paramLabel = "SIG",
            defaultValue = "TERM",
            description = "TERM, KILL, HUP, INT, QUIT, USR1, USR2, STOP, CONT, or a number (default ${DEFAULT-VALUE}).")
    String signal;

    @Option(
            names = "--start",
            paramLabel = "TICKS",
            description =
                    "The start time the process must have (field 22 of /proc/PID/stat), as nscope's screen and JSON give it; one PID only.")
    Long start;

    @Parameters(paramLabel = "PID", arity = "1..*", description = "The processes.")
    List<Integer> pids;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int sig;
        try {
            sig = Signals.parse(signal);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (start != null && pids.size() != 1) throw new UserError("--start binds one PID: give exactly one", 2);
        Kernel kernel = UserError.kernel("kill", 1);
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (int pid : pids) {
            Audited.Outcome o = audited.signal(kernel, pid, start, sig);
            if (!o.ok()) err.println("nscope: kill: " + o.result());
            if (o.logError() != null) err.println("nscope: kill: " + o.logError());
            if (!o.ok() || o.logError() != null) failed++;
        }
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
