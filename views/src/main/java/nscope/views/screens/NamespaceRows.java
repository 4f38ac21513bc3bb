package nscope.views.screens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.model.Snapshot;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;

/**
 * The namespaces screen: one group per type; in it, each namespace with its
 * processes and threads counted and its key fact; pid and user namespaces
 * as trees by parent (when the relations phase ran). A hidden namespace (no
 * process in it) is marked with what holds it.
 */
public final class NamespaceRows {
    private NamespaceRows() {}

    /** The order of the groups: the ones that nest first. */
    public static final List<NsKind> ORDER = List.of(NsKind.PID, NsKind.USER, NsKind.MNT, NsKind.NET, NsKind.UTS,
            NsKind.IPC, NsKind.CGROUP, NsKind.TIME);

    public static final List<Column> COLUMNS = List.of(
            new Column("NPROCS", 6, true, "processes in it (by their leader's link), as lsns counts"),
            new Column("NTASKS", 6, true, "tasks (threads) in it, each by its own link"),
            new Column("PID", 7, true, "its lowest PID"),
            new Column("NAMESPACE", 0, false, "the tree, the namespace's inode (type:[inode] in /proc/PID/ns), its key fact"));

    public static String groupId(NsKind k) { return "k:" + k.label(); }

    public static String nsId(NsId id) { return "ns:" + id.dev() + ":" + Long.toUnsignedString(id.ino()); }

    /** The namespace a namespace row's id names (see {@link #nsId}); empty for another row. */
    public static java.util.Optional<NsId> nsIdOf(String id) {
        if (id == null || !id.startsWith("ns:")) return java.util.Optional.empty();
        String[] f = id.split(":");
        try {
            return java.util.Optional.of(new NsId(Long.parseLong(f[1]), Long.parseUnsignedLong(f[2])));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return java.util.Optional.empty();
        }
    }

    public static Forest of(Snapshot s) {
        List<Node> groups = new ArrayList<>();
        for (NsKind k : ORDER) {
            List<Namespace> all = s.namespaces(k);
            if (all.isEmpty()) continue;
            List<Node> kids = (k == NsKind.PID || k == NsKind.USER) ? nested(s, all) : flat(s, all);
            int tasks = 0;
            for (Namespace n : all) tasks += n.tasks().size();
            groups.add(new Node(groupId(k), List.of("", "", "", k.label() + " (" + all.size() + (all.size() == 1 ? " namespace, " : " namespaces, ")
                    + tasks + (tasks == 1 ? " task)" : " tasks)")), kids));
        }
        return new Forest(groups);
    }

    private static List<Node> flat(Snapshot s, List<Namespace> all) {
        List<Node> out = new ArrayList<>();
        for (Namespace n : all) out.add(node(s, n, List.of()));
        return out;
    }

    /** By parent: a namespace whose parent is not in the snapshot (or unknown) is a root of its group. */
    private static List<Node> nested(Snapshot s, List<Namespace> all) {
        Map<NsId, List<Namespace>> kids = new HashMap<>();
        List<Namespace> roots = new ArrayList<>();
        for (Namespace n : all) {
            NsId parent = s.relations(n.id()).filter(Readout::known).map(Readout::get).map(NsRelations::parent).orElse(null);
            if (parent != null && s.namespace(parent).isPresent()) kids.computeIfAbsent(parent, p -> new ArrayList<>()).add(n);
            else roots.add(n);
        }
        List<Node> out = new ArrayList<>();
        for (Namespace r : roots) out.add(tree(s, r, kids));
        return out;
    }

    private static Node tree(Snapshot s, Namespace n, Map<NsId, List<Namespace>> kids) {
        List<Node> children = new ArrayList<>();
        for (Namespace k : kids.getOrDefault(n.id(), List.of())) children.add(tree(s, k, kids));
        return node(s, n, children);
    }

    private static Node node(Snapshot s, Namespace n, List<Node> children) {
        String fact = NamespaceFacts.summary(s.facts(n.id()).orElse(null));
        String name = n.kind().label() + ":[" + n.id() + "]" + (fact.isEmpty() ? "" : "  " + fact);
        String pid = n.processes().isEmpty() ? (n.tasks().isEmpty() ? "" : Integer.toString(n.tasks().get(0))) : Integer.toString(n.processes().get(0));
        String mark = "";
        if (n.hidden()) {
            List<String> held = new ArrayList<>();
            for (Holder h : n.holders()) held.add(h.toString());
            mark = held.isEmpty() ? "no process (reached through a relation)" : "hidden: held by " + String.join(", ", held);
        }
        return new Node(nsId(n.id()), List.of(Integer.toString(n.processes().size()), Integer.toString(n.tasks().size()), pid, name), mark, children);
    }
}
