package nscope.app;

import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.kernel.Kernel;
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
        Kernel k = UserError.kernel("stop", 1);
        try {
            System.err.println("nscope: stop: " + ContainerRemove.stop(k, new Audited(AuditLog.of(System.getenv())), c, time));
        } catch (ActionException e) {
            throw new UserError("stop: " + name + ": " + e.getMessage());
        }
        return 0;
    }
}
