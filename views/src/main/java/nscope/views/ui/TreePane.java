package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nscope.views.columns.Column;
import nscope.views.text.ColumnFit;
import nscope.views.text.Escape;
import nscope.views.text.Fit;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.Row;
import nscope.views.tree.RowKey;
import nscope.views.tree.TreeState;

/**
 * Draws a tree screen: a header line, then the visible rows of a
 * {@link TreeState} in columns, the tree drawn in the last one. Every cell
 * is host text: escaped here, and cut to its column, so a name can neither
 * move the cursor nor push the next column. A screen of sections (the
 * cgroups screen: one per hierarchy) gives each top-level row and its rows
 * the columns they fill, as wide as their cells, the columns nearest the
 * tree giving way while its widest row lacks room; a section's top-level
 * row then names its columns, as the header line does for the section at
 * the top.
 */
final class TreePane {
    /**
     * How rows are drawn besides their cells.
     *
     * @param colorOf the colour of a row's name (its namespace type), or DEFAULT
     * @param fresh   rows new since the last refresh (their names take the palette's fresh colour)
     * @param marks   row -> what the screen adds to its own mark ("[ctr NAME]"; "[new]", "[moved]" without colour)
     * @param empty   what stands under the header when there is no row (why)
     */
    record Look(
            Palette palette,
            Function<Row, TextColor> colorOf,
            Set<RowKey> fresh,
            Function<RowKey, String> marks,
            String empty) {}

    /** The widest cell of each column in each section (by its top row), for the forest they were measured in. */
    private Forest measured;

    private final Map<RowKey, int[]> fills = new HashMap<>();

    /** @param sections whether each top-level row heads a section of its own columns ({@code Screen.sections()}) */
    void draw(
            TextGraphics g,
            int top,
            int height,
            int width,
            List<? extends Column<?>> columns,
            boolean sections,
            TreeState state,
            Look look) {
        if (height < 2 || width < 10) return;
        int rowsHeight = height - 1;
        int first = state.top(rowsHeight);
        List<Row> rows = state.rows();
        int[][] layout = layouts(rows, columns, sections, width, look, state.forest());
        g.enableModifiers(SGR.BOLD);
        g.putString(0, top, Fit.cut(names(columns, layout[Math.min(first, layout.length - 1)]), width));
        g.disableModifiers(SGR.BOLD);
        if (rows.isEmpty()) g.putString(0, top + 1, Fit.cut(look.empty(), width));
        for (int i = 0; i < rowsHeight && first + i < rows.size(); i++) {
            Row r = rows.get(first + i);
            // a section's top row names its columns, unless the header line above does
            boolean heads =
                    sections && r.depth() == 0 && i > 0 && blank(r.node().cells());
            String name = name(r, sections);
            drawRow(g, top + 1 + i, width, r, name, columns, layout[first + i], heads, state.selected(), look);
        }
    }

    private static void drawRow(
            TextGraphics g,
            int y,
            int width,
            Row r,
            String name,
            List<? extends Column<?>> columns,
            int[] w,
            boolean heads,
            RowKey selected,
            Look look) {
        boolean sel = r.node().id().equals(selected);
        List<String> cells = r.node().cells();
        String line = heads ? before(columns, w) : cells(cells, columns, w);
        int nameAt = line.length();
        String mark = mark(r, look);
        // a name one column too long for its marks keeps them one space apart, not two
        if (!mark.isEmpty() && nameAt + name.length() + mark.length() == width + 1) mark = mark.substring(1);
        // a long name (a command line) gives way to the marks, so they stay on the screen
        int room = width - nameAt - mark.length();
        if (!mark.isEmpty() && name.length() > room && room >= 12) name = name.substring(0, room - 1) + "~";
        if (sel) g.enableModifiers(SGR.REVERSE);
        if (heads) g.enableModifiers(SGR.BOLD);
        g.putString(0, y, Fit.cut(line, width));
        if (heads) g.disableModifiers(SGR.BOLD);
        TextColor c = look.fresh().contains(r.node().id())
                ? look.palette().fresh()
                : look.colorOf().apply(r);
        g.setForegroundColor(c);
        if (nameAt < width) g.putString(nameAt, y, Fit.cut(name, width - nameAt));
        g.setForegroundColor(look.palette().mark());
        int markAt = nameAt + name.length();
        if (!mark.isEmpty() && markAt < width) g.putString(markAt, y, Fit.cut(mark, width - markAt));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (sel) {
            int end = Math.min(width, markAt + mark.length());
            if (end < width) g.putString(end, y, " ".repeat(width - end));
            g.disableModifiers(SGR.REVERSE);
        }
    }

