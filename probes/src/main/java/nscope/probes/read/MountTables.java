package nscope.probes.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.Host;

/**
 * The mount table of each mount namespace in a snapshot (or a scan in the
 * making: the mount tables phase). A mount table
 * belongs to a namespace but is read through one of its members: the
 * lowest PID first (as lsns picks its representative), then the next if
 * that one has exited; a namespace that only threads are in is read
 * through the lowest such thread. mountinfo is relative to the reader's
 * root, so a chrooted member would show less: the lowest PID is usually
 * the namespace's first process, at its root.
 */
public final class MountTables {
    /**
     * @param tables     each mount namespace of the snapshot: its table, or why it is unknown
     * @param readThrough the PID (or TID) whose mountinfo gave each table that is known
     */
    public record Result(
            SortedMap<NsId, Readout<MountTable>> tables,
            SortedMap<NsId, Integer> readThrough,
            List<ScanProblem> problems) {
        public Result {
            tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
            readThrough = Collections.unmodifiableSortedMap(new TreeMap<>(readThrough));
            problems = List.copyOf(problems);
        }
    }

    private final Map<Integer, Task> tasks;
    private final Map<NsId, Namespace> namespaces;
    private final MountReader reader;

    public MountTables(Host host, Snapshot snapshot) {
        this(host, snapshot.tasks(), snapshot.namespaces());
    }

    /** On a scan's tasks and namespaces while it builds them (no snapshot is made for this). */
    public MountTables(Host host, Map<Integer, Task> tasks, Map<NsId, Namespace> namespaces) {
        this.tasks = tasks;
        this.namespaces = namespaces;
        this.reader = new MountReader(host);
    }

    /** Every mount namespace known. */
    public Result readAll() {
        return read(namespaces.values().stream()
                .filter(n -> n.kind() == NsKind.MNT)
                .map(Namespace::id)
                .sorted()
                .toList());
    }

    /** Only these namespaces (those not in the snapshot are unknown). */
    public Result read(List<NsId> wanted) {
        SortedMap<NsId, Readout<MountTable>> tables = new TreeMap<>();
        SortedMap<NsId, Integer> through = new TreeMap<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (NsId id : wanted) {
            Namespace ns = namespaces.get(id);
            if (ns != null && ns.kind() != NsKind.MNT) ns = null;
            if (ns == null) {
                tables.put(id, Readout.unknown(Reason.IO_ERROR, "no mount namespace " + id + " in the snapshot"));
                continue;
            }
            Readout<MountTable> table = Readout.unknown(
                    Reason.EXITING, "every member of mnt:[" + id + "] exited before its mountinfo was read");
            for (int tid : members(ns)) {
                Task t = tasks.get(tid);
                MountReader.Result r = reader.read(t.tgid(), t.tid());
                if (r.vanished()) continue;
                table = r.table();
                problems.addAll(r.problems());
                if (table.known()) through.put(id, tid);
                break;
            }
            tables.put(id, table);
        }
        return new Result(tables, through, problems);
    }

    /** Processes by PID, then (when no process is in it) threads by TID. */
    private static List<Integer> members(Namespace ns) {
        return ns.processes().isEmpty() ? ns.tasks() : ns.processes();
    }
}
