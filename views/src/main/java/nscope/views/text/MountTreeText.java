package nscope.views.text;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.mounts.OverlayLayers;
import nscope.views.columns.Column;
import nscope.views.columns.MountCells;
import nscope.views.columns.MountColumns;

/**
 * A mount table as findmnt --tree draws it: TARGET with the tree in front
 * (├─ └─ │), SOURCE, FSTYPE, PROPAGATION (the mountinfo tags: shared:N,
 * master:N, propagate_from:N, unbindable, or private) and OPTIONS. An
 * overlay's layers are lines of their own under its row, in the OPTIONS
 * column ("lower: PATH" uppermost first, then "data:", "upper:", "work:"),
 * and are left out of its OPTIONS cell; layers that could not be read are
 * one line saying why ("layers: unknown (...)"), the options then shown
 * whole. Host text is escaped: control
 * characters as \n, \t, \xNN (see {@link Escape}), and spaces as \x20, so
 * a name cannot split or shift a column. The columns are {@link MountColumns#TEXT}.
 */
public final class MountTreeText {
    private MountTreeText() {}

    public static String render(MountTable table, boolean headings) {
        TextTable t = new TextTable(MountColumns.TEXT);
        List<Mount> roots = table.roots();
        for (Mount r : roots) add(t, table, r, "", "");
        return t.render(headings);
    }

    /** Adds a mount's row (drawn after {@code branch}), its layer lines and its subtree (drawn after {@code under}). */
    private static void add(TextTable t, MountTable table, Mount m, String branch, String under) {
        List<Mount> kids = table.children(m.id());
        List<String> cells = new ArrayList<>();
        for (Column<Mount> c : MountColumns.TEXT) {
            // an overlay's layers are lines of their own below: left out of its OPTIONS cell
            String cell = c == MountColumns.OPTIONS && m.overlay().isPresent()
                    ? MountCells.optionsWithoutLayers(m)
                    : c.text(m, "");
            // the propagation tags are nscope's own words, spaced
            cells.add(c == MountColumns.PROPAGATION ? cell : host(cell));
        }
        cells.set(0, branch + cells.get(0)); // the tree is drawn in TARGET
        t.add(cells.toArray());
        String gutter = under + (kids.isEmpty() ? "" : "│");
        if (m.overlay().isPresent()) for (String line : layerLines(m.overlay().get())) t.add(gutter, "", "", "", line);
        else m.layersUnknown().ifPresent(why -> t.add(gutter, "", "", "", MountCells.layersUnknown(why)));
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            add(t, table, kids.get(i), under + (last ? "└─" : "├─"), under + (last ? "  " : "│ "));
        }
    }

    /** The layer lines, with spaces made visible as in every cell here. */
    static List<String> layerLines(OverlayLayers o) {
        return o.lines(MountTreeText::host);
    }

    /** Host text for a cell: spaces made visible; the table escapes the control characters. */
    static String host(String s) {
        return s == null ? "" : s.replace(" ", "\\x20");
    }
}
