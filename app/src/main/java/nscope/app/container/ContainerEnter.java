package nscope.app.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.act.ActionException;
import nscope.act.EnterPlan;
import nscope.act.Launch;
import nscope.app.container.confine.Confinement;
import nscope.app.container.confine.InitHelper;
import nscope.app.exec.ChildEnv;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.NsType;

/**
 * Entering one of nscope's containers as docker exec does: the process's
 * namespaces of the types made for the container, its cgroups, and its
 * confinement (capabilities, no_new_privs, seccomp filter, user), applied
 * by nscope-init exec from the container's confine.conf. With --privileged
 * the caller enters without them (nsenter, as for any other process).
 */
public final class ContainerEnter {
    private ContainerEnter() {}

    /** The running container whose pid namespace holds PID, if any. */
    static Optional<ContainerState> owning(int pid) {
        String theirs = link("/proc/" + pid + "/ns/pid");
        if (theirs == null) return Optional.empty();
        try {
            for (ContainerState c : ContainerState.all())
                if (c.running() && theirs.equals(link("/proc/" + c.pid() + "/ns/pid"))) return Optional.of(c);
        } catch (java.io.IOException e) {
            return Optional.empty(); // no state readable: no container to confine to
        }
        return Optional.empty();
    }

    private static String link(String p) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(p))
                    .toString();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Entering.ContainerRoute: the confined launch when PID is in one of nscope's containers. */
    public static Optional<Launch> route(
            Kernel k, int pid, long start, String user, List<String> command, List<String> keepEnv)
            throws ActionException {
        Optional<ContainerState> c = owning(pid);
        return c.isPresent() ? Optional.of(launch(k, c.get(), pid, start, user, command, keepEnv)) : Optional.empty();
    }

    /** The helper's launch into PID (bound to start), a process of the container c. */
    static Launch launch(
            Kernel k, ContainerState c, int pid, long start, String user, List<String> command, List<String> keepEnv)
            throws ActionException {
        List<NsType> types = new ArrayList<>();
        for (NsType t : List.of(
                NsType.USER, NsType.CGROUP, NsType.IPC, NsType.UTS, NsType.NET, NsType.PID, NsType.TIME, NsType.MNT))
            if (c.namespaces().contains(t.link())) types.add(t);
        List<Fd> held = new ArrayList<>();
        try {
            List<String> ns = EnterPlan.helperOptions(k, "/proc", pid, start, types, held);
            List<String> cmd = command.isEmpty() ? List.of(EnterPlan.shellIn(k, "/proc", pid)) : command;
            String u = Confinement.user(user);
            if (u == null && c.confinement() != null) u = c.confinement().user();
            String home = u == null || u.startsWith("0:") ? "/root" : "/";
            List<String> env = new ArrayList<>();
            ChildEnv.of(System.getenv(), keepEnv, home).forEach((name, value) -> env.add(name + "=" + value));
            List<String> argv =
                    InitHelper.execArgv(InitHelper.binary(), c.dir().resolve("confine.conf"), ns, u, env, cmd);
            String what = (command.isEmpty() ? "a shell" : String.join(" ", command)) + " in the container " + c.name()
                    + " (PID " + pid + "), confined as it is"
                    + (c.confinement() == null ? "" : ": " + c.confinement().summary());
            return new Launch(
                            argv,
                            java.util.Map.of("PATH", ChildEnv.PATH),
                            held,
                            c.cgroups().stream()
                                    .map(g -> new Launch.CgroupJoin(g.mountPoint(), g.version(), g.path(), g.label()))
                                    .toList(),
                            what)
                    .byHelper(true);
        } catch (ActionException | RuntimeException e) {
            held.forEach(Fd::close);
            throw e;
        }
    }
}
