package nscope.app.cli.act;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.cli.common.UserError;
import nscope.app.container.ContainerCreate;
import nscope.app.container.ContainerRemove;
import nscope.app.container.ContainerState;
import nscope.app.container.Containers;
import nscope.app.container.confine.Confinement;
import nscope.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The container commands: nscope run, ps, stop and rm (the engine is nscope.app.container). */
public final class ContainerCommands {
    private ContainerCommands() {}

    /** A container by name, or the user's mistake in one line. */
    static ContainerState load(String name) {
        try {
            return Containers.load(name);
        } catch (ActionException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Create and start a container from an image directory or tar archive.",
                "IMAGE is a directory or a tar archive of a root filesystem. It is never modified: the container's root is an overlay on it. CMD (default /bin/sh) runs as PID 1 of a new pid namespace, interactively on a relayed pseudo-terminal (through pipes when the input is not a terminal), or in the background with -d.",
                "The container is confined as Docker confines by default: 14 capabilities, no_new_privs, Docker's seccomp profile, masked and read-only /proc and /sys paths, and a device allow list.",
                "Exit status: the container's when interactive; 125 when it could not be made (every step before the failing one is undone)."
            })
    public static final class Run implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "IMAGE",
                description = "A root filesystem: a directory, or a tar archive (plain or gzip).")
        String image;

        @Parameters(
                index = "1..*",
                paramLabel = "CMD",
                description = "The command and its arguments (after --); default /bin/sh.")
        List<String> command = new ArrayList<>();

        @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: generated).")
        String name;

        @Option(names = "--hostname", paramLabel = "NAME", description = "Its hostname (default: its name).")
        String hostname;

        @Option(
                names = "--userns",
                description =
                        "Also a user namespace: its root is an unprivileged host id range of root's in /etc/subuid.")
        boolean userns;

        @Option(names = "--timens", description = "Also a time namespace.")
        boolean timens;

        @Option(
                names = "--memory",
                paramLabel = "BYTES",
                description = "Memory limit (32M, 1G; at least 4M): v2 memory.max, else v1 memory.limit_in_bytes.")
        String memory;

        @Option(
                names = "--pids",
                paramLabel = "N",
                description = "Most processes and threads at once (pids.max), 1 to 4194304.")
        String pids;

        @Option(
                names = "--cpu",
                paramLabel = "CPUS",
                description = "CPU quota in CPUs (0.5: half of one): v2 cpu.max, else v1 cfs quota.")
        String cpu;

        @Option(
                names = "--net",
                paramLabel = "MODE",
                defaultValue = "loopback",
                description =
                        "none, loopback (default) or bridge (a veth pair to an nscope bridge, an address of --subnet).")
        String net;

        @Option(
                names = "--bridge",
                paramLabel = "NAME",
                defaultValue = ContainerCreate.BRIDGE,
                description =
                        "The bridge (default ${DEFAULT-VALUE}); made when missing, removed with its last container.")
        String bridge;

        @Option(
                names = "--subnet",
                paramLabel = "A.B.C.D/N",
                defaultValue = ContainerCreate.SUBNET,
                description = "The bridge's subnet (default ${DEFAULT-VALUE}; the bridge takes .1).")
        String subnet;

        @Option(
                names = "--ip",
                paramLabel = "A.B.C.D",
                description = "The container's address (default: the first free one).")
        String ip;

        @Option(
                names = {"-d", "--detach"},
                description = "Run in the background (output in its directory's log).")
        boolean detach;

        @Option(names = "--rm", description = "Remove it when it exits (interactive only).")
        boolean rm;

        @Option(
                names = "--user",
                paramLabel = "UID[:GID]",
                description = "Run the command as this numeric user (default root).")
        String user;

        @Option(names = "--read-only", description = "Mount its root read-only.")
        boolean readOnly;

        @Option(
                names = "--cap-add",
                paramLabel = "CAP",
                split = ",",
                description = "Capabilities to add to Docker's 14 (NET_ADMIN, ...; ALL: every one).")
        List<String> capAdd = new ArrayList<>();

        @Option(
                names = "--cap-drop",
                paramLabel = "CAP",
                split = ",",
                description = "Capabilities to drop (ALL: every one).")
        List<String> capDrop = new ArrayList<>();

        @Option(
                names = "--privileged",
                description = "Every capability nscope has, no seccomp filter, no masked paths, every device.")
        boolean privileged;

        @Option(
                names = "--allow-new-privileges",
                description = "Let setuid programs gain privileges (no_new_privs is set otherwise).")
        boolean allowNewPrivileges;

        @Option(
                names = "--security-opt",
                paramLabel = "OPT",
                description = "seccomp=unconfined (no filter), no-new-privileges[=true|false].")
        List<String> securityOpts = new ArrayList<>();

        @Option(names = "--veth-prefix", hidden = true, defaultValue = ContainerCreate.VETH_PREFIX)
        String vethPrefix;

        @Option(names = "--cgroup-parent", hidden = true, defaultValue = ContainerCreate.CGROUP_PARENT)
        String cgroupParent;

        @Override
        public Integer call() {
            Kernel k = UserError.kernel("run", 125);
            if (!AuditLog.isRoot()) throw new UserError("run: making a container needs root", 125);
            if (rm && detach)
                throw new UserError(
                        "run: --rm is for an interactive run (remove a background one with nscope rm)", 125);
            Audited audited = new Audited(AuditLog.of(System.getenv()));
            ContainerCreate.Created c;
            String n = name;
            try {
                if (n == null) n = ContainerCreate.generatedName();
                Confinement conf =
                        Confinement.of(capAdd, capDrop, privileged, allowNewPrivileges, securityOpts, readOnly, user);
                c = new ContainerCreate(k, audited)
                        .create(new ContainerCreate.Options(
                                n,
                                image,
                                userns,
                                timens,
                                hostname != null ? hostname : n,
                                memory,
                                pids,
                                cpu,
                                net,
                                bridge,
                                subnet,
                                ip,
                                vethPrefix,
                                cgroupParent,
                                command,
                                !detach,
                                conf));
            } catch (ActionException e) {
                throw new UserError("run: " + e.getMessage(), 125);
            }
            if (detach) {
                System.out.println(n);
                return 0;
            }
            try {
                Integer code = c.running().attach(false);
                if (rm) ContainerRemove.remove(k, audited, ContainerState.load(n), true);
                return code;
            } catch (ActionException | java.io.IOException e) {
                throw new UserError("run: " + n + ": " + e.getMessage(), 125);
            }
        }
    }

    @Command(
            name = "ps",
            mixinStandardHelpOptions = true,
            description = {
                "List nscope's containers: name, state, PID 1 on the host, image, limits, address, uptime.",
                "The state is running, exited (N), creating (an nscope is making it now) or broken (the nscope making it was killed: nscope rm -f NAME removes what it made)."
            })
    public static final class Ps implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            for (String line : Containers.table(ContainerState.all())) System.out.println(line);
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Stop a container: SIGTERM to its PID 1, then SIGKILL to all of it.",
                "SIGTERM goes to PID 1, bound to its start time; after --time seconds, SIGKILL goes to every process in the container's cgroups."
            })
    public static final class Stop implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The container (nscope ps lists them).")
        String name;

        @Option(
                names = "--time",
                paramLabel = "SECONDS",
                defaultValue = "10",
                description = "How long PID 1 has to end after SIGTERM (default ${DEFAULT-VALUE}).")
        int time;

        @Override
        public Integer call() throws Exception {
            ContainerState c = load(name);
            if (!c.running()) {
                System.err.println("nscope: stop: " + name + " is not running");
                return 0;
            }
            Kernel k = UserError.kernel("stop", 1);
            try {
                System.err.println(
                        "nscope: stop: " + ContainerRemove.stop(k, new Audited(AuditLog.of(System.getenv())), c, time));
            } catch (ActionException e) {
                throw new UserError("stop: " + name + ": " + e.getMessage());
            }
            return 0;
        }
    }

    @Command(
            name = "rm",
            mixinStandardHelpOptions = true,
            description = {
                "Remove a stopped container and everything it made.",
                "That is its cgroups, its veth pair, the bridge with its last container, its writable layer and its state."
            })
    public static final class Rm implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The container (nscope ps lists them).")
        String name;

        @Option(
                names = {"-f", "--force"},
                description = "Also a running one: its processes are killed first.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            ContainerState c = load(name);
            if (c.running() && !force)
                throw new UserError(
                        "rm: " + name + " is running: stop it first (nscope stop " + name + "), or use --force");
            Kernel k = UserError.kernel("rm", 1);
            try {
                ContainerRemove.remove(k, new Audited(AuditLog.of(System.getenv())), c, force);
            } catch (ActionException e) {
                throw new UserError("rm: " + name + ": " + e.getMessage());
            }
            return 0;
        }
    }
}
