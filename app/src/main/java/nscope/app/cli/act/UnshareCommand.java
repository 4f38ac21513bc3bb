package nscope.app.cli.act;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.UnsharePlan;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.Entering;
import nscope.kernel.NsType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nscope unshare: a shell (or a command) in new namespaces, on a pty of its own when run from a terminal. */
@Command(
        name = "unshare",
        mixinStandardHelpOptions = true,
        description = {
            "Run a shell or a command in new namespaces.",
            "util-linux's unshare runs in a child process; from a terminal the child gets a pseudo-terminal of its own that nscope relays.",
            "Exit status: the child's; 125 when nscope could not start it."
        })
public final class UnshareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CMD", description = "The command and its arguments (after --); default a shell.")
    List<String> command = new ArrayList<>();

    @Option(
            names = "--ns",
            paramLabel = "TYPES",
            defaultValue = "mnt,uts,ipc,net,pid,cgroup",
            description =
                    "The types to unshare, comma-separated: mnt, uts, ipc, net, pid, user, cgroup, time (default ${DEFAULT-VALUE}).")
    String ns;

    @Option(names = "--fork", description = "Fork before running CMD (so it is PID 1 of a new pid namespace).")
    boolean fork;

    @Option(
            names = "--mount-proc",
            description = "Mount a /proc of the new pid namespace (implies a new mount namespace).")
    boolean mountProc;

    @Option(names = "--map-root", description = "Map the caller to root in a new user namespace (implies --ns user).")
    boolean mapRoot;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The hostname inside (needs a new uts namespace).")
    String hostname = "";

    @Option(
            names = "--keep-env",
            paramLabel = "NAME",
            split = ",",
            description = "Pass these variables on (the child gets only TERM, HOME, PATH and LANG otherwise).")
    List<String> keepEnv = new ArrayList<>();

    @Override
    public Integer call() {
        return EnterCommand.fromCommandLine("unshare", ns, k -> {
            ChildEnv.checkNames(keepEnv);
            EnumSet<NsType> types = EnumSet.noneOf(NsType.class);
            types.addAll(Entering.types(ns));
            if (mapRoot) types.add(NsType.USER);
            if (mountProc) types.add(NsType.MNT);
            return UnsharePlan.of(
                    k,
                    types,
                    fork,
                    mountProc,
                    mapRoot,
                    hostname,
                    command,
                    ChildEnv.of(System.getenv(), keepEnv, ChildEnv.home("")));
        });
    }
}