    /** The tree drawing and the name: "│ ├─- bash" (in sections, the top rows are headings, not a tree level). */
    private static String name(Row r, boolean sections) {
        List<String> cells = r.node().cells();
        return r.branch(sections ? 1 : 0) + r.fold() + " "
                + Escape.terminal(cells.isEmpty() ? "" : cells.get(cells.size() - 1));
    }

    /** What stands out after the name: the row's own mark, and what the screen adds; "" for nothing. */
    private static String mark(Row r, Look look) {
        String added = look.marks().apply(r.node().id());
        return (r.node().mark().isEmpty() ? "" : "  " + Escape.terminal(r.node().mark()))
                + (added.isEmpty() ? "" : "  " + added);
    }

    /** The room a row's name and marks need (the marks at least one space after the name). */
    private static int need(Row r, Look look) {
        String mark = mark(r, look);
        return name(r, true).length() + Math.max(0, mark.length() - 1);
    }

    /** The cells before the tree, each in its column's width (left out: width 0), a space after each. */
    private static String cells(List<String> cells, List<? extends Column<?>> columns, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size() - 1 && c < cells.size(); c++)
            if (w[c] > 0)
                line.append(cell(Escape.terminal(cells.get(c)), columns.get(c), w[c]))
                        .append(' ');
        return line.toString();
    }

    /** The header line for a layout: each column's name in its width, the tree's last. */
    private static String names(List<? extends Column<?>> columns, int[] w) {
        return before(columns, w) + columns.get(columns.size() - 1).name();
    }

    /** The names of the columns before the tree, each in its width, a space after each. */
    private static String before(List<? extends Column<?>> columns, int[] w) {
        StringBuilder head = new StringBuilder();
        for (int c = 0; c < columns.size() - 1; c++)
            if (w[c] > 0)
                head.append(cell(columns.get(c).name(), columns.get(c), w[c])).append(' ');
        return head.toString();
    }

    private static boolean blank(List<String> cells) {
        for (int c = 0; c < cells.size() - 1; c++) if (!cells.get(c).isBlank()) return false;
        return true;
    }

    /** Each visible row's column widths (one entry when there is no row): declared, or its section's. */
    private int[][] layouts(
            List<Row> rows, List<? extends Column<?>> columns, boolean sections, int width, Look look, Forest f) {
        int n = columns.size() - 1;
        int[] declared = new int[n];
        for (int c = 0; c < n; c++) declared[c] = columns.get(c).width();
        int[][] out = new int[Math.max(1, rows.size())][];
        java.util.Arrays.fill(out, declared);
        if (!sections || rows.isEmpty()) return out;
        if (measured != f) {
            measured = f;
            fills.clear();
        }
        List<String> names = columns.stream().map(Column::name).toList();
        for (int start = 0, end; start < rows.size(); start = end) {
            int need = 0;
            for (end = start;
                    end < rows.size() && (end == start || rows.get(end).depth() > 0);
                    end++) need = Math.max(need, need(rows.get(end), look));
            Node head = rows.get(start).node();
            int[] w = ColumnFit.widths(
                    names, declared, fills.computeIfAbsent(head.id(), k -> fill(head, n)), need, width);
            for (int i = start; i < end; i++) out[i] = w;
        }
        return out;
    }

    /** The widest cell of each column but the tree's, over a node and everything under it. */
    private static int[] fill(Node head, int n) {
        int[] w = new int[n];
        List<Node> todo = new ArrayList<>(List.of(head));
        while (!todo.isEmpty()) {
            Node x = todo.remove(todo.size() - 1);
            for (int c = 0; c < n && c < x.cells().size(); c++)
                w[c] = Math.max(w[c], x.cells().get(c).strip().length());
            todo.addAll(x.children());
        }
        return w;
    }

    /** A cell padded or cut to its width. */
    static String cell(String s, Column<?> c, int w) {
        if (s.length() > w) return w <= 1 ? s.substring(0, w) : s.substring(0, w - 1) + "~";
        String pad = " ".repeat(w - s.length());
        return c.right() ? pad + s : s + pad;
    }
}
