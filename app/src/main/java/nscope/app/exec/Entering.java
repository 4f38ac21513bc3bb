package nscope.app.exec;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nscope.act.ActionException;
import nscope.act.EnterPlan;
import nscope.act.Launch;
import nscope.act.Names;
import nscope.act.Signals;
import nscope.app.audit.Audited;
import nscope.kernel.Kernel;
import nscope.kernel.NsType;

/** Entering a process's namespaces, as nscope enter and the live screen's e and E both do it. */
public final class Entering {
    private Entering() {}

    /** Namespace types from "net,mnt,..." (empty or "all": every type the target differs in). */
    public static Set<NsType> types(String list) throws ActionException {
        Set<NsType> out = EnumSet.noneOf(NsType.class);
        if (list == null || list.isBlank() || list.trim().equals("all")) return out;
        for (String word : list.split("[,\\s]+")) {
            if (word.isEmpty()) continue;
            NsType t = null;
            for (NsType c : NsType.values())
                if (c.link().equals(word) || word.equals("mount") && c == NsType.MNT) t = c;
            if (t == null)
                throw new ActionException(
                        "no namespace type " + Names.shown(word) + ": mnt, uts, ipc, net, pid, user, cgroup, time");
            out.add(t);
        }
        return out;
    }

    /**
     * The launch for PID (bound to start, or to the process that has the PID
     * now when start is null), joining its cgroups too if asked. A process
     * of one of nscope's containers is entered with the container's
     * confinement and cgroups, as docker exec does: the route says how, or
     * nothing for another process (null: no route, as with --privileged).
     */
    public static Launch process(
            Kernel k,
            int pid,
            Long start,
            Set<NsType> types,
            boolean cgroups,
            String user,
            List<String> command,
            List<String> keepEnv,
            ContainerRoute route)
            throws ActionException {
        return process(k, pid, start, null, types, cgroups, user, command, keepEnv, route);
    }

    /**
     * The same for one thread of the process (null: the process): the
     * thread's own namespaces, root and directory. A container's process is
     * entered as the container, whichever thread was chosen: its threads share
     * its confinement.
     */
    public static Launch process(
            Kernel k,
            int pid,
            Long start,
            nscope.act.Bound.Thread thread,
            Set<NsType> types,
            boolean cgroups,
            String user,
            List<String> command,
            List<String> keepEnv,
            ContainerRoute route)
            throws ActionException {
        ChildEnv.checkNames(keepEnv);
        long at = start != null ? start : Signals.startTime(k, "/proc", pid);
        if (at < 0) throw new ActionException("PID " + pid + " does not exist: nothing started");
        nscope.act.Bound.refuseUnfit(k, "/proc", pid, "nothing started");
        if (pid == 1 && ProcStat.of(1).isPresent() && !readable("/proc/1/ns/mnt"))
            throw new ActionException(
                    "PID 1 (the host's init) refuses even root here: its namespace files cannot be opened"
                            + " (a ptrace or security-module rule of this host); nothing started");
        if (route != null) {
            var l = route.launch(k, pid, at, user, command, keepEnv);
            if (l.isPresent()) return l.get();
        }
        String comm = comm(pid);
        Launch l = EnterPlan.process(
                k,
                "/proc",
                pid,
                at,
                thread,
                types,
                user,
                command,
                ChildEnv.of(System.getenv(), keepEnv, ChildEnv.home(user)),
                comm);
        if (!cgroups) return l;
        try {
            return l.joining(CgroupsOf.process(pid));
        } catch (ActionException e) {
            l.close();
            throw e;
        }
    }

    private static boolean readable(String path) {
        try (var c = java.nio.channels.FileChannel.open(java.nio.file.Path.of(path))) {
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** How a process of one of nscope's containers is entered; empty for any other process. */
    public interface ContainerRoute {
        java.util.Optional<Launch> launch(
                Kernel k, int pid, long start, String user, List<String> command, List<String> keepEnv)
                throws ActionException;
    }

    /** What makes a launch, once libc is bound. */
    public interface Prepare {
        Launch launch(Kernel k) throws ActionException;
    }

    /** Runs it with its audit line (written when it starts: a shell may run for hours); the child's exit status. */
    public static int run(Kernel k, Audited audited, Launch l, String action, String target) throws ActionException {
        return start(k, audited, l, action, target).attach(false);
    }

    /**
     * Starts it with its audit lines: one before it starts (refused, with
     * nothing started, when the log cannot be written), one with its exit
     * status when it ends; attach to relay.
     */
    public static Running start(Kernel k, Audited audited, Launch l, String action, String target)
            throws ActionException {
        Audited.Change c = audited.begin(action, target, "start " + l.what());
        Running r;
        try {
            r = new Interactive(k, audited).start(l);
        } catch (ActionException | RuntimeException e) {
            c.end(false, String.valueOf(e.getMessage()));
            throw e;
        }
        return r.onEnd(code ->
                c.end(code >= 0, code < 0 ? "ended by nscope: " + l.what() : "exit status " + code + ": " + l.what()));
    }

    private static String comm(int pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "comm"))
                    .strip();
        } catch (java.io.IOException e) {
            return "?"; // gone: the pidfd check says so in words
        }
    }
}
