package nscope.probes.phase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.Holder;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.read.FdHolders;

/**
 * Hidden namespaces by descriptor (the data flow's step 3): every process's nsfs descriptors
 * (/proc/PID/fd/N reading "net:[INODE]"), read on every core; a namespace
 * seen only there becomes a node.
 */
public final class FdHoldersPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        read(scan, scan.tgids(), true);
    }

    /**
     * The descriptors of these processes only (a refresh: those it reads whole); on every core, or on this
     * thread alone where no one waits (two threads reading /proc contend in the kernel: more CPU in all).
     */
    public void read(Scan scan, List<Integer> pids, boolean parallel) {
        FdHolders fds = new FdHolders(scan.host(), scan.reader());
        Map<NsId, List<Holder>> held = new TreeMap<>();
        Map<NsId, NsKind> kinds = new HashMap<>();
        for (FdHolders.Group g : (parallel ? pids.parallelStream() : pids.stream())
                .map(fds::scan)
                .toList()) {
            scan.problems().addAll(g.problems());
            for (FdHolders.Found f : g.found()) {
                held.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f.holder());
                kinds.put(f.id(), f.kind());
            }
        }
        NamespacesPhase.addHolders(held, kinds, scan.namespaces());
    }
}
