package nscope.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nscope run: a container made of kernel primitives (namespaces, a cgroup, an overlay root, pivot_root, a veth on a bridge). */
@Command(name = "run", header = "Create and start a container from an image directory or tar archive.",
        mixinStandardHelpOptions = true,
        description = {"Create and start a container from IMAGE (a directory or a tar archive of a root filesystem, never",
                "modified: the container's root is an overlay on it). CMD (default /bin/sh) runs as PID 1 of a new pid",
                "namespace; interactively on a relayed pty, or in the background with -d. Exit status: the container's",
                "when interactive; 125 when it could not be made (every step before the failing one undone)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE") String image;
    @Parameters(index = "1..*", paramLabel = "CMD") List<String> command = new ArrayList<>();

    @Option(names = "--name", description = "Its name (default: generated).") String name;
    @Option(names = "--hostname", description = "Its hostname (default: its name).") String hostname;
    @Option(names = "--userns", description = "Also a user namespace, with you mapped to root in it.") boolean userns;
    @Option(names = "--timens", description = "Also a time namespace.") boolean timens;
    @Option(names = "--memory", paramLabel = "BYTES", description = "Memory limit (32M, 1G): v2 memory.max, else v1 memory.limit_in_bytes.") String memory;
    @Option(names = "--pids", paramLabel = "N", description = "Most processes and threads at once (pids.max).") String pids;
    @Option(names = "--cpu", paramLabel = "CPUS", description = "CPU quota in CPUs (0.5: half of one): v2 cpu.max, else v1 cfs quota.") String cpu;
    @Option(names = "--net", paramLabel = "MODE", defaultValue = "loopback",
            description = "none, loopback (default) or bridge (a veth pair to an nscope bridge, an address of --subnet).") String net;
    @Option(names = "--bridge", paramLabel = "NAME", defaultValue = ContainerCreate.BRIDGE, description = "The bridge (default ${DEFAULT-VALUE}); made when missing, removed with its last container.") String bridge;
    @Option(names = "--subnet", paramLabel = "A.B.C.D/N", defaultValue = ContainerCreate.SUBNET, description = "The bridge's subnet (default ${DEFAULT-VALUE}; the bridge takes .1).") String subnet;
    @Option(names = "--ip", paramLabel = "A.B.C.D", description = "The container's address (default: the first free one).") String ip;
    @Option(names = {"-d", "--detach"}, description = "Run in the background (output in its directory's log).") boolean detach;
    @Option(names = "--rm", description = "Remove it when it exits (interactive only).") boolean rm;
    @Option(names = "--veth-prefix", hidden = true, defaultValue = ContainerCreate.VETH_PREFIX) String vethPrefix;
    @Option(names = "--cgroup-parent", hidden = true, defaultValue = ContainerCreate.CGROUP_PARENT) String cgroupParent;

    @Override public Integer call() {
        Kernel k = UserError.kernel("run", 125);
        if (!AuditLog.isRoot()) throw new UserError("run: making a container needs root", 125);
        String n = name != null ? name : ContainerCreate.generatedName();
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        ContainerCreate.Created c;
        try {
            c = new ContainerCreate(k, audited).create(new ContainerCreate.Options(n, image, userns, timens, hostname != null ? hostname : n,
                    memory, pids, cpu, net, bridge, subnet, ip, vethPrefix, cgroupParent, command, !detach));
        } catch (ActionException e) {
            audited.logged("run", n, false, e.getMessage());
            throw new UserError("run: " + e.getMessage(), 125);
        }
        if (detach) {
            System.out.println(n);
            return 0;
        }
        try {
            Integer code = c.running().attach(false);
            java.nio.file.Files.writeString(c.state().dir().resolve("exit"), code + "\n");
            if (rm) ContainerRemove.remove(k, audited, c.state(), true);
            return code;
        } catch (ActionException | java.io.IOException e) {
            throw new UserError("run: " + n + ": " + e.getMessage(), 125);
        }
    }
}
