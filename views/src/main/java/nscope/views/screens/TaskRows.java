package nscope.views.screens;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.tree.Node;

/**
 * The processes screen's rows kept from its last build, by task identity: a
 * live refresh carries most tasks over as the very objects of the refresh
 * before (only those read again are new), so their cells, and a thread's
 * whole row, need not be made again. Making 12,000 rows' cells and marks
 * every refresh was most of the screen's own CPU and garbage on a big host.
 * A memo only: what it gives is what would be made, so it changes no result.
 * Builds take turns (the scanning thread, the rows thread, the warm-up).
 */
final class TaskRows {
    /** A thread's row, with what its mark was made from besides the thread: its leader and the cgroup trees. */
    private record Thread(Task lead, Cgroups cgroups, Node node) {}

    private Map<Long, String> names = Map.of();
    private IdentityHashMap<Task, Object> last = new IdentityHashMap<>();
    private IdentityHashMap<Task, Object> next = new IdentityHashMap<>();

    /** Starts a build from a snapshot: cells made with other user names are not kept. */
    void start(Snapshot s) {
        if (!names.equals(s.userNames())) last.clear();
        names = s.userNames();
        next.clear();
    }

    /**
     * Ends a build: what it did not use is let go. The two tables take turns, cleared, not made anew: a
     * new one each build (65,000 slots for 12,000 tasks) lived until the next and was promoted.
     */
    void end() {
        IdentityHashMap<Task, Object> used = last;
        last = next;
        next = used;
        next.clear();
    }

    @SuppressWarnings("unchecked")
    List<String> cells(Task t, Supplier<List<String>> make) {
        Object kept = last.get(t);
        List<String> cells = kept instanceof List<?> l ? (List<String>) l : make.get();
        next.put(t, cells);
        return cells;
    }

    Node thread(Snapshot s, Task t, Supplier<Node> make) {
        Task lead = s.tasks().get(t.tgid());
        Object kept = last.get(t);
        if (kept instanceof Thread k && k.lead() == lead && k.cgroups() == s.cgroups()) {
            next.put(t, k); // the same record: nothing new is held
            return k.node();
        }
        Node node = make.get();
        next.put(t, new Thread(lead, s.cgroups(), node));
        return node;
    }
}
