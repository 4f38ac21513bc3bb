package nscope.probes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;
import nscope.probes.mounts.MountTable;

/** The mnt facts: each mount namespace's table, set against the host's table. */
final class MountFacts {
    private MountFacts() {}

    static Map<NsId, Readout<NsFacts>> of(MountPhase.Result mounts, NsId hostNs) {
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        Readout<MountTable> hostTable = hostNs == null ? null : mounts.tables().get(hostNs);
        mounts.tables().forEach((ns, table) -> out.put(ns, table.map(t -> {
            if (hostTable == null || !hostTable.known() || ns.equals(hostNs)) return new NsFacts.Mnt(t, List.of(), null);
            return new NsFacts.Mnt(t, t.sharedWith(hostTable.get()), t.rootOn(hostTable.get()).orElse(null));
        })));
        return out;
    }
}
