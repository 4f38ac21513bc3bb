package nscope.views.text;

import java.util.List;

/**
 * How a table's columns share a screen's width when the last one holds a
 * tree whose names should show whole: a column no row fills is left out, a
 * column is as wide as its widest cell (or its header; never wider than
 * declared), and when the tree still lacks room the columns nearest it give
 * way, one by one, the first column always kept.
 */
public final class ColumnFit {
    private ColumnFit() {}

    /**
     * @param names    the headers, the tree's last
     * @param declared the widest each column but the last may be
     * @param fills    the widest cell of each column but the last (0: no row fills it)
     * @param need     the room the tree's widest row needs (its indent, name and marks)
     * @param width    the screen's width
     * @return the width of each column but the last (0: left out); the last takes the rest
     */
    public static int[] widths(List<String> names, int[] declared, int[] fills, int need, int width) {
        int n = names.size() - 1;
        int[] w = new int[Math.max(0, n)];
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (fills[i] <= 0) continue;
            w[i] = Math.min(Math.max(declared[i], 1), Math.max(names.get(i).length(), fills[i]));
            used += w[i] + 1;
        }
        for (int i = n - 1; i > 0 && width - used < need; i--) {
            if (w[i] == 0 || first(w) == i) continue;
            used -= w[i] + 1;
            w[i] = 0;
        }
        return w;
    }

    private static int first(int[] w) {
        for (int i = 0; i < w.length; i++) if (w[i] > 0) return i;
        return -1;
    }
}
