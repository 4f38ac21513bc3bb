package nscope.probes.phase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;

/**
 * The namespaces as nodes, from the tasks' links: each one's member tasks
 * and processes by their own link, its pending members by *_for_children
 * (a task whose next child is born there). Reads nothing from the host.
 */
public final class NamespacesPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        scan.namespaces(of(scan.tasks()));
    }

    /** Namespaces as nodes: members by own link, pending members by *_for_children. */
    public static Map<NsId, Namespace> of(Map<Integer, Task> tasks) {
        // run on every refresh of the live screen (12,000 tasks, 120,000 links): primitive sort, one lookup per link
        Map<NsId, Members> byId = new HashMap<>();
        int[] tids = new int[tasks.size()];
        int i = 0;
        for (Integer tid : tasks.keySet()) tids[i++] = tid;
        Arrays.sort(tids);
        NsLink[] links = NsLink.values();
        for (int tid : tids) {
            Task t = tasks.get(tid);
            Map<NsLink, Readout<NsId>> ns = t.namespaces();
            Integer boxed = tid;
            for (NsLink link : links) {
                Readout<NsId> r = ns.get(link);
                if (r == null || !r.known()) continue;
                Members m = byId.get(r.get());
                if (m == null) byId.put(r.get(), m = new Members(link));
                if (!link.forChildren()) {
                    m.tasks.add(boxed);
                    if (t.leader()) m.processes.add(boxed);
                } else {
                    Readout<NsId> own = ns.get(NsLink.of(link.kind()));
                    if (own == null || !own.known() || !own.get().equals(r.get())) m.pending.add(boxed);
                }
            }
        }
        Map<NsId, Namespace> out = new TreeMap<>();
        byId.forEach((id, m) -> out.put(id, new Namespace(m.link.kind(), id, m.tasks, m.processes, m.pending)));
        return out;
    }

    private static final class Members {
        final NsLink link;
        final List<Integer> tasks = new ArrayList<>(), processes = new ArrayList<>(), pending = new ArrayList<>();

        Members(NsLink link) {
            this.link = link;
        }
    }

    /** Holders onto their namespaces; a namespace seen only through its holders becomes a node. */
    public static void addHolders(
            Map<NsId, List<Holder>> held, Map<NsId, NsKind> kinds, Map<NsId, Namespace> namespaces) {
        held.forEach((id, holders) -> {
            Namespace n = namespaces.get(id);
            namespaces.put(
                    id,
                    n != null
                            ? n.withHolders(holders)
                            : new Namespace(kinds.get(id), id, List.of(), List.of(), List.of(), holders));
        });
    }
}
