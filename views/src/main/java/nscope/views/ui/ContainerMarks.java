package nscope.views.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.views.tree.RowKey;

/**
 * Which rows belong to which of nscope's containers, for every screen: its
 * PID 1's namespaces (and mount namespace), every process and thread in its
 * pid namespace, its monitor (nscope-init, which made its namespaces and
 * waits for its PID 1), its cgroups. Only a PID 1 that still has the start time
 * the container recorded counts.
 */
public final class ContainerMarks {
    private ContainerMarks() {}

    /**
     * A container as the app knows it: its name, PID 1 on the host with its
     * start time, the namespace types made for it ("pid", "net", ...), its
     * cgroups ("memory:/nscope/web").
     */
    public record Container(String name, int pid, long startTime, List<String> namespaces, List<String> cgroups) {}

    /** Row -> container name; one pass over the tasks for all containers together. */
    static Map<RowKey, String> of(Snapshot s, List<Container> containers) {
        Map<RowKey, String> out = new HashMap<>();
        Map<NsId, String> byPidNs = new HashMap<>();
        for (Container c : containers) {
            Task init = s.leader(c.pid())
                    .filter(t -> t.startTime() == c.startTime())
                    .orElse(null);
            if (init == null) continue; // not running, or its PID is another process's now
            for (NsLink l : NsLink.values()) {
                Readout<NsId> r = init.ns(l);
                // only the types made for it: without --userns its user namespace is the host's
                if (!r.known()
                        || l.forChildren()
                        || !c.namespaces().contains(l.kind().label())) continue;
                out.put(new RowKey.Namespace(l.kind(), r.get()), c.name());
                if (l == NsLink.MNT && s.namespaces().containsKey(r.get()))
                    out.put(new RowKey.MountNs(r.get()), c.name());
                if (l == NsLink.PID) byPidNs.put(r.get(), c.name());
            }
            // the parent of its PID 1 (outside its pid namespace: nscope-init's monitor, which made its namespaces and
            // waits
            // for PID 1) belongs to it too
            s.leader(init.ppid()).ifPresent(p -> out.put(RowKey.Task.process(p), c.name()));
            for (String label : c.cgroups()) {
                int colon = label.indexOf(':');
                for (CgroupTree tree : s.cgroups().trees())
                    if (tree.hierarchy().label().equals(label.substring(0, colon)))
                        out.put(new RowKey.Cgroup(tree.hierarchy().device(), label.substring(colon + 1)), c.name());
            }
        }
        if (byPidNs.isEmpty()) return out;
        for (Task t : s.tasks().values()) {
            Readout<NsId> theirs = t.ns(NsLink.PID);
            String name = theirs.known() ? byPidNs.get(theirs.get()) : null;
            if (name != null) out.put(RowKey.Task.of(t), name);
        }
        return out;
    }
}
