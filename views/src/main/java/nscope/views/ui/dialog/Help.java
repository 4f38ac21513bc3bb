package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import nscope.views.keys.Binding;
import nscope.views.text.Fit;

/**
 * A list to read over the screen: the help (the shown screen's columns with
 * what each means, how rows are marked, then the key table's bindings), or
 * what the selected row's columns hold and mean. Long lines wrap under
 * themselves; a terminal too small for all of it shows part, which the
 * arrows and pages scroll; any other key closes it.
 */
public final class Help implements Dialog {
    /**
     * One entry: a label (keys, a column's header) and what it says, wrapped
     * under itself; a null label makes a heading.
     */
    public record Entry(String label, String text) {
        public static Entry heading(String text) {
            return new Entry(null, text);
        }
    }

    private final String name;
    private final List<Entry> entries;
    private int top;

    /** The keys only. */
    public Help(List<Binding> bindings) {
        this("nscope keys", keys(bindings));
    }

    /** @param name what the title calls it ("nscope help") */
    public Help(String name, List<Entry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
    }

    /**
     * The help for a screen: its columns (each header with its one-line
     * meaning, from the column definitions), how rows are marked, then the keys.
     *
     * @param screen  the screen's title
     * @param columns its columns: header and meaning
     * @param color   whether new and moved rows are told by colour (else by marks)
     */
    public static Help forScreen(String screen, List<Entry> columns, boolean color, List<Binding> bindings) {
        return forScreen(screen, columns, color, List.of(), bindings);
    }

    /** The same, these entries first (an open lab's keys). */
    public static Help forScreen(
            String screen, List<Entry> columns, boolean color, List<Entry> first, List<Binding> bindings) {
        List<Entry> all = new ArrayList<>(first);
        all.add(Entry.heading("The columns of the " + screen + " screen (i: what the selected row's hold):"));
        all.addAll(columns);
        all.add(Entry.heading("Rows:"));
        all.add(new Entry("+ / -", "before a name: rows under it, closed / open (Right or Space opens one)"));
        all.add(
                color
                        ? new Entry("green / yellow", "a name new since the last refresh / under another parent now")
                        : new Entry(
                                "[new] [moved]",
                                "after a name: new since the last refresh / under another parent now"));
        all.add(new Entry("reverse", "the selected row: the detail pane below is about it"));
        all.add(Entry.heading("Keys:"));
        all.addAll(keys(bindings));
        return new Help("nscope help", all);
    }

    /**
     * What the selected row's columns hold and mean: each column's header and
     * the row's value, its meaning under it.
     *
     * @param row     what the row is, for the title ("process 20587")
     * @param columns per column: {header, the row's value, its meaning}
     */
    public static Help explain(String row, List<String[]> columns) {
        List<Entry> all = new ArrayList<>();
        for (String[] c : columns) {
            all.add(new Entry(c[0], c[1].isBlank() ? "(blank: none here)" : c[1]));
            all.add(new Entry("", "  " + c[2]));
        }
        return new Help(row, all);
    }

    /** Each binding as an entry: its keys, what they do. */
    public static List<Entry> keys(List<Binding> bindings) {
        return bindings.stream().map(b -> new Entry(b.shown(), b.help())).toList();
    }

    @Override
    public Result key(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowDown -> top++;
            case ArrowUp -> top = Math.max(0, top - 1);
            case PageDown -> top += 10;
            case PageUp -> top = Math.max(0, top - 10);
            default -> {
                return Result.done(null, false);
            }
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = Math.min(w - 4, 76);
        List<String> lines = entryLines(entries, width - 3);
        int titleLines = 1, height = Math.min(h - 2, lines.size() + 4), rows = height - 4;
        if (rows < lines.size()) { // scrolled: the title says which lines, and may take two
            titleLines = Overlay.titleLines(title(rows, lines.size()), width).size();
            rows = height - 3 - titleLines;
        }
        top = Math.min(top, Math.max(0, lines.size() - rows));
        int[] at = Overlay.box(g, w, h, width, height, title(rows, lines.size()));
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            String l = lines.get(top + i);
            boolean heading = l.startsWith("\0");
            if (heading) g.enableModifiers(SGR.BOLD);
            g.putString(at[0] + 2, at[1] + 1 + titleLines + i, heading ? l.substring(1) : l);
            if (heading) g.disableModifiers(SGR.BOLD);
        }
    }

    private String title(int rows, int size) {
        return rows < size
                ? name + ", lines " + (top + 1) + "-" + (top + rows) + " of " + size
                        + " (Up/Down: more; any other key closes this)"
                : name + " (any key closes this)";
    }

    /** Each binding as "keys  what it does", what it does wrapped at spaces under itself. */
    public static List<String> lines(List<Binding> bindings, int width) {
        return entryLines(keys(bindings), width).stream()
                .map(l -> l.replace("\0", ""))
                .toList();
    }

    /** The entries' lines: a label in 15 columns, its text wrapped under itself; a heading starts with NUL (bold). */
    static List<String> entryLines(List<Entry> entries, int width) {
        List<String> out = new ArrayList<>();
        int text = Math.max(10, width - 16);
        for (Entry e : entries) {
            if (e.label() == null) {
                for (String l : Fit.wrap(e.text(), width, Integer.MAX_VALUE)) out.add("\0" + l);
                continue;
            }
            String label = String.format("%-15s ", e.label());
            if (label.length() > 16) {
                out.add(Fit.tilde(e.label(), width)); // a long label on a line of its own
                label = " ".repeat(16);
            }
            String body = e.text().stripLeading();
            String indent = " ".repeat(e.text().length() - body.length()); // kept on every line
            for (String l : Fit.wrap(body, Math.max(10, text - indent.length()), Integer.MAX_VALUE)) {
                out.add(Fit.cut(label + indent + l, width));
                label = " ".repeat(16);
            }
        }
        return out;
    }
}
