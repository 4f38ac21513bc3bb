package nscope.views.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the user did to a tree screen: which node is selected and which are
 * expanded, both by id, so a refresh that rebuilds every row moves nothing.
 * A selection that vanished moves to its nearest surviving relative: the
 * next sibling that is still there, else the one before, else the nearest
 * ancestor still there, else the first row. Not thread-safe: the UI thread
 * owns it.
 */
public final class TreeState {
    private Forest forest = new Forest(List.of());
    private final Set<RowKey> expanded = new HashSet<>();
    private RowKey selected;
    private int top;
    private List<Row> rows = List.of();

    /** Shows a new forest (a refresh), keeping selection and expansion by id. */
    public void show(Forest next) {
        RowKey keep = selected == null ? null : survivor(forest, next, selected);
        expanded.removeIf(id -> !next.contains(id)); // no set of every id (12,000 rows) made for it
        forest = next;
        selected = keep;
        rebuild();
        if (selected == null && !rows.isEmpty()) selected = rows.get(0).node().id();
        if (selected != null) reveal(selected);
    }

    /** Expands the given nodes (e.g. the roots, on the first frame). */
    public void expand(Iterable<RowKey> ids) {
        for (RowKey id : ids) if (forest.contains(id)) expanded.add(id);
        rebuild();
    }

    public Forest forest() {
        return forest;
    }

    /** The visible rows, top to bottom. */
    public List<Row> rows() {
        return rows;
    }

    public RowKey selected() {
        return selected;
    }

    public int selectedIndex() {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).node().id().equals(selected)) return i;
        return -1;
    }

    /** Moves the selection by delta rows, within the visible rows. */
    public void move(int delta) {
        if (rows.isEmpty()) return;
        int i = Math.max(0, Math.min(rows.size() - 1, selectedIndex() + delta));
        selected = rows.get(i).node().id();
    }

    public void first() {
        if (!rows.isEmpty()) selected = rows.get(0).node().id();
    }

    public void last() {
        if (!rows.isEmpty()) selected = rows.get(rows.size() - 1).node().id();
    }

    /** Selects a node, expanding its ancestors so it is visible (following a cross-link). */
    public boolean select(RowKey id) {
        if (!forest.contains(id)) return false;
        reveal(id);
        selected = id;
        return true;
    }

    /** Expands the ancestors of these nodes, so each is a visible row (a filter's matches). */
    public void reveal(java.util.Collection<RowKey> ids) {
        boolean changed = false;
        for (RowKey id : ids) {
            List<RowKey> up = forest.lineage(id);
            for (int i = 1; i < up.size(); i++) changed |= expanded.add(up.get(i));
        }
        if (changed) rebuild();
    }

    /** Right / l: expand a collapsed node, or step into an expanded one's first child. */
    public void right() {
        Node n = current();
        if (n == null || n.leaf()) return;
        if (expanded.add(n.id())) rebuild();
        else selected = n.children().get(0).id();
    }

    /** Left / h: collapse an expanded node, or step out to the parent. */
    public void left() {
        Node n = current();
        if (n == null) return;
        if (!n.leaf() && expanded.remove(n.id())) rebuild();
        else forest.parent(n.id()).ifPresent(p -> selected = p);
    }

    /** Enter / space on a node with children: expand or collapse it. */
    public void toggle() {
        Node n = current();
        if (n == null || n.leaf()) return;
        if (!expanded.remove(n.id())) expanded.add(n.id());
        rebuild();
    }

    public boolean isExpanded(RowKey id) {
        return expanded.contains(id);
    }

    /** The first visible row for a window of height rows, keeping the selection inside it. */
    public int top(int height) {
        int i = selectedIndex();
        if (height <= 0) return 0;
        if (i < top) top = i;
        if (i >= top + height) top = i - height + 1;
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - height)));
        return top;
    }

    private Node current() {
        return selected == null ? null : forest.node(selected).orElse(null);
    }

    private void reveal(RowKey id) {
        reveal(List.of(id));
    }

    private void rebuild() {
        List<Row> out = new ArrayList<>();
        boolean[] last = new boolean[64];
        List<Node> roots = forest.roots();
        for (int i = 0; i < roots.size(); i++) add(out, roots.get(i), 0, i == roots.size() - 1, last);
        rows = List.copyOf(out);
    }

    private void add(List<Row> out, Node n, int depth, boolean isLast, boolean[] last) {
        if (depth >= last.length) return; // deeper than any screen can show
        last[depth] = isLast;
        boolean open = expanded.contains(n.id());
        out.add(new Row(n, depth, open, java.util.Arrays.copyOf(last, depth + 1)));
        if (!open) return;
        List<Node> kids = n.children();
        for (int i = 0; i < kids.size(); i++) add(out, kids.get(i), depth + 1, i == kids.size() - 1, last);
    }

    /** The selection after a refresh: itself, else its nearest relative in the new forest. */
    static RowKey survivor(Forest old, Forest next, RowKey id) {
        if (next.contains(id)) return id;
        if (!old.contains(id)) return null;
        for (RowKey at : old.lineage(id)) {
            if (next.contains(at)) return at;
            List<Node> sibs = old.siblings(at);
            int i = indexOf(sibs, at);
            for (int j = i + 1; j < sibs.size(); j++)
                if (next.contains(sibs.get(j).id())) return sibs.get(j).id();
            for (int j = i - 1; j >= 0; j--)
                if (next.contains(sibs.get(j).id())) return sibs.get(j).id();
        }
        return null;
    }

    private static int indexOf(List<Node> nodes, RowKey id) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).id().equals(id)) return i;
        return -1;
    }
}
