package nscope.app.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsRelations;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * A snapshot taken apart into keyed maps, the unit a delta changes: tasks by
 * TID, namespaces, relations and facts by namespace, user names by UID,
 * cgroups by "TREE/PATH" (TREE the hierarchy's index) and each process's
 * cgroup lines by PID; the rest are single values. Mutable: a reader applies
 * entries to it, then makes the snapshot.
 */
final class HostState {
    /** A keyed part: its name in an entry, its key's and its value's types. */
    record Part(String name, java.lang.reflect.Type key, java.lang.reflect.Type value) {}

    static final List<Part> PARTS = List.of(
            new Part("tasks", Integer.class, Task.class),
            new Part("namespaces", NsId.class, Namespace.class),
            new Part("users", Long.class, String.class),
            new Part("relations", NsId.class, Types.readout(NsRelations.class)),
            new Part("facts", NsId.class, Types.readout(NsFacts.class)),
            new Part("cgroups", String.class, Cgroup.class),
            new Part("cgroupLines", Integer.class, Types.readout(Types.list(CgroupLine.class))));

    Instant takenAt = Instant.EPOCH;
    String source = "";
    Scope scope = Scope.TASKS;
    Readout<Instant> bootTime = Readout.unknown(Unknown.Reason.NOT_PROVIDED, "the boot time was not read");
    List<ScanProblem> problems = List.of();
    List<Hierarchy> hierarchies = List.of();
    long sampledNanos;
    /** The keyed parts, in the order of {@link #PARTS}. */
    final List<Map<Object, Object>> maps = new ArrayList<>();

    HostState() {
        for (int i = 0; i < PARTS.size(); i++) maps.add(new HashMap<>());
    }

    static HostState of(Snapshot s) {
        return from(s, true);
    }

    /**
     * A writer's state: the snapshot's own maps, not copies (the writer only compares them with the next
     * entry's: no 17,000 entries put into new maps at every entry of a busy host; a part whose map is the
     * very one of the last entry has not changed). Read only; the cgroups alone, keyed anew, are its own.
     */
    static HostState written(Snapshot s) {
        return from(s, false);
    }

    private static HostState from(Snapshot s, boolean copy) {
        HostState h = new HostState();
        h.takenAt = s.takenAt();
        h.source = s.source();
        h.scope = s.scope();
        h.bootTime = s.bootTime();
        h.problems = s.problems();
        h.take(0, s.tasks(), copy);
        h.take(1, s.namespaces(), copy);
        h.take(2, s.userNames(), copy);
        h.take(3, s.relations(), copy);
        h.take(4, s.facts(), copy);
        Cgroups cg = s.cgroups();
        List<Hierarchy> hs = new ArrayList<>();
        for (CgroupTree t : cg.trees()) {
            for (Cgroup c : t.cgroups().values()) h.maps.get(5).put(hs.size() + c.path(), c);
            hs.add(t.hierarchy());
        }
        h.hierarchies = List.copyOf(hs);
        h.take(6, cg.lines(), copy);
        h.sampledNanos = cg.sampledNanos();
        return h;
    }

    /** The i-th part: a copy of {@code m}, or m itself (read only). */
    @SuppressWarnings("unchecked")
    private void take(int i, Map<?, ?> m, boolean copy) {
        if (copy) maps.get(i).putAll((Map<Object, Object>) m);
        else maps.set(i, (Map<Object, Object>) m);
    }

    @SuppressWarnings("unchecked")
    Snapshot snapshot() {
        for (Map<Object, Object> m : maps)
            m.replaceAll((k, v) -> v instanceof Pending p ? p.make() : v instanceof Pending.Lazy l ? l.make() : v);
        List<Map<String, Cgroup>> byTree = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) byTree.add(new TreeMap<>());
        maps.get(5).forEach((k, v) -> {
            String key = (String) k;
            int slash = key.indexOf('/');
            int tree = Integer.parseInt(key.substring(0, slash));
            if (tree < byTree.size()) byTree.get(tree).put(key.substring(slash), (Cgroup) v);
        });
        List<CgroupTree> trees = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) trees.add(new CgroupTree(hierarchies.get(i), byTree.get(i)));
        Cgroups cgroups = trees.isEmpty() && maps.get(6).isEmpty()
                ? Cgroups.NONE
                : new Cgroups(trees, (Map<Integer, Readout<List<CgroupLine>>>) (Map<?, ?>) maps.get(6), sampledNanos);
        return new Snapshot(
                takenAt,
                source,
                scope,
                (Map<Integer, Task>) (Map<?, ?>) maps.get(0),
                (Map<NsId, Namespace>) (Map<?, ?>) maps.get(1),
                (Map<Long, String>) (Map<?, ?>) maps.get(2),
                problems,
                (Map<NsId, Readout<NsRelations>>) (Map<?, ?>) maps.get(3),
                (Map<NsId, Readout<NsFacts>>) (Map<?, ?>) maps.get(4),
                cgroups,
                bootTime);
    }
}
