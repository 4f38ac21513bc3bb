package nscope.probes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.phase.MountFactsPhase;
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
}
