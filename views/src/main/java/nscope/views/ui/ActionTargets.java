package nscope.views.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.model.Namespace;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.screens.CgroupRows;
import nscope.views.screens.NamespaceRows;
import nscope.views.screens.ProcessRows;

/**
 * What an action on the selected row is for: the processes a signal goes to
 * (a process; a thread's process, since a signal goes to a whole thread
 * group; every process of a namespace or of a cgroup), each with its start
 * time, and the cgroup a cgroup row stands for.
 */
final class ActionTargets {
    private ActionTargets() {}

    static List<Actions.Target> processes(Snapshot s, String id) {
        List<Actions.Target> out = new ArrayList<>();
        var tid = ProcessRows.tidOf(id);
        if (tid.isPresent()) s.task(tid.getAsInt()).flatMap(t -> s.leader(t.tgid())).ifPresent(p -> out.add(target(p)));
        NamespaceRows.nsIdOf(id).map(s.namespaces()::get).map(Namespace::processes)
                .ifPresent(pids -> pids.forEach(pid -> s.leader(pid).ifPresent(p -> out.add(target(p)))));
        CgroupRows.cgroupOf(s, id).filter(f -> f.cgroup().procs().known())
                .ifPresent(f -> f.cgroup().procs().get().forEach(pid -> s.leader(pid).ifPresent(p -> out.add(target(p)))));
        return out;
    }

    /** The cgroup a cgroup row stands for; empty for another row or a cgroup gone. */
    static Optional<Actions.CgroupTarget> cgroup(Snapshot s, String id) {
        return CgroupRows.cgroupOf(s, id).map(f -> new Actions.CgroupTarget(f.tree().hierarchy().label(),
                f.tree().hierarchy().mountPoint(), f.tree().hierarchy().version(), f.path()));
    }

    /** Whether the cgroup a row stands for is frozen now (false when not known). */
    static boolean frozen(Snapshot s, String id) {
        return CgroupRows.cgroupOf(s, id).flatMap(f -> CgroupFigures.frozen(f.cgroup())).orElse(false);
    }

    private static Actions.Target target(Task p) { return new Actions.Target(p.tgid(), p.startTime(), p.comm()); }
}
