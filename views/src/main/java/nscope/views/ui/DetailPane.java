package nscope.views.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Detail;
import nscope.views.screens.Link;
import nscope.views.screens.Screen;
import nscope.views.text.Escape;
import nscope.views.text.Fit;
import nscope.views.tree.RowKey;

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

    void draw(TextGraphics g, int top, int w) {
        g.putString(0, top, "─".repeat(w));
        Detail d = detail();
        int y = top + 1;
        for (String l : d.lines()) {
            if (y >= top + HEIGHT) break;
            g.putString(0, y++, Fit.cut(Escape.terminal(l), w));
        }
        if (d.links().isEmpty() || y >= top + HEIGHT) return;
        link = Math.min(link, d.links().size() - 1);
        StringBuilder b = new StringBuilder("links [ ] Enter: ");
        int start = Math.max(0, link - 2);
        for (int i = start; i < d.links().size(); i++) {
            String label = Escape.terminal(d.links().get(i).label());
            b.append(i == link ? "<" + label + ">" : label).append("  ");
        }
        String text = b.toString();
        while (y < top + HEIGHT && !text.isEmpty()) {
            g.putString(0, y++, Fit.cut(text, w));
            text = text.length() > w ? text.substring(w) : "";
        }
    }
}
