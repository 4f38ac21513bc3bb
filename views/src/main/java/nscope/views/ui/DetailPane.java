package nscope.views.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import nscope.views.columns.Column;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Detail;
import nscope.views.screens.Link;
import nscope.views.screens.Screen;
import nscope.views.text.Escape;
import nscope.views.text.Fit;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import nscope.views.ui.dialog.Help;

/**
 * The pane under the rows: what the selected row's screen says about it,
 * and its cross-links, one chosen ([ ]); Enter follows the chosen link to
 * its row on the screen that shows it, remembering where from, and
 * Backspace goes back there, the link followed chosen again.
 */
final class DetailPane {
    static final int HEIGHT = 6;

    /** Where a link was followed from: a screen, its row then (null: none selected), the link followed and its place. */
    private record Place(Screen screen, RowKey row, RowKey link, int index) {}

    private final Rows rows;
    private final StatusLine status;
    private final Deque<Place> back = new ArrayDeque<>();
    private int link;

    DetailPane(Rows rows, StatusLine status) {
        this.rows = rows;
        this.status = status;
    }

    /** Turns to a screen (the link chosen is its first again). */
    void turnTo(Screen s) {
        rows.show(s);
        link = 0;
    }

    void nextLink() {
        link++;
    }

    void previousLink() {
        link = Math.max(0, link - 1);
    }

    Detail detail() {
        RowKey k = rows.state().selected();
        return rows.last() == null || k == null
                ? Detail.NONE
                : rows.shown().detail(rows.last().snapshot(), k);
    }

    /** Enter: follow the chosen link, remembering where from; with no link, open or close the row. */
    void follow() {
        Detail d = detail();
        if (d.links().isEmpty()) {
            rows.state().toggle();
            return;
        }
        Link l = d.links().get(Math.min(link, d.links().size() - 1));
        Screen to = AllScreens.showing(l.to()).orElse(null);
        int at = Math.min(link, d.links().size() - 1);
        Place from = new Place(rows.shown(), rows.state().selected(), l.to(), at);
        if (to != null) rows.ensure(to);
        if (to == null || !rows.select(to, l.to())) {
            status.say(Escape.terminal(l.label()) + " is not on that screen (filtered out, or gone)");
            return;
        }
        back.push(from);
        turnTo(to);
    }

    /** Backspace, b: back to where the last link was followed from, with that link chosen again. */
    void goBack() {
        Place p = back.poll();
        if (p == null) {
            status.say("nothing to go back to");
            return;
        }
        turnTo(p.screen());
        rows.ensure(p.screen());
        if (p.row() != null) rows.select(p.screen(), p.row());
        link = p.index();
        // the same link, should a refresh have moved it in the list
        List<Link> now = detail().links();
        for (int i = 0; i < now.size(); i++) if (now.get(i).to().equals(p.link())) link = i;
    }

    /**
     * i: the selected row's cells, each under its column's header with the
     * column's meaning, and its marks; null when no row is selected.
     *
     * @param added what the screen adds to a row's own mark (containers; new and moved without colour)
     */
    Help explain(java.util.function.Function<RowKey, String> added) {
        Screen s = rows.shown();
        RowKey sel = rows.state().selected();
        Node n = sel == null ? null : rows.state().forest().node(sel).orElse(null);
        if (n == null) return null;
        List<String[]> out = new ArrayList<>();
        List<? extends Column<?>> cs = s.columns();
        for (int i = 0; i < cs.size(); i++)
            out.add(new String[] {
                cs.get(i).name(),
                Escape.terminal(i < n.cells().size() ? n.cells().get(i) : ""),
                cs.get(i).help()
            });
        String marks = (Escape.terminal(n.mark()) + "  " + added.apply(sel)).strip();
        if (!marks.isEmpty())
            out.add(new String[] {
                "marks",
                marks,
                "what stands out about it (the " + cs.get(cs.size() - 1).name() + " column says which)"
            });
        String name = n.cells().isEmpty()
                ? ""
                : Escape.terminal(n.cells().get(n.cells().size() - 1));
        return Help.explain(Fit.tilde(name, 30) + " on the " + s.title() + " screen: its columns", out);
    }

    /**
     * The detail's lines, wrapped at word boundaries while the pane has room
     * (at least one line is kept for the links), then the links, each shown
     * whole: a line holds the labels that fit, the chosen one always shown.
     */
    void draw(TextGraphics g, int top, int w) {
        g.putString(0, top, "─".repeat(w));
        Detail d = detail();
        int room = HEIGHT - 1, reserve = d.links().isEmpty() ? 0 : 1;
        List<String> src = d.lines().stream().map(Escape::terminal).toList();
        int n = Math.min(src.size(), room - reserve), extra = room - reserve - n;
        int y = top + 1;
        for (int i = 0; i < n; i++) {
            int want = Fit.wrap(src.get(i), w, room).size();
            int rows = Math.min(want, 1 + extra);
            extra -= rows - 1;
            for (String l : Fit.wrap(src.get(i), w, rows)) g.putString(0, y++, l);
        }
        if (d.links().isEmpty() || y >= top + HEIGHT) return;
        link = Math.min(link, d.links().size() - 1);
        for (String l : links(d.links(), w, top + HEIGHT - y)) g.putString(0, y++, l);
    }

    /**
     * The links in at most max lines of width w, each label whole (one
     * longer than a line is cut), the chosen one in angle brackets and on
     * screen: the list starts late enough for it, "..." saying what is left out.
     */
    List<String> links(List<Link> all, int w, int max) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String l = Escape.terminal(all.get(i).label());
            labels.add(i == link ? "<" + l + ">" : l);
        }
        for (int start = 0; start < link; start++) {
            List<String> out = new ArrayList<>();
            if (placed(labels, start, w, max, out) > link) return out;
        }
        List<String> out = new ArrayList<>();
        placed(labels, link, w, max, out);
        return out;
    }

    /** Lays out the labels from start into out; returns the index after the last one placed. */
    private static int placed(List<String> labels, int start, int w, int max, List<String> out) {
        StringBuilder line = new StringBuilder("links [ ] Enter: " + (start > 0 ? "... " : ""));
        boolean empty = true; // no label on this line yet
        int i = start;
        while (i < labels.size()) {
            boolean lastLine = out.size() >= max - 1, more = i < labels.size() - 1;
            int tail = lastLine && more ? Fit.MORE.length() : 0, gap = empty ? 0 : 2;
            String l = Fit.tilde(labels.get(i), w);
            if (line.length() + gap + l.length() + tail > w) {
                if (!lastLine) {
                    out.add(line.toString());
                    line = new StringBuilder();
                    empty = true;
                    continue;
                }
                if (!empty) break;
                l = Fit.tilde(l, w - line.length() - tail); // alone on the last line: cut, but shown
            }
            line.append(empty ? "" : "  ").append(l);
            empty = false;
            i++;
        }
        if (i < labels.size()) line.append(Fit.MORE);
        out.add(line.toString());
        return i;
    }
}
