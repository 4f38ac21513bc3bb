package nscope.probes.model;

import java.util.List;

/**
 * A namespace as a node of the graph.
 *
 * @param tasks     TIDs whose own link points here (threads included)
 * @param processes TGIDs whose leader's link points here (what lsns counts)
 * @param pendingFor TIDs whose pid_for_children/time_for_children points here
 *                  while their own link points elsewhere: their next children
 *                  will live here
 * @param holders   open file descriptors and bind mounts that hold it
 */
public record Namespace(
        NsKind kind,
        NsId id,
        List<Integer> tasks,
        List<Integer> processes,
        List<Integer> pendingFor,
        List<Holder> holders) {
    public Namespace(NsKind kind, NsId id, List<Integer> tasks, List<Integer> processes, List<Integer> pendingFor) {
        this(kind, id, tasks, processes, pendingFor, List.of());
    }

    /** No task is in it or bound for it: only its holders (or its children) keep it alive. */
    public boolean hidden() {
        return tasks.isEmpty() && pendingFor.isEmpty();
    }

    public Namespace withHolders(List<Holder> more) {
        List<Holder> all = new java.util.ArrayList<>(holders);
        all.addAll(more);
        return new Namespace(kind, id, tasks, processes, pendingFor, all);
    }

    public Namespace {
        holders = List.copyOf(holders);
        // sorted, so the first is the lowest (lsns's representative PID)
        tasks = sorted(tasks);
        processes = sorted(processes);
        pendingFor = sorted(pendingFor);
    }

    /** An unmodifiable sorted copy; one already sorted (as a scan builds them) is only copied. */
    private static List<Integer> sorted(List<Integer> l) {
        for (int i = 1; i < l.size(); i++)
            if (l.get(i - 1) > l.get(i)) return l.stream().sorted().toList();
        return List.copyOf(l);
    }
}
