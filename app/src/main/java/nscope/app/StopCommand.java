package nscope.app;

import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.act.Signals;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nscope stop NAME: SIGTERM to the container's PID 1, then SIGKILL to all of it after a timeout. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a container: SIGTERM to its PID 1 (bound to its start time), then SIGKILL to every process in its cgroups after --time seconds.")
final class StopCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "10", description = "How long PID 1 has to end after SIGTERM (default ${DEFAULT-VALUE}).") int time;

    @Override public Integer call() throws Exception {
        ContainerState c = Containers.load(name);
        if (!c.running()) {
            System.err.println("nscope: stop: " + name + " is not running");
            return 0;
        }
        Kernel k;
        try {
            k = Kernel.shared();
        } catch (KernelException e) {
            throw new UserError("stop: cannot bind the C library: " + e.getMessage());
        }
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        Audited.Outcome term = audited.signal(k, c.pid(), c.startTime(), Signals.parse("TERM"));
        for (int i = 0; i < time * 10 && c.running(); i++) Thread.sleep(100);
        if (c.running()) {
            // PID 1 of a pid namespace ignores SIGTERM without a handler: the rest is SIGKILL, as docker stop does
            try {
                ContainerRemove.killAll(k, c.cgroups(), null);
                audited.logged("stop", name, true, "SIGKILL to every process after " + time + " s");
            } catch (ActionException e) {
                audited.logged("stop", name, false, e.getMessage());
                throw new UserError("stop: " + name + ": " + e.getMessage());
            }
        } else {
            audited.logged("stop", name, true, "ended by SIGTERM" + (term.ok() ? "" : " (" + term.result() + ")"));
        }
        return 0;
    }
}
