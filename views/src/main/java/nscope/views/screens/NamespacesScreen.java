package nscope.views.screens;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing;
import nscope.probes.readout.Readout;
import nscope.views.columns.Column;
import nscope.views.columns.NamespaceColumns;
import nscope.views.columns.NamespaceColumns.NsRow;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;

/**
 * The namespaces screen: one group per type; in it, each namespace with its
 * processes and threads counted and its key fact; pid and user namespaces
 * as trees by parent (when the relations phase ran). A hidden namespace (no
 * process in it) is marked with what holds it. Names take their type's
 * colour. Its detail links a namespace to its parent, owner, children,
 * member processes and the threads in it without their process, and says
 * what it holds ({@link NamespaceDetail}).
 */
public final class NamespacesScreen implements Screen {
    /** The order of the groups: the ones that nest first. */
    public static final List<NsKind> ORDER = List.of(
            NsKind.PID, NsKind.USER, NsKind.MNT, NsKind.NET, NsKind.UTS, NsKind.IPC, NsKind.CGROUP, NsKind.TIME);

    @Override
    public String title() {
        return "Namespaces";
    }

    @Override
    public List<Column<NsRow>> columns() {
        return NamespaceColumns.SCREEN;
    }

    @Override
    public boolean shows(RowKey key) {
        return key instanceof RowKey.Namespace || key instanceof RowKey.NsGroup;
    }

    @Override
    public NsKind tint(RowKey key) {
        if (key instanceof RowKey.Namespace n) return n.kind();
        return key instanceof RowKey.NsGroup g ? g.kind() : null;
    }

    @Override
    public Forest rows(Snapshot s, CgroupCpu cpu) {
        Map<NsId, NsRow> rows = new HashMap<>();
        for (NsListing.Row r : NsListing.rows(s, EnumSet.allOf(NsKind.class), true, null, true))
            rows.put(r.ns().id(), new NsRow(s, r));
        List<Node> groups = new ArrayList<>();
        for (NsKind k : ORDER) {
            List<Namespace> all = s.namespaces(k);
            if (all.isEmpty()) continue;
            List<Node> kids = (k == NsKind.PID || k == NsKind.USER) ? nested(s, all, rows) : flat(all, rows);
            int tasks = 0;
            for (Namespace n : all) tasks += n.tasks().size();
            groups.add(new Node(
                    new RowKey.NsGroup(k),
                    List.of(
                            "",
                            "",
                            "",
                            k.label() + " (" + all.size() + (all.size() == 1 ? " namespace, " : " namespaces, ") + tasks
                                    + (tasks == 1 ? " task)" : " tasks)")),
                    kids));
        }
        return new Forest(groups);
    }

    private static List<Node> flat(List<Namespace> all, Map<NsId, NsRow> rows) {
        List<Node> out = new ArrayList<>();
        for (Namespace n : all) out.add(node(rows.get(n.id()), List.of()));
        return out;
    }

    /** By parent: a namespace whose parent is not in the snapshot (or unknown) is a root of its group. */
    private static List<Node> nested(Snapshot s, List<Namespace> all, Map<NsId, NsRow> rows) {
        Map<NsId, List<Namespace>> kids = new HashMap<>();
        List<Namespace> roots = new ArrayList<>();
        for (Namespace n : all) {
            NsId parent = s.relations(n.id())
                    .filter(Readout::known)
                    .map(Readout::get)
                    .map(NsRelations::parent)
                    .orElse(null);
            if (parent != null && s.namespace(parent).isPresent())
                kids.computeIfAbsent(parent, p -> new ArrayList<>()).add(n);
            else roots.add(n);
        }
        List<Node> out = new ArrayList<>();
        for (Namespace r : roots) out.add(tree(r, kids, rows));
        return out;
    }

    private static Node tree(Namespace n, Map<NsId, List<Namespace>> kids, Map<NsId, NsRow> rows) {
        List<Node> children = new ArrayList<>();
        for (Namespace k : kids.getOrDefault(n.id(), List.of())) children.add(tree(k, kids, rows));
        return node(rows.get(n.id()), children);
    }

    private static Node node(NsRow r, List<Node> children) {
        Namespace n = r.ns();
        String mark = "";
        if (n.hidden()) {
            List<String> held = new ArrayList<>();
            for (Holder h : n.holders()) held.add(h.toString());
            mark = held.isEmpty()
                    ? "no process (reached through a relation)"
                    : "hidden: held by " + String.join(", ", held);
        }
        return new Node(
                new RowKey.Namespace(n.kind(), n.id()), Column.texts(NamespaceColumns.SCREEN, r, ""), mark, children);
    }

    @Override
    public Target target(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Namespace k)) return Target.NONE;
        return s.namespace(k.id()).<Target>map(Target.OfNamespace::new).orElse(Target.NONE);
    }

    NamespacesScreen() {}

    @Override
    public Detail detail(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Namespace k)) return Detail.NONE;
        NsId id = k.id();
        Namespace n = s.namespace(id).orElse(null);
        if (n == null) return Detail.gone("namespace " + id);
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add(n.kind().label() + ":[" + id + "] on nsfs device " + id.dev() + ": "
                + n.processes().size() + " processes, " + n.tasks().size() + " tasks"
                + (n.pendingFor().isEmpty() ? "" : ", " + n.pendingFor().size() + " whose children will be in it"));
        for (Holder h : n.holders()) lines.add("held by " + h);
        s.relations(id).ifPresent(r -> {
            if (!r.known()) {
                lines.add("parent and owner: " + r.why());
                return;
            }
            NsRelations x = r.get();
            if (x.parent() != null)
                links.add(
                        new Link("parent " + n.kind().label() + ":[" + x.parent() + "]", key(s, x.parent(), n.kind())));
            if (x.owner() != null)
                links.add(new Link("owner user:[" + x.owner() + "]", key(s, x.owner(), NsKind.USER)));
            if (x.ownerUid() != null) lines.add("made by uid " + x.ownerUid());
        });
        s.relations().forEach((child, r) -> {
            if (r.known() && id.equals(r.get().parent()))
                links.add(new Link("child " + n.kind().label() + ":[" + child + "]", key(s, child, n.kind())));
        });
        NamespaceDetail.facts(s, n, lines, links);
        NamespaceDetail.members(s, n, links);
        return new Detail(lines, links);
    }

    /** A namespace's row key, of the type the snapshot gives it (else the one a relation implies). */
    private static RowKey key(Snapshot s, NsId id, NsKind implied) {
        return new RowKey.Namespace(s.namespace(id).map(Namespace::kind).orElse(implied), id);
    }
}
