package nscope.app;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.act.UnsharePlan;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NsType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nscope unshare: a shell (or a command) in new namespaces, on a pty of its own when run from a terminal. */
@Command(name = "unshare", mixinStandardHelpOptions = true,
        description = {"Run a shell or CMD in new namespaces (util-linux's unshare in a child process). From a terminal",
                "the child gets a pseudo-terminal of its own that nscope relays. Exit status: the child's; 125 when",
                "nscope could not start it."})
final class UnshareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CMD", description = "The command and its arguments (after --); default a shell.")
    List<String> command = new ArrayList<>();

    @Option(names = "--ns", paramLabel = "TYPES", defaultValue = "mnt,uts,ipc,net,pid,cgroup",
            description = "Comma-separated types to unshare: mnt,uts,ipc,net,pid,user,cgroup,time (default ${DEFAULT-VALUE}).")
    String ns;

    @Option(names = "--fork", description = "Fork before running CMD (so it is PID 1 of a new pid namespace).")
    boolean fork;

    @Option(names = "--mount-proc", description = "Mount a /proc of the new pid namespace (implies a new mount namespace).")
    boolean mountProc;

    @Option(names = "--map-root", description = "Map the caller to root in a new user namespace (implies --ns user).")
    boolean mapRoot;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The hostname inside (needs a new uts namespace).")
    String hostname = "";

    @Option(names = "--keep-env", paramLabel = "NAME", split = ",",
            description = "Pass these variables on (the child gets only TERM, HOME, PATH and LANG otherwise).")
    List<String> keepEnv = new ArrayList<>();

    @Override public Integer call() {
        Kernel k;
        try {
            k = Kernel.shared();
        } catch (KernelException e) {
            throw new UserError("unshare: cannot bind the C library: " + e.getMessage(), 125);
        }
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        try {
            EnumSet<NsType> types = EnumSet.noneOf(NsType.class);
            types.addAll(Entering.types(ns));
            if (mapRoot) types.add(NsType.USER);
            if (mountProc) types.add(NsType.MNT);
            Launch l = UnsharePlan.of(k, types, fork, mountProc, mapRoot, hostname, command,
                    ChildEnv.of(System.getenv(), keepEnv, ChildEnv.home("")));
            return Entering.run(k, audited, l, "unshare", String.join(",", types.stream().map(NsType::link).toList()));
        } catch (ActionException e) {
            audited.logged("unshare", ns, false, e.getMessage());
            throw new UserError("unshare: " + e.getMessage(), 125);
        }
    }
}
