package nscope.views.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sorting a tree screen by a column: siblings are ordered among themselves,
 * so the tree stays a tree. Figures sort biggest first (as top does), text
 * alphabetically; "12M/1.0G" sorts by its first figure in bytes.
 */
public final class Sorting {
    private Sorting() {}

    public static Forest by(Forest f, int column) {
        if (column < 0) return f;
        return new Forest(sorted(f.roots(), column));
    }

    private static List<Node> sorted(List<Node> nodes, int column) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes)
            out.add(n.leaf() ? n : new Node(n.id(), n.cells(), n.mark(), sorted(n.children(), column)));
        out.sort(comparator(column));
        return out;
    }

    static Comparator<Node> comparator(int column) {
        return (a, b) -> {
            String x = cell(a, column), y = cell(b, column);
            Double p = figure(x), q = figure(y);
            if (p != null && q != null) return Double.compare(q, p);
            if (p != null) return -1;
            if (q != null) return 1;
            return x.compareToIgnoreCase(y);
        };
    }

    private static String cell(Node n, int column) {
        return column < n.cells().size() ? n.cells().get(column).strip() : "";
    }

    /** The leading figure of a cell, with a binary unit applied (K, M, G, T); null when it starts with none. */
    static Double figure(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i == 0) return null;
        double v;
        try {
            v = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return null;
        }
        if (i < s.length()) {
            int unit = "BKMGTPE".indexOf(s.charAt(i));
            if (unit > 0) v *= Math.pow(1024, unit);
        }
        return v;
    }
}
