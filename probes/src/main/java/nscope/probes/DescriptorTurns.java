package nscope.probes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which processes read whole by a refresh have their descriptors (/proc/PID/fd) read too: the new, reused
 * and pinned ones always, the others of the slice every second time ({@link Refresher#TURNS}). Descriptors
 * seldom change, are in no freshness promise, and cost a fifth of what a process's tasks do.
 */
final class DescriptorTurns {
    /** Processes whose descriptors were left out the last time they were read whole. */
    private final Set<Integer> deferred = new HashSet<>();

    /**
     * The processes whose descriptors are read now, in PID order.
     *
     * @param tgids  every process listed now, in PID order
     * @param whole  those read whole now
     * @param urgent of those, the new, reused and pinned ones
     * @param listed every process listed now (the others are forgotten)
     */
    List<Integer> now(List<Integer> tgids, Set<Integer> whole, Set<Integer> urgent, Set<Integer> listed) {
        deferred.retainAll(listed);
        List<Integer> out = new ArrayList<>();
        for (int tgid : tgids) {
            if (!whole.contains(tgid)) continue;
            if (urgent.contains(tgid)) deferred.remove(tgid);
            else if (!deferred.remove(tgid)) {
                deferred.add(tgid); // read the next time
                continue;
            }
            out.add(tgid);
        }
        return out;
    }
}
