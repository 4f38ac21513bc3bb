package nscope.views.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.views.screens.CgroupRows;
import nscope.views.screens.Column;
import nscope.views.screens.MountRows;
import nscope.views.screens.NamespaceRows;
import nscope.views.screens.ProcessRows;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;

/**
 * One refresh turned into screens' rows (off the UI thread), with the
 * filter applied: a row that matches stays with its ancestors, so it keeps
 * its place in the tree. A live refresh builds only the screen shown (rows
 * for 12,000 tasks cost tens of milliseconds); the others are built from
 * the same snapshot and CPU % when the user turns to them.
 */
public record Screens(Snapshot snapshot, CgroupCpu cpu, String filter, Map<Tab, Integer> sortBy, Map<Tab, Forest> forests) {
    static List<Column> columns(Tab t) {
        return switch (t) {
            case NAMESPACES -> NamespaceRows.COLUMNS;
            case PROCESSES -> ProcessRows.COLUMNS;
            case CGROUPS -> CgroupRows.COLUMNS;
            case MOUNTS -> MountRows.COLUMNS;
        };
    }

    public static Screens of(Snapshot s, CgroupCpu cpu, String filter) { return of(s, cpu, filter, Map.of()); }

    /** @param sortBy per screen, the column its siblings are sorted by (absent: the tree's own order) */
    public static Screens of(Snapshot s, CgroupCpu cpu, String filter, Map<Tab, Integer> sortBy) {
        return of(s, cpu, filter, sortBy, java.util.EnumSet.allOf(Tab.class));
    }

    /** The rows of some screens only. */
    public static Screens of(Snapshot s, CgroupCpu cpu, String filter, Map<Tab, Integer> sortBy, java.util.Set<Tab> tabs) {
        Map<Tab, Forest> m = new EnumMap<>(Tab.class);
        for (Tab t : tabs) m.put(t, forest(t, s, cpu, filter, sortBy.get(t)));
        return new Screens(s, cpu, filter == null ? "" : filter, Map.copyOf(sortBy), m);
    }

    /** One screen's rows, filtered, and sorted by a column (null: the tree's own order). */
    static Forest forest(Tab t, Snapshot s, CgroupCpu cpu, String filter, Integer sortBy) {
        Forest f = switch (t) {
            case NAMESPACES -> NamespaceRows.of(s);
            case PROCESSES -> ProcessRows.of(s);
            case CGROUPS -> CgroupRows.of(s, cpu);
            case MOUNTS -> MountRows.of(s);
        };
        if (filter != null && !filter.isEmpty()) f = filter(f, filter);
        return sortBy == null ? f : Sorting.by(f, sortBy);
    }

    /** Rows whose cells hold text (case-insensitive), with their ancestors. */
    static Forest filter(Forest f, String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        List<Node> out = new ArrayList<>();
        for (Node r : f.roots()) {
            Node k = keep(r, needle);
            if (k != null) out.add(k);
        }
        return new Forest(out);
    }

    private static Node keep(Node n, String needle) {
        List<Node> kids = new ArrayList<>();
        for (Node c : n.children()) {
            Node k = keep(c, needle);
            if (k != null) kids.add(k);
        }
        if (!kids.isEmpty() || matches(n, needle)) return new Node(n.id(), n.cells(), n.mark(), kids);
        return null;
    }

    static boolean matches(Node n, String needle) {
        for (String c : n.cells()) if (c.toLowerCase(java.util.Locale.ROOT).contains(needle)) return true;
        return n.mark().toLowerCase(java.util.Locale.ROOT).contains(needle) || n.id().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    /** Every node in display order (collapsed ones too), for search. */
    static List<Node> inOrder(Forest f) {
        List<Node> out = new ArrayList<>();
        for (Node r : f.roots()) walk(r, out);
        return out;
    }

    private static void walk(Node n, List<Node> out) {
        out.add(n);
        for (Node c : n.children()) walk(c, out);
    }
}
