package nscope.probes.phase;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.source.RelationReader;

/**
 * Relations (the data flow's step 4): each namespace's parent (pid, user) and owner (all), walked up
 * from every namespace through paths that lead to it (the nsfs ioctls live,
 * the recorded relations in a fixture); a parent or owner no task is in
 * becomes a node.
 */
public final class RelationsPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        scan.relations(read(scan, scan.namespaces().keySet()));
    }

    /** The walk from some of the namespaces only (a refresh: those not seen before). */
    public static Map<NsId, Readout<NsRelations>> read(Scan scan, Set<NsId> only) {
        Map<NsId, Namespace> namespaces = scan.namespaces();
        Map<NsId, RelationReader.Start> starts = new TreeMap<>();
        for (NsId id : only) {
            Namespace n = namespaces.get(id);
            if (n != null) starts.put(id, new RelationReader.Start(n.kind(), scan.paths(n)));
        }
        if (starts.isEmpty()) return Map.of();
        RelationReader.Result r = scan.host().files().relations().walk(starts);
        r.found()
                .forEach((id, kind) ->
                        namespaces.putIfAbsent(id, new Namespace(kind, id, List.of(), List.of(), List.of())));
        return r.relations();
    }
}
