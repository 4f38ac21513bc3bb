package nscope.act;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.LibC;
import nscope.kernel.NsType;

/**
 * A command in new namespaces, run by util-linux's unshare in a child
 * process (the multithreaded JVM cannot unshare mnt, user or pid itself).
 * A hostname is set by a fixed script between unshare and the command,
 * the name and the command passed as its arguments, never as its text.
 */
public final class UnsharePlan {
    private UnsharePlan() {}

    public static Launch of(
            Kernel k,
            Set<NsType> types,
            boolean fork,
            boolean mountProc,
            boolean mapRoot,
            String hostname,
            List<String> command,
            Map<String, String> env)
            throws ActionException {
        if (types.isEmpty() && !mountProc && !mapRoot)
            throw new ActionException("choose at least one namespace type to unshare");
        List<String> argv = new ArrayList<>(List.of("unshare"));
        for (NsType t : types) argv.add(EnterPlan.option(t));
        if (fork) argv.add("--fork");
        if (mountProc) argv.add("--mount-proc");
        if (mapRoot) argv.add("--map-root-user");
        boolean uts = types.contains(NsType.UTS);
        if (hostname != null && !hostname.isEmpty()) {
            checkHostname(hostname);
            if (!uts)
                throw new ActionException(
                        "a hostname needs a new uts namespace (the host's own name is not changed from here)");
        }
        argv.add("--");
        if (hostname != null && !hostname.isEmpty())
            argv.addAll(
                    List.of("/bin/sh", "-c", "hostname \"$1\" && shift && exec \"$@\"", "nscope-unshare", hostname));
        List<String> cmd = command;
        if (cmd.isEmpty()) {
            try (Fd root = k.open("/", LibC.O_RDONLY | LibC.O_DIRECTORY)) {
                cmd = List.of(
                        EnterPlan.shell(k, root, env.get("SHELL") != null ? env.get("SHELL") : System.getenv("SHELL")));
            } catch (KernelException e) {
                throw new ActionException("cannot open /: " + e.getMessage());
            }
        }
        argv.addAll(cmd);
        List<String> names = types.stream().map(NsType::link).toList();
        String what = (command.isEmpty() ? "a shell" : String.join(" ", command)) + " in new " + String.join(" ", names)
                + " namespaces" + (fork ? ", forked" : "") + (mountProc ? ", with its own /proc" : "")
                + (mapRoot ? ", you as root" : "")
                + (hostname == null || hostname.isEmpty() ? "" : ", hostname " + hostname);
        return new Launch(argv, env, List.of(), List.of(), what);
    }

    /** A hostname as RFC 1123 allows it: letters, digits, '-' and '.', at most 64 bytes. */
    public static void checkHostname(String name) throws ActionException {
        Names.check(name, "a hostname");
        if (name.length() > 64 || !name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"))
            throw new ActionException(
                    "a hostname is letters, digits, '-' and '.', at most 64: not " + Names.shown(name));
    }
}
