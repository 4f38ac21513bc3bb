package nscope.views.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The roots of a tree screen, with an index by id: each node's parent and its place among its siblings.
 *
 * <p>The index is one open-addressed table (ids, nodes and parents in three arrays by slot), not two
 * HashMaps: a live refresh builds the shown screen's forest anew and it lives until the next, so the
 * collector promotes it; two maps of 12,000 rows were a megabyte of entries each refresh, a third of
 * what it promoted, and an old generation filled by them needs a full collection every refresh or two.
 */
public final class Forest {
    private final List<Node> roots;
    private final RowKey[] ids;
    private final Node[] nodes;
    private final RowKey[] parents;
    private final int mask;
    private int size;

    public Forest(List<Node> roots) {
        this.roots = List.copyOf(roots);
        int n = 0;
        for (Node r : this.roots) n += count(r);
        int slots = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1; // a power of two, at most half full
        ids = new RowKey[slots];
        nodes = new Node[slots];
        parents = new RowKey[slots];
        mask = slots - 1;
        for (Node r : this.roots) index(r, null);
    }

    private static int count(Node n) {
        int c = 1;
        List<Node> kids = n.children();
        for (int i = 0; i < kids.size(); i++) c += count(kids.get(i)); // no iterator per node
        return c;
    }

    private void index(Node n, RowKey parent) {
        RowKey id = n.id();
        int s = slot(id);
        if (ids[s] != null) throw new IllegalArgumentException("two nodes with id " + id);
        ids[s] = id;
        nodes[s] = n;
        parents[s] = parent;
        size++;
        List<Node> kids = n.children();
        for (int i = 0; i < kids.size(); i++) index(kids.get(i), id);
    }

    /** The id's slot: where it is, or the empty one where it would go. */
    private int slot(Object id) {
        int h = id.hashCode();
        int s = (h ^ (h >>> 16)) & mask;
        while (ids[s] != null && !ids[s].equals(id)) s = (s + 1) & mask;
        return s;
    }

    private Node at(RowKey id) {
        return id == null ? null : nodes[slot(id)];
    }

    private RowKey parentOf(RowKey id) {
        return id == null ? null : parents[slot(id)];
    }

    public List<Node> roots() {
        return roots;
    }

    public Optional<Node> node(RowKey id) {
        return Optional.ofNullable(at(id));
    }

    public boolean contains(RowKey id) {
        return at(id) != null;
    }

    /** The parent's id; empty for a root. */
    public Optional<RowKey> parent(RowKey id) {
        return Optional.ofNullable(parentOf(id));
    }

    /** From the node up to its root, the node itself first. */
    public List<RowKey> lineage(RowKey id) {
        List<RowKey> out = new ArrayList<>();
        for (RowKey at = id; at != null; at = parentOf(at)) out.add(at);
        return out;
    }

    /** Its siblings (itself included), in display order. */
    public List<Node> siblings(RowKey id) {
        RowKey p = parentOf(id);
        if (p == null) return contains(id) ? roots : Collections.emptyList();
        return at(p).children();
    }

    public int size() {
        return size;
    }
}
