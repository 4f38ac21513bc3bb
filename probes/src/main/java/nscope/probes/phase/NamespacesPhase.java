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
        for (int tid : tids) {
            Integer boxed = tid;
            memberships(tasks.get(tid), (link, id, role) -> {
                Members m = byId.get(id);
                if (m == null) byId.put(id, m = new Members(link));
                m.of(role).add(boxed);
            });
        }
        Map<NsId, Namespace> out = new TreeMap<>();
        byId.forEach((id, m) -> out.put(id, new Namespace(m.link.kind(), id, m.tasks, m.processes, m.pending)));
        return out;
    }

    /** How a task belongs to a namespace: by its own link (a process too when it leads), or bound for it. */
    private enum Role {
        TASK,
        PROCESS,
        PENDING
    }

    private interface Membership {
        void in(NsLink link, NsId id, Role role);
    }

    /** Where one task belongs: its own links, and the *_for_children links that differ from its own. */
    private static void memberships(Task t, Membership to) {
        Map<NsLink, Readout<NsId>> ns = t.namespaces();
        for (NsLink link : LINKS) {
            Readout<NsId> r = ns.get(link);
            if (r == null || !r.known()) continue;
            if (!link.forChildren()) {
                to.in(link, r.get(), Role.TASK);
                if (t.leader()) to.in(link, r.get(), Role.PROCESS);
            } else {
                Readout<NsId> own = ns.get(NsLink.of(link.kind()));
                if (own == null || !own.known() || !own.get().equals(r.get())) to.in(link, r.get(), Role.PENDING);
            }
        }
    }

    private static final NsLink[] LINKS = NsLink.values();

    private static final class Members {
        final NsLink link;
        final List<Integer> tasks = new ArrayList<>(), processes = new ArrayList<>(), pending = new ArrayList<>();

        Members(NsLink link) {
            this.link = link;
        }

        List<Integer> of(Role role) {
            return pick(role, tasks, processes, pending);
        }
    }

    /**
     * What {@link #of} gives for {@code now}, from what it gave for {@code before} ({@code was}, holders and
     * other additions ignored): only the namespaces a task came into, left or moved in or out of are built
     * again, the others are the same objects (bare of holders). The live screen's refresh, where a few
     * hundred of 12,000 tasks were read again and fewer changed, so it no longer rebuilds 120,000
     * memberships every two seconds.
     */
    public static Map<NsId, Namespace> updated(
            Map<NsId, Namespace> was, Map<Integer, Task> before, Map<Integer, Task> now) {
        Map<NsId, Members> gone = new HashMap<>(), come = new HashMap<>();
        // one pass over the tasks before (a refresh rereads a slice: nearly all are the very objects of the last);
        // a pass over those now only when some are new
        int[] kept = {0};
        before.forEach((tid, b) -> {
            Task n = now.get(tid);
            if (n != null) kept[0]++;
            if (n == b || n != null && sameMemberships(b, n)) return;
            memberships(b, collect(gone, tid));
            if (n != null) memberships(n, collect(come, tid));
        });
        if (kept[0] < now.size())
            now.forEach((tid, n) -> {
                if (!before.containsKey(tid)) memberships(n, collect(come, tid));
            });
        // the nodes of before, copied (from a snapshot's sorted map: in order, no comparison per node), then
        // edited where members came or went
        TreeMap<NsId, Namespace> out = new TreeMap<>(was);
        for (Namespace n : was.values()) {
            Members minus = gone.get(n.id()), plus = come.get(n.id());
            if (n.hidden() || minus != null || plus != null) out.remove(n.id());
            if (n.hidden()) continue; // a node for its holders or children only: they are added again after this
            if (minus == null && plus == null) {
                if (!n.holders().isEmpty()) out.put(n.id(), bare(n));
            } else edited(out, n.kind(), n.id(), n, minus, plus);
        }
        come.forEach((id, plus) -> {
            if (!out.containsKey(id)) edited(out, plus.link.kind(), id, null, null, plus);
        });
        return out;
    }

    private static Membership collect(Map<NsId, Members> into, Integer tid) {
        return (link, id, role) ->
                into.computeIfAbsent(id, k -> new Members(link)).of(role).add(tid);
    }

    private static boolean sameMemberships(Task b, Task n) {
        return b.leader() == n.leader() && b.namespaces().equals(n.namespaces());
    }

    private static <T> T pick(Role role, T tasks, T processes, T pending) {
        return role == Role.TASK ? tasks : role == Role.PROCESS ? processes : pending;
    }

    private static Namespace bare(Namespace n) {
        return new Namespace(n.kind(), n.id(), n.tasks(), n.processes(), n.pendingFor());
    }

    /** A namespace's members less those gone, plus those come; none left: not a node. */
    private static void edited(
            Map<NsId, Namespace> out, NsKind kind, NsId id, Namespace was, Members minus, Members plus) {
        Members now = new Members(null);
        for (Role role : Role.values()) {
            List<Integer> l = now.of(role);
            if (was != null) {
                java.util.Set<Integer> drop =
                        minus == null ? java.util.Set.of() : new java.util.HashSet<>(minus.of(role));
                for (Integer t : pick(role, was.tasks(), was.processes(), was.pendingFor()))
                    if (!drop.contains(t)) l.add(t);
            }
            if (plus != null) l.addAll(plus.of(role));
            l.sort(null);
        }
        if (!now.tasks.isEmpty() || !now.pending.isEmpty())
            out.put(id, new Namespace(kind, id, now.tasks, now.processes, now.pending));
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
