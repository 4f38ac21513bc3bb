package nscope.views.ui.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.actions.Actions;
import nscope.views.screens.Target;

/**
 * What an action on the selected row is for, as the actions take it: the
 * processes a signal goes to (a process; a thread's process, since a signal
 * goes to a whole thread group; every process of a namespace or of a
 * cgroup), each with its start time, and the cgroup a cgroup row stands for.
 */
final class ActionTargets {
    private ActionTargets() {}

    static List<Actions.Target> processes(Snapshot s, Target row) {
        List<Actions.Target> out = new ArrayList<>();
        if (row instanceof Target.OfTask t) out.add(target(t.process()));
        if (row instanceof Target.OfNamespace n)
            n.ns().processes().forEach(pid -> s.leader(pid).ifPresent(p -> out.add(target(p))));
        if (row instanceof Target.OfCgroup c && c.cgroup().procs().known())
            c.cgroup().procs().get().forEach(pid -> s.leader(pid).ifPresent(p -> out.add(target(p))));
        return out;
    }

    /** The cgroup a cgroup row stands for; empty for another row. */
    static Optional<Actions.CgroupTarget> cgroup(Target row) {
        if (!(row instanceof Target.OfCgroup c)) return Optional.empty();
        var h = c.tree().hierarchy();
        return Optional.of(new Actions.CgroupTarget(h.label(), h.mountPoint(), h.version(), c.path()));
    }

    /** Whether the cgroup a row stands for is frozen now (false when not known). */
    static boolean frozen(Target row) {
        return row instanceof Target.OfCgroup c
                && CgroupFigures.frozen(c.cgroup()).orElse(false);
    }

    private static Actions.Target target(Task p) {
        return new Actions.Target(p.tgid(), p.startTime(), p.comm());
    }
}
