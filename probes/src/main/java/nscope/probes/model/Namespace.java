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
        // sorted, so the first is the lowest (lsns's representative PID)
        tasks = tasks.stream().sorted().toList();
        processes = processes.stream().sorted().toList();
        pendingFor = pendingFor.stream().sorted().toList();
    }
}
