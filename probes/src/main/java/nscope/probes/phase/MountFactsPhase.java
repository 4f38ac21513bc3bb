package nscope.probes.phase;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Task;
import nscope.probes.mounts.MountTable;
import nscope.probes.read.MountTables;
import nscope.probes.readout.Readout;

/**
 * The mnt facts (the data flow's step 6), each mount namespace's table (from the mount
 * tables phase) set against the host's: which of its mounts share
 * propagation with the host's, and where its root lies on the host.
 */
public final class MountFactsPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        scan.facts().putAll(of(scan.mounts(), hostNamespace(scan.tasks())));
    }

    /** Each table's facts; the host's own has nothing to be set against. */
    public static Map<NsId, Readout<NsFacts>> of(MountTables.Result mounts, NsId hostNs) {
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        Readout<MountTable> hostTable = hostNs == null ? null : mounts.tables().get(hostNs);
        mounts.tables()
                .forEach((ns, table) -> out.put(ns, table.map(t -> {
                    if (hostTable == null || !hostTable.known() || ns.equals(hostNs))
                        return new NsFacts.Mnt(t, List.of(), null);
                    return new NsFacts.Mnt(
                            t,
                            t.sharedWith(hostTable.get()),
                            t.rootOn(hostTable.get()).orElse(null));
                })));
        return out;
    }

    /**
     * The host's mount namespace: that of the lowest task whose link we
     * could read (PID 1, or a kernel thread, which live in the initial one).
     */
    public static NsId hostNamespace(Map<Integer, Task> tasks) {
        return tasks.keySet().stream()
                .sorted()
                .map(tasks::get)
                .map(t -> t.ns(NsLink.MNT))
                .filter(Readout::known)
                .map(Readout::get)
                .findFirst()
                .orElse(null);
    }
}
