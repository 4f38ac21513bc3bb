package nscope.views.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walking and narrowing a forest: every node in display order (search),
 * and the rows whose text holds a filter, with their ancestors so each
 * keeps its place in the tree.
 */
public final class Forests {
    private Forests() {}

    /** Rows whose cells, mark or key text hold text (case-insensitive), with their ancestors. */
    public static Forest filter(Forest f, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
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

    /** Whether a row's cells, mark or key text hold the needle (already lower case). */
    public static boolean matches(Node n, String needle) {
        for (String c : n.cells()) if (c.toLowerCase(Locale.ROOT).contains(needle)) return true;
        return n.mark().toLowerCase(Locale.ROOT).contains(needle)
                || n.id().text().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Every node in display order (collapsed ones too), for search. */
    public static List<Node> inOrder(Forest f) {
        List<Node> out = new ArrayList<>();
        for (Node r : f.roots()) walk(r, out);
        return out;
    }

    private static void walk(Node n, List<Node> out) {
        out.add(n);
        for (Node c : n.children()) walk(c, out);
    }
}
