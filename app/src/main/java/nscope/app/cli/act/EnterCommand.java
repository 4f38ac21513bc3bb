package nscope.app.cli.act;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.cli.common.UserError;
import nscope.app.container.ContainerEnter;
import nscope.app.container.ContainerState;
import nscope.app.exec.Entering;
import nscope.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * nscope enter: a shell (or a command) in a process's namespaces, root and
 * working directory, on a pty of its own when run from a terminal.
 */
@Command(
        name = "enter",
        mixinStandardHelpOptions = true,
        description = {
            "Run a shell or a command in a process's or a container's namespaces.",
            "The shell is the target's $SHELL if its root has it, else bash, else sh. It runs in the namespaces of PID (or of the container NAME's PID 1), with its root and working directory.",
            "From a terminal the child gets a pseudo-terminal of its own that nscope relays; otherwise its output and errors come through pipes. It never holds nscope's terminal.",
            "A process of one of nscope's containers is entered as docker exec enters: into the container's cgroups and confinement (capabilities, no_new_privs, seccomp), unless --privileged.",
            "Exit status: the child's; 125 when nscope could not start it."
        })
public final class EnterCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "PID|NAME",
            description = "The process whose namespaces to enter, or an nscope container (its PID 1).")
    String target;

    @Parameters(
            index = "1..*",
            paramLabel = "CMD",
            description = "The command and its arguments (after --); default a shell.")
    List<String> command = new ArrayList<>();

    @Option(
            names = "--ns",
            paramLabel = "TYPES",
            description =
                    "The types to enter, comma-separated: mnt, uts, ipc, net, pid, user, cgroup, time. By default, every one that differs from nscope's.")
    String ns;

    @Option(names = "--cgroup", description = "Also join the process's cgroups (every hierarchy) before entering.")
    boolean cgroup;

    @Option(
            names = "--user",
            paramLabel = "UID[:GID]",
            description = "Run as this user (numbered as inside the target's user namespace).")
    String user = "";

    @Option(
            names = "--start",
            paramLabel = "TICKS",
            description = "The start time PID must have (field 22 of /proc/PID/stat): a reused PID is refused.")
    Long start;

    @Option(
            names = "--keep-env",
            paramLabel = "NAME",
            split = ",",
            description = "Pass these variables on (the child gets only TERM, HOME, PATH and LANG otherwise).")
    List<String> keepEnv = new ArrayList<>();

    @Option(
            names = "--privileged",
            description =
                    "Into a container: enter without its confinement (all of root's capabilities, no seccomp filter, no_new_privs off).")
    boolean privileged;

    @Override
    public Integer call() {
        int pid;
        Long at = start;
        if (target.matches("\\d{1,10}")) {
            pid = Integer.parseInt(target);
        } else {
            ContainerState c = ContainerCommands.load(target);
            if (!c.running()) throw new UserError("enter: the container " + target + " is " + c.state(), 125);
            pid = c.pid();
            at = c.startTime();
        }
        Long bound = at;
        return fromCommandLine(
                "enter",
                "pid " + pid,
                k -> Entering.process(
                        k,
                        pid,
                        bound,
                        Entering.types(ns),
                        cgroup,
                        user,
                        command,
                        keepEnv,
                        privileged ? null : ContainerEnter::route));
    }

    /**
     * nscope enter and unshare: prepares and runs the launch, returning the
     * child's exit status; a refusal is logged and said in one line (exit 125).
     */
    static int fromCommandLine(String action, String target, Entering.Prepare p) {
        // a one-shot launch makes a few dozen libc calls: jnr-ffi's reflection loader binds each at its first call
        // instead of generating glue for all up front (some 0.1 s less CPU; slower per call, so never for scans);
        // it takes effect only before the binding is first made in this JVM
        if (Kernel.ifLoaded() == null) System.setProperty("jnr.ffi.asm.enabled", "false");
        Kernel k = UserError.kernel(action, 125);
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        Launch l;
        try {
            l = p.launch(k);
        } catch (ActionException e) {
            audited.refused(action, target, e.getMessage());
            throw new UserError(action + ": " + e.getMessage(), 125);
        }
        try {
            return Entering.run(k, audited, l, action, target);
        } catch (ActionException e) {
            throw new UserError(action + ": " + e.getMessage(), 125); // its end line says it too
        }
    }
}
