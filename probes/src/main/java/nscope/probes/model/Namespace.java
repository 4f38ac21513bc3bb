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
 */
public record Namespace(NsKind kind, NsId id, List<Integer> tasks, List<Integer> processes,
                        List<Integer> pendingFor) {
    public Namespace {
        tasks = List.copyOf(tasks);
        processes = List.copyOf(processes);
        pendingFor = List.copyOf(pendingFor);
    }
}
