package nscope.probes.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nscope.probes.readout.Readout;

/**
 * What changed between two snapshots: tasks (by TID and start time, so a
 * reused TID counts as a new task) and namespaces that appeared or vanished,
 * and tasks that moved to another namespace.
 */
public record SnapshotDiff(
        List<TaskKey> appearedTasks,
        List<TaskKey> vanishedTasks,
        List<Move> moved,
        List<NsId> appearedNamespaces,
        List<NsId> vanishedNamespaces) {

    /** A task whose link now points to another namespace. */
    public record Move(TaskKey task, NsLink link, NsId from, NsId to) {}

    public SnapshotDiff {
        appearedTasks = List.copyOf(appearedTasks);
        vanishedTasks = List.copyOf(vanishedTasks);
        moved = List.copyOf(moved);
        appearedNamespaces = List.copyOf(appearedNamespaces);
        vanishedNamespaces = List.copyOf(vanishedNamespaces);
    }

    public boolean empty() {
        return appearedTasks.isEmpty()
                && vanishedTasks.isEmpty()
                && moved.isEmpty()
                && appearedNamespaces.isEmpty()
                && vanishedNamespaces.isEmpty();
    }

    public static SnapshotDiff between(Snapshot before, Snapshot after) {
        Map<TaskKey, Task> a = byKey(before), b = byKey(after);
        List<TaskKey> appeared = new ArrayList<>(), vanished = new ArrayList<>();
        List<Move> moved = new ArrayList<>();
        for (TaskKey k : b.keySet()) if (!a.containsKey(k)) appeared.add(k);
        for (Map.Entry<TaskKey, Task> e : a.entrySet()) {
            Task now = b.get(e.getKey());
            if (now == null) {
                vanished.add(e.getKey());
                continue;
            }
            for (NsLink l : NsLink.values()) {
                Readout<NsId> was = e.getValue().ns(l), is = now.ns(l);
                if (was.known() && is.known() && !was.get().equals(is.get()))
                    moved.add(new Move(e.getKey(), l, was.get(), is.get()));
            }
        }
        Set<NsId> na = before.namespaces().keySet(), nb = after.namespaces().keySet();
        Set<NsId> nsAppeared = new TreeSet<>(nb), nsVanished = new TreeSet<>(na);
        nsAppeared.removeAll(na);
        nsVanished.removeAll(nb);
        return new SnapshotDiff(appeared, vanished, moved, List.copyOf(nsAppeared), List.copyOf(nsVanished));
    }

    private static Map<TaskKey, Task> byKey(Snapshot s) {
        Map<TaskKey, Task> m = new TreeMap<>();
        for (Task t : s.tasks().values()) m.put(t.key(), t);
        return m;
    }
}
