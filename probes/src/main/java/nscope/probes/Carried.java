package nscope.probes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.phase.MountFactsPhase;
import nscope.probes.phase.NamespacesPhase;
import nscope.probes.read.MountTables;
import nscope.probes.readout.Readout;

/** What a {@link Refresher} carries over from its last refresh, merged with what it read now. */
final class Carried {
    private Carried() {}

    /** The tables read now, and the last ones of mount namespaces still there. */
    static MountTables.Result merged(
            MountTables.Result read, MountTables.Result mounts, Map<NsId, Namespace> namespaces) {
        var tables = new TreeMap<>(read.tables());
        var through = new TreeMap<>(read.readThrough());
        mounts.tables().forEach((id, t) -> {
            if (namespaces.containsKey(id)) tables.putIfAbsent(id, t);
        });
        mounts.readThrough().forEach((id, pid) -> {
            if (namespaces.containsKey(id) && !read.tables().containsKey(id)) through.putIfAbsent(id, pid);
        });
        return new MountTables.Result(tables, through, List.of());
    }

    /** Mount facts of the tables read now, each compared with the host's table (read now or carried over). */
    static Map<NsId, Readout<NsFacts>> mountFacts(MountTables.Result read, MountTables.Result mounts, NsId hostNs) {
        var tables = new TreeMap<>(read.tables());
        if (hostNs != null && mounts.tables().containsKey(hostNs))
            tables.putIfAbsent(hostNs, mounts.tables().get(hostNs));
        Map<NsId, Readout<NsFacts>> out =
                MountFactsPhase.of(new MountTables.Result(tables, new TreeMap<>(), List.of()), hostNs);
        out.keySet().retainAll(read.tables().keySet());
        return out;
    }

    /** What the last refresh knew of namespaces still there. */
    static <T> Map<NsId, T> of(Map<NsId, T> was, Map<NsId, Namespace> namespaces) {
        Map<NsId, T> out = new TreeMap<>(was);
        out.keySet().retainAll(namespaces.keySet());
        return out;
    }

    /** Descriptor holders of the last refresh, for processes alive and whose descriptors are not read this time. */
    static void holders(
            Snapshot last, Map<NsId, Namespace> namespaces, Set<Integer> readNow, Map<Integer, Task> tasks) {
        Map<NsId, List<Holder>> held = new TreeMap<>();
        Map<NsId, NsKind> kinds = new HashMap<>();
        for (Namespace n : last.namespaces().values()) {
            for (Holder h : n.holders()) {
                if (!(h instanceof Holder.Fd fd) || readNow.contains(fd.pid()) || !tasks.containsKey(fd.pid()))
                    continue;
                held.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(h);
                kinds.put(n.id(), n.kind());
            }
        }
        NamespacesPhase.addHolders(held, kinds, namespaces);
    }

    /** Whether every namespace has the holders it had at the last refresh. */
    static boolean sameHolders(Snapshot last, Map<NsId, Namespace> namespaces) {
        for (Namespace n : namespaces.values()) {
            Namespace was = last.namespaces().get(n.id());
            if (was == null) return false;
            if (was.holders().isEmpty() && n.holders().isEmpty()) continue; // most: no set made for them
            if (!new HashSet<>(was.holders()).equals(new HashSet<>(n.holders()))) return false;
        }
        for (Namespace was : last.namespaces().values())
            if (!was.holders().isEmpty() && !namespaces.containsKey(was.id())) return false;
        return true;
    }
}
