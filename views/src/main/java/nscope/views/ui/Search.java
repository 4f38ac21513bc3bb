package nscope.views.ui;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.Locale;
import nscope.views.text.Escape;
import nscope.views.tree.Forests;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import nscope.views.tree.TreeState;

/**
 * Search (/, n, N: the next row whose text holds it) and filter (f: only
 * matching rows and their ancestors), and the line they are typed on.
 */
final class Search {
    private enum Typing {
        SEARCH,
        FILTER
    }

    private final Rows rows;
    private final StatusLine status;
    private Typing typing;
    private StringBuilder typed = new StringBuilder();
    private String search = "";

    Search(Rows rows, StatusLine status) {
        this.rows = rows;
        this.status = status;
    }

    /** Whether a search or a filter is being typed (it takes the keys). */
    boolean typing() {
        return typing != null;
    }

    /** /: type a search. */
    void startSearch() {
        typing = Typing.SEARCH;
        typed = new StringBuilder();
    }

    /** f: type a filter, starting from the one applied. */
    void startFilter() {
        typing = Typing.FILTER;
        typed = new StringBuilder(rows.filter());
    }

    /** What the status line shows while typing (null when not). */
    String prompt() {
        if (typing == null) return null;
        return typing == Typing.SEARCH
                ? "/" + Escape.terminal(typed.toString())
                : "filter: " + Escape.terminal(typed.toString()) + "   (Enter applies, empty: all rows)";
    }

    /** A key while typing: Enter applies, Esc cancels. */
    void key(KeyStroke k) {
        switch (k.getKeyType()) {
            case Escape -> typing = null;
            case Backspace -> {
                if (typed.length() > 0) typed.setLength(typed.length() - 1);
            }
            case Enter -> {
                Typing was = typing;
                typing = null;
                if (was == Typing.SEARCH) {
                    search = typed.toString();
                    find(0);
                } else {
                    rows.filter(typed.toString());
                    status.say(rows.filter().isEmpty() ? "filter off" : "filter: " + rows.filter());
                }
            }
            case Character -> {
                if (!Character.isISOControl(k.getCharacter())) typed.append(k.getCharacter());
            }
            default -> {}
        }
    }

    /** The next (dir 1), previous (-1) or first from here (0) row whose text holds the search. */
    void find(int dir) {
        if (search.isEmpty() || rows.last() == null) return;
        rows.ensure(rows.shown());
        if (rows.building(rows.shown())) {
            // typed right after turning to a screen: found once its rows are there
            rows.searchWhenBuilt(() -> find(0));
            status.say("searching once the " + rows.shown().title() + " rows are built...");
            return;
        }
        TreeState state = rows.state();
        List<Node> all = Forests.inOrder(state.forest());
        if (all.isEmpty()) {
            status.say("not found: " + search);
            return;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        int at = 0;
        RowKey sel = state.selected();
        for (int i = 0; i < all.size(); i++) if (all.get(i).id().equals(sel)) at = i;
        int step = dir < 0 ? -1 : 1;
        for (int n = dir == 0 ? 0 : 1; n <= all.size(); n++) {
            Node c = all.get(Math.floorMod(at + step * n, all.size()));
            if (Forests.matches(c, needle)) {
                state.select(c.id());
                status.say("found: " + search);
                return;
            }
        }
        status.say("not found: " + search);
    }
}
