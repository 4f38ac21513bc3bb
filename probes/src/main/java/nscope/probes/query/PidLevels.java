package nscope.probes.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * A pid namespace's numbering, from its members' NSpid lines (outermost
 * first, starting at the pid namespace nscope's /proc shows, level 0): its
 * level, its PID 1 (the member whose last NSpid is 1) and each task's PID at
 * that level; and the tasks that unshared a new pid namespace below it that
 * has no PID 1 yet (pid_for_children answers ENOENT until one is born).
 */
public final class PidLevels {
    private PidLevels() {}

    /** The namespace's level: from its facts, else a member's NSpid; empty when neither was read. */
    public static Optional<Integer> level(Snapshot s, Namespace n) {
        if (n.kind() != NsKind.PID) return Optional.empty();
        Optional<Readout<NsFacts>> f = s.facts(n.id());
        if (f.isPresent() && f.get().known() && f.get().get() instanceof NsFacts.Pid p) return Optional.of(p.level());
        for (int tid : n.tasks()) {
            Task t = s.tasks().get(tid);
            if (t != null && t.nsPid().known() && !t.nsPid().get().isEmpty())
                return Optional.of(t.nsPid().get().size() - 1);
        }
        return Optional.empty();
    }

    /** Its PID 1: the member process whose PID at the namespace's own level is 1; empty when none was read. */
    public static Optional<Task> init(Snapshot s, Namespace n) {
        if (n.kind() != NsKind.PID) return Optional.empty();
        for (int pid : n.processes()) {
            Task t = s.tasks().get(pid);
            if (t == null || !t.nsPid().known()) continue;
            List<Integer> ns = t.nsPid().get();
            if (!ns.isEmpty() && ns.get(ns.size() - 1) == 1) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** The task's PID (for a thread, its TID) as a pid namespace at this level numbers it; empty when it has none there. */
    public static Optional<Integer> at(Task t, int level) {
        if (!t.nsPid().known() || level < 0 || t.nsPid().get().size() <= level) return Optional.empty();
        return Optional.of(t.nsPid().get().get(level));
    }

    /**
     * The tasks in this pid namespace that unshared a new one below it that
     * has no PID 1 yet: their next child becomes its PID 1. The kernel gives
     * no inode for that namespace until then, so it is known only this way.
     */
    public static List<Task> awaitingInit(Snapshot s, NsId pidNs) {
        List<Task> out = new ArrayList<>();
        for (Task t : s.tasks().values()) {
            Readout<NsId> own = t.ns(NsLink.PID), next = t.ns(NsLink.PID_FOR_CHILDREN);
            if (own.known()
                    && own.get().equals(pidNs)
                    && !next.known()
                    && next.why().reason() == Unknown.Reason.NO_PID1_YET) out.add(t);
        }
        return out;
    }
}
