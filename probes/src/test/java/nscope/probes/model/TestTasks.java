package nscope.probes.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/** Hand-built tasks and snapshots for model and query tests (no host is read). */
public final class TestTasks {
    private TestTasks() {}

    /** The nsfs device number seen on most hosts. */
    public static final long NSFS_DEV = 4;

    public static NsId id(long ino) {
        return new NsId(NSFS_DEV, ino);
    }

    /**
     * All ten links, each kind at base + its ordinal; the *_for_children links
     * point where their kind's own link points.
     */
    public static Map<NsLink, Readout<NsId>> links(long base) {
        Map<NsLink, Readout<NsId>> m = new EnumMap<>(NsLink.class);
        for (NsLink l : NsLink.values()) m.put(l, Readout.of(id(base + l.kind().ordinal())));
        return m;
    }

    /** links with one link moved to another inode. */
    public static Map<NsLink, Readout<NsId>> with(Map<NsLink, Readout<NsId>> links, NsLink l, long ino) {
        Map<NsLink, Readout<NsId>> m = new EnumMap<>(links);
        m.put(l, Readout.of(id(ino)));
        return m;
    }

    /** links with one link unreadable. */
    public static Map<NsLink, Readout<NsId>> without(Map<NsLink, Readout<NsId>> links, NsLink l) {
        Map<NsLink, Readout<NsId>> m = new EnumMap<>(links);
        m.put(l, Readout.unknown(Unknown.Reason.PERMISSION, "EACCES"));
        return m;
    }

    public static Task task(int tid, int tgid, long start, Map<NsLink, Readout<NsId>> ns) {
        return task(tid, tgid, start, ns, Readout.of(new Ids(0, 0, 0, 0)), Readout.of(List.of("/bin/prog" + tgid)));
    }

    public static Task task(
            int tid,
            int tgid,
            long start,
            Map<NsLink, Readout<NsId>> ns,
            Readout<Ids> uids,
            Readout<List<String>> cmdline) {
        Readout<List<Integer>> one = Readout.of(List.of(tid));
        return new Task(
                tid,
                tgid,
                1,
                'S',
                "prog" + tgid,
                start,
                tgid,
                tgid,
                false,
                uids,
                uids,
                one,
                Readout.of(List.of(tgid)),
                Readout.of(List.of(tgid)),
                Readout.of(List.of(tgid)),
                cmdline,
                ns);
    }

    public static Snapshot snapshot(List<Task> tasks, List<Namespace> namespaces) {
        return snapshot(tasks, namespaces, Map.of());
    }

    public static Snapshot snapshot(List<Task> tasks, List<Namespace> namespaces, Map<Long, String> users) {
        Map<Integer, Task> t = new HashMap<>();
        for (Task x : tasks) t.put(x.tid(), x);
        Map<NsId, Namespace> n = new HashMap<>();
        for (Namespace x : namespaces) n.put(x.id(), x);
        return new Snapshot(Instant.EPOCH, "test", Scope.TASKS, t, n, users, new ArrayList<>());
    }

    public static Namespace ns(NsKind kind, long ino, List<Integer> tasks, List<Integer> processes) {
        return new Namespace(kind, id(ino), tasks, processes, List.of());
    }
}
