package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import nscope.views.columns.Column;
import nscope.views.text.Escape;
import nscope.views.text.Fit;
import nscope.views.tree.Row;
import nscope.views.tree.RowKey;
import nscope.views.tree.TreeState;

/**
 * Draws a tree screen: a header line, then the visible rows of a
 * {@link TreeState} in columns, the tree drawn in the last one. Every cell
 * is host text: escaped here, and cut to its column, so a name can neither
 * move the cursor nor push the next column.
 */
final class TreePane {
    private TreePane() {}

    /**
     * @param colorOf    the colour of a row's name (its namespace type), or DEFAULT
     * @param fresh      rows new since the last refresh (their names take the palette's fresh colour)
     * @param marks      row -> what the screen adds to its own mark ("[ctr NAME]"; "[new]", "[moved]" without colour)
     * @param empty      what stands under the header when there is no row (why)
     */
    static void draw(
            TextGraphics g,
            int top,
            int height,
            int width,
            List<? extends Column<?>> columns,
            TreeState state,
            Palette palette,
            Function<Row, TextColor> colorOf,
            Set<RowKey> fresh,
            Function<RowKey, String> marks,
            String empty) {
        if (height < 2 || width < 10) return;
        StringBuilder head = new StringBuilder();
        for (Column<?> c : columns)
            head.append(cell(c.name(), c, width - head.length())).append(c.width() == 0 ? "" : " ");
        g.enableModifiers(SGR.BOLD);
        g.putString(0, top, Fit.cut(head.toString(), width));
        g.disableModifiers(SGR.BOLD);
        int rowsHeight = height - 1;
        int first = state.top(rowsHeight);
        List<Row> rows = state.rows();
        if (rows.isEmpty()) g.putString(0, top + 1, Fit.cut(empty, width));
        RowKey selected = state.selected();
        for (int i = 0; i < rowsHeight && first + i < rows.size(); i++) {
            Row r = rows.get(first + i);
            int y = top + 1 + i;
            boolean sel = r.node().id().equals(selected);
            StringBuilder line = new StringBuilder();
            List<String> cells = r.node().cells();
            for (int c = 0; c < columns.size() - 1 && c < cells.size(); c++)
                line.append(cell(Escape.terminal(cells.get(c)), columns.get(c), width - line.length()))
                        .append(' ');
            int nameAt = line.length();
            String name =
                    r.branch() + r.fold() + " " + Escape.terminal(cells.isEmpty() ? "" : cells.get(cells.size() - 1));
            String added = marks.apply(r.node().id());
            String mark = (r.node().mark().isEmpty()
                            ? ""
                            : "  " + Escape.terminal(r.node().mark()))
                    + (added.isEmpty() ? "" : "  " + added);
            // a long name (a command line) gives way to the marks, so they stay on the screen
            int room = width - nameAt - mark.length();
            if (!mark.isEmpty() && name.length() > room && room >= 12) name = name.substring(0, room - 1) + "~";
            if (sel) g.enableModifiers(SGR.REVERSE);
            g.putString(0, y, Fit.cut(line.toString(), width));
            TextColor c = fresh.contains(r.node().id()) ? palette.fresh() : colorOf.apply(r);
            g.setForegroundColor(c);
            if (nameAt < width) g.putString(nameAt, y, Fit.cut(name, width - nameAt));
            g.setForegroundColor(palette.mark());
            int markAt = nameAt + name.length();
            if (!mark.isEmpty() && markAt < width) g.putString(markAt, y, Fit.cut(mark, width - markAt));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            if (sel) {
                int end = Math.min(width, markAt + mark.length());
                if (end < width) g.putString(end, y, " ".repeat(width - end));
                g.disableModifiers(SGR.REVERSE);
            }
        }
    }

    /** A cell padded or cut to its column's width (the last column: what is left). */
    static String cell(String s, Column<?> c, int room) {
        int w = c.width() == 0 ? Math.max(0, room) : c.width();
        if (s.length() > w) return w <= 1 ? s.substring(0, w) : s.substring(0, w - 1) + "~";
        String pad = " ".repeat(w - s.length());
        return c.right() ? pad + s : c.width() == 0 ? s : s + pad;
    }
}
