package nscope.app;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nscope.act.ActionException;
import nscope.act.EnterPlan;
import nscope.act.Launch;
import nscope.act.Names;
import nscope.act.Signals;
import nscope.kernel.Kernel;
import nscope.kernel.NsType;

/** Entering a process's namespaces, as nscope enter and the live screen's e and E both do it. */
final class Entering {
    private Entering() {}

    /** Namespace types from "net,mnt,..." (empty or "all": every type the target differs in). */
    static Set<NsType> types(String list) throws ActionException {
        Set<NsType> out = EnumSet.noneOf(NsType.class);
        if (list == null || list.isBlank() || list.trim().equals("all")) return out;
        for (String word : list.split("[,\\s]+")) {
            if (word.isEmpty()) continue;
            NsType t = null;
            for (NsType c : NsType.values()) if (c.link().equals(word) || word.equals("mount") && c == NsType.MNT) t = c;
            if (t == null)
                throw new ActionException("no namespace type " + Names.shown(word) + ": mnt, uts, ipc, net, pid, user, cgroup, time");
            out.add(t);
        }
        return out;
    }

    /**
     * The launch for PID (bound to start, or to the process that has the PID
     * now when start is null), joining its cgroups too if asked.
     */
    static Launch process(Kernel k, int pid, Long start, Set<NsType> types, boolean cgroups, String user,
                          List<String> command, List<String> keepEnv) throws ActionException {
        long at = start != null ? start : Signals.startTime(k, "/proc", pid);
        if (at < 0) throw new ActionException("PID " + pid + " does not exist: nothing started");
        String comm = comm(pid);
        Launch l = EnterPlan.process(k, "/proc", pid, at, types, user, command,
                ChildEnv.of(System.getenv(), keepEnv, ChildEnv.home(user)), comm);
        if (!cgroups) return l;
        try {
            return l.joining(CgroupsOf.process(pid));
        } catch (ActionException e) {
            l.close();
            throw e;
        }
    }

    /** What makes a launch, once libc is bound. */
    interface Prepare { Launch launch(Kernel k) throws ActionException; }

    /**
     * nscope enter and unshare: prepares and runs the launch, returning the
     * child's exit status; a refusal is logged and said in one line (exit 125).
     */
    static int fromCommandLine(String action, String target, Prepare p) {
        Kernel k = UserError.kernel(action, 125);
        Audited audited = new Audited(AuditLog.of(System.getenv()));
        try {
            return run(k, audited, p.launch(k), action, target);
        } catch (ActionException e) {
            audited.logged(action, target, false, e.getMessage());
            throw new UserError(action + ": " + e.getMessage(), 125);
        }
    }

    /** Runs it with its audit line (written when it starts: a shell may run for hours); the child's exit status. */
    static int run(Kernel k, Audited audited, Launch l, String action, String target) throws ActionException {
        return start(k, audited, l, action, target).attach(false);
    }

    /** Starts it with its audit line; attach to relay. */
    static Running start(Kernel k, Audited audited, Launch l, String action, String target) throws ActionException {
        Audited.Outcome o = audited.logged(action, target, true, "started " + l.what());
        if (o.logError() != null) System.err.println("nscope: " + o.logError());
        return new Interactive(k, audited).start(l);
    }

    private static String comm(int pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "comm")).strip();
        } catch (java.io.IOException e) {
            return "?"; // gone: the pidfd check says so in words
        }
    }
}
