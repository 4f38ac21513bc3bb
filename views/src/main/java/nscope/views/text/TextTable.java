package nscope.views.text;

import java.util.ArrayList;
import java.util.List;
import nscope.views.columns.Column;

/** A plain column table like util-linux prints: header, padded columns, last column free. */
public final class TextTable {
    private final List<Column<?>> columns;
    private final List<String[]> rows = new ArrayList<>();

    /** The columns' headers and alignments (a text table fits each column to its widest cell). */
    public TextTable(List<? extends Column<?>> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; every cell is escaped for the terminal here. */
    public TextTable add(Object... cells) {
        if (cells.length != columns.size()) throw new IllegalArgumentException("row has " + cells.length + " cells");
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = Escape.terminal(String.valueOf(cells[i]));
        rows.add(r);
        return this;
    }

    public String render(boolean headings) {
        int n = columns.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = headings ? columns.get(i).name().length() : 0;
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder out = new StringBuilder();
        if (headings) line(out, columns.stream().map(Column::name).toArray(String[]::new), w);
        for (String[] r : rows) line(out, r, w);
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String c = cells[i];
            int pad = w[i] - c.length();
            if (columns.get(i).right()) out.append(" ".repeat(pad)).append(c);
            else out.append(c).append(last ? "" : " ".repeat(pad));
            if (!last) out.append(' ');
        }
        out.append('\n');
    }
}
