package nscope.app;

import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nscope rm NAME: everything the container made, removed. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove a stopped container and all it made: cgroups, veth, the bridge with its last container, its writable layer and its state.")
final class RmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = {"-f", "--force"}, description = "Also a running one: its processes are killed first.") boolean force;

    @Override public Integer call() throws Exception {
        ContainerState c = Containers.load(name);
        if (c.running() && !force) throw new UserError("rm: " + name + " is running: stop it first (nscope stop " + name + "), or use --force");
        Kernel k = UserError.kernel("rm", 1);
        try {
            ContainerRemove.remove(k, new Audited(AuditLog.of(System.getenv())), c, force);
        } catch (ActionException e) {
            throw new UserError("rm: " + name + ": " + e.getMessage());
        }
        return 0;
    }
}
