package nscope.probes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Readout;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.model.Unknown.Reason;
import nscope.probes.mounts.MountTable;

/**
 * The mount table of each mount namespace in a snapshot. A mount table
 * belongs to a namespace but is read through one of its members: the
 * lowest PID first (as lsns picks its representative), then the next if
 * that one has exited; a namespace that only threads are in is read
 * through the lowest such thread. mountinfo is relative to the reader's
 * root, so a chrooted member would show less: the lowest PID is usually
 * the namespace's first process, at its root.
 */
public final class MountPhase {
    /**
     * @param tables     each mount namespace of the snapshot: its table, or why it is unknown
     * @param readThrough the PID (or TID) whose mountinfo gave each table that is known
     */
    public record Result(SortedMap<NsId, Readout<MountTable>> tables, SortedMap<NsId, Integer> readThrough,
                         List<ScanProblem> problems) {
        public Result {
            tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
            readThrough = Collections.unmodifiableSortedMap(new TreeMap<>(readThrough));
            problems = List.copyOf(problems);
        }
    }

    private final Snapshot snapshot;
    private final MountReader reader;

    public MountPhase(Host host, Snapshot snapshot) {
        this.snapshot = snapshot;
        this.reader = new MountReader(host);
    }

    /** Every mount namespace in the snapshot. */
    public Result readAll() {
        return read(snapshot.namespaces(NsKind.MNT).stream().map(Namespace::id).toList());
    }

    /** Only these namespaces (those not in the snapshot are unknown). */
    public Result read(List<NsId> namespaces) {
        SortedMap<NsId, Readout<MountTable>> tables = new TreeMap<>();
        SortedMap<NsId, Integer> through = new TreeMap<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (NsId id : namespaces) {
            Namespace ns = snapshot.namespace(id).filter(n -> n.kind() == NsKind.MNT).orElse(null);
            if (ns == null) {
                tables.put(id, Readout.unknown(Reason.IO_ERROR, "no mount namespace " + id + " in the snapshot"));
                continue;
            }
            Readout<MountTable> table = Readout.unknown(Reason.EXITING, "every member of mnt:[" + id + "] exited before its mountinfo was read");
            for (int tid : members(ns)) {
                Task t = snapshot.tasks().get(tid);
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
