package nscope.views.ui;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;

/**
 * The processes a signal from the selected row goes to: a process (a
 * thread's process, since a signal goes to a whole thread group), or every
 * process of a namespace or of a cgroup, each with its start time.
 */
final class SignalTargets {
    private SignalTargets() {}

    static List<Actions.Target> of(Snapshot s, String id) {
        List<Actions.Target> out = new ArrayList<>();
        if (id == null) return out;
        if (id.startsWith("p:") || id.startsWith("t:")) {
            s.task(Integer.parseInt(id.substring(2, id.indexOf('@')))).flatMap(t -> s.leader(t.tgid())).ifPresent(p -> out.add(target(p)));
        } else if (id.startsWith("ns:")) {
            String[] f = id.split(":");
            Namespace n = s.namespaces().get(new NsId(Long.parseLong(f[1]), Long.parseUnsignedLong(f[2])));
            if (n != null) for (int pid : n.processes()) s.leader(pid).ifPresent(p -> out.add(target(p)));
        } else if (id.startsWith("cg:")) {
            String rest = id.substring(3);
            int colon = rest.indexOf(':', rest.indexOf(':') + 1);
            String device = rest.substring(0, colon), path = rest.substring(colon + 1);
            for (CgroupTree t : s.cgroups().trees()) {
                if (!t.hierarchy().device().equals(device)) continue;
                Cgroup c = t.cgroup(path).orElse(null);
                if (c != null && c.procs().known()) for (int pid : c.procs().get()) s.leader(pid).ifPresent(p -> out.add(target(p)));
            }
        }
        return out;
    }

    /** The cgroup a cgroup row stands for, with its processes' count; null for another row or a cgroup gone. */
    static Actions.CgroupTarget cgroup(Snapshot s, String id) {
        if (id == null || !id.startsWith("cg:")) return null;
        String rest = id.substring(3);
        int colon = rest.indexOf(':', rest.indexOf(':') + 1);
        String device = rest.substring(0, colon), path = rest.substring(colon + 1);
        for (CgroupTree t : s.cgroups().trees())
            if (t.hierarchy().device().equals(device) && t.cgroup(path).isPresent())
                return new Actions.CgroupTarget(t.hierarchy().label(), t.hierarchy().mountPoint(), t.hierarchy().version(), path);
        return null;
    }

    /** Whether the cgroup a row stands for is frozen now (false when not known). */
    static boolean frozen(Snapshot s, String id) {
        String rest = id.substring(3);
        int colon = rest.indexOf(':', rest.indexOf(':') + 1);
        for (CgroupTree t : s.cgroups().trees())
            if (t.hierarchy().device().equals(rest.substring(0, colon)))
                return t.cgroup(rest.substring(colon + 1)).flatMap(nscope.probes.cgroups.CgroupFigures::frozen).orElse(false);
        return false;
    }

    private static Actions.Target target(Task p) { return new Actions.Target(p.tgid(), p.startTime(), p.comm()); }
}
