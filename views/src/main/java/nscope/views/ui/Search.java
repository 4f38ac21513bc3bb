package nscope.views.ui;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
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
        FILTER,
        /** A line asked for by another part (a replay's time), given to {@link #then}. */
        PROMPT
    }

    private final Rows rows;
    private final StatusLine status;
    private Typing typing;
    private StringBuilder typed = new StringBuilder();
    private String search = "";
    private String label = "";
    private java.util.function.Consumer<String> then;

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

    /** Asks for a line: Enter gives it to {@code then} (Esc drops it). */
    void startPrompt(String label, java.util.function.Consumer<String> then) {
        typing = Typing.PROMPT;
        typed = new StringBuilder();
        this.label = label;
        this.then = then;
    }

    /** What the status line shows while typing (null when not). */
    String prompt() {
        if (typing == null) return null;
        if (typing == Typing.PROMPT) return label + Escape.terminal(typed.toString());
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
                if (was == Typing.PROMPT) then.accept(typed.toString());
                else if (was == Typing.SEARCH) {
                    search = typed.toString();
                    find(0);
                } else {
                    rows.filter(typed.toString());
                    status.say(rows.filter().isEmpty() ? "filter off" : "filter: " + Escape.terminal(rows.filter()));
                }
            }
            case Character -> {
                if (!Character.isISOControl(k.getCharacter())) typed.append(k.getCharacter());
            }
            default -> {}
        }
    }

    /**
     * The next (dir 1) or previous (-1) match, or the first from here (0).
     * Matches are ranked: rows whose name holds the search (a command's
     * program or comm, a cgroup's or namespace's name) come before rows that
     * hold it only elsewhere (an argument such as FOO=bar, a column); n and N
     * go through the name matches in tree order, then through the others.
     */
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
        String needle = search.toLowerCase(Locale.ROOT);
        // the name matches in tree order, then the others in tree order
        List<Node> byName = new ArrayList<>(), elsewhere = new ArrayList<>();
        for (Node c : all)
            if (named(c, needle)) byName.add(c);
            else if (Forests.matches(c, needle)) elsewhere.add(c);
        List<Node> ranked = new ArrayList<>(byName);
        ranked.addAll(elsewhere);
        if (ranked.isEmpty()) {
            status.say("not found: " + Escape.terminal(search));
            return;
        }
        RowKey sel = state.selected();
        int i = -1;
        for (int j = 0; j < ranked.size(); j++) if (ranked.get(j).id().equals(sel)) i = j;
        Node to = dir != 0 && i >= 0
                ? ranked.get(Math.floorMod(i + dir, ranked.size()))
                : nearest(all, sel, byName.isEmpty() ? elsewhere : byName, dir);
        state.select(to.id());
        int k = 0;
        while (ranked.get(k) != to) k++;
        status.say("found: " + Escape.terminal(search) + " (match " + (k + 1) + " of " + ranked.size()
                + (byName.isEmpty() || elsewhere.isEmpty()
                        ? ""
                        : ": " + byName.size() + " by name, then " + elsewhere.size() + " in other text")
                + ")");
    }

    /** The first of some matches from the selection on in tree order (dir 0: itself too; -1: backwards). */
    private static Node nearest(List<Node> all, RowKey sel, List<Node> matches, int dir) {
        int at = 0;
        for (int j = 0; j < all.size(); j++) if (all.get(j).id().equals(sel)) at = j;
        int step = dir < 0 ? -1 : 1;
        java.util.Set<RowKey> in = new java.util.HashSet<>();
        for (Node m : matches) in.add(m.id());
        for (int n = dir == 0 ? 0 : 1; n <= all.size(); n++) {
            Node c = all.get(Math.floorMod(at + step * n, all.size()));
            if (in.contains(c.id())) return c;
        }
        return matches.get(0);
    }

    /**
     * Whether a row's name holds the needle: the first word of its tree cell
     * (a command's program, a name), or a task's comm.
     */
    private boolean named(Node n, String needle) {
        String tree =
                n.cells().isEmpty() ? "" : n.cells().get(n.cells().size() - 1).strip();
        int sp = tree.indexOf(' ');
        String first = sp < 0 ? tree : tree.substring(0, sp);
        if (first.toLowerCase(Locale.ROOT).contains(needle)) return true;
        return n.id() instanceof RowKey.Task t
                && rows.last()
                        .snapshot()
                        .task(t.tid())
                        .map(x -> x.comm().toLowerCase(Locale.ROOT).contains(needle))
                        .orElse(false);
    }
}
