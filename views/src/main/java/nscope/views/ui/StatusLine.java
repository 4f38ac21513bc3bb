package nscope.views.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Unknown;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * The bottom line: what is being typed (a search, a filter); else what the
 * last key or action said; else that the rows are being built, or that the
 * quick first frame's scan is followed by the full one; else what
 * changed at the last refresh, what the kernel refused, or how fresh the
 * carried-over parts are.
 */
final class StatusLine {
    static final String READING = "first look, processes and namespaces: reading threads, holders, cgroups, mounts";
    private String said = "";
    private int refused;
    private static final NsLink[] LINKS = NsLink.values(); // values() copies its array: 12,000 tasks a refresh
    /** The moment a replay's last move came from (null: live, "since the last refresh"). */
    private String since;

    /** Says something (already escaped where it holds host text) until the next key. */
    void say(String words) {
        said = words;
    }

    /** Something went wrong: said, and the screen goes on. */
    void error(String message) {
        said = "error: " + Escape.terminal(message);
    }

    void since(String moment) {
        since = moment;
    }

    void clear() {
        said = "";
    }

    String said() {
        return said;
    }

    /** Counts the tasks with a namespace link the kernel refused: once per refresh, not on every frame. */
    void refused(Snapshot s) {
        int n = 0;
        for (Task t : s.tasks().values()) {
            for (NsLink l : LINKS) {
                var r = t.ns(l);
                if (!r.known() && r.why().reason() == Unknown.Reason.PERMISSION) {
                    n++;
                    break;
                }
            }
        }
        refused = n;
    }

    /** The most lines a message takes, upwards over the detail pane's last lines until the next key. */
    static final int SAID_LINES = 3;

    /**
     * The bottom line, or lines: what is typed shows its end (where the
     * cursor is); a message (the last key's or action's words, an error)
     * wraps at word boundaries over up to {@link #SAID_LINES} lines; the
     * standing words (building, reading, changes, refusals, freshness) keep
     * to one line, cut at a word's end.
     *
     * @param y      the bottom line
     * @param typing what is typed now with its prompt, or null
     * @param color  whether new and moved rows are told by colour (else by the marks [new] and [moved])
     */
    void draw(TextGraphics g, int y, int w, String typing, Rows rows, String freshness, boolean color) {
        List<String> lines;
        if (typing != null)
            lines = List.of(typing.length() <= w ? typing : "..." + typing.substring(typing.length() - w + 3));
        else if (!said.isEmpty()) lines = Fit.wrap(said, w, SAID_LINES);
        else
            lines = Fit.wrap(
                    rows.building(rows.shown())
                            ? "building the " + rows.shown().title() + " rows from the last refresh..."
                            : rows.reading() ? READING : changeLine(rows.changes(rows.shown()), freshness, color),
                    w,
                    1);
        int top = y - lines.size() + 1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            g.putString(0, top + i, l.length() < w ? l + " ".repeat(w - l.length()) : l);
        }
    }

    /** What changed on this screen at the last refresh, when anything did; else what could not be read, or how fresh. */
    private String changeLine(int[] c, String freshness, boolean color) {
        if (since != null && c != null && c[0] + c[1] + c[2] == 0)
            return "since " + since
                    + ": no row of this screen appeared, vanished or moved  (< > step, { } the selected row's changes, : a time)";
        if (c == null || c[0] + c[1] + c[2] == 0) return refused == 0 ? freshness : hiddenLine();
        return (since == null ? "since the last refresh: " : "since " + since + ": ") + c[0]
                + (color ? " new (green), " : " new (marked [new]), ") + c[1] + " gone, " + c[2]
                + (color ? " moved (yellow)" : " moved (marked [moved])");
    }

    /** Said plainly when the kernel refused some reads (not root, or tasks holding capabilities root lacks). */
    private String hiddenLine() {
        return "the kernel refused the namespaces of " + refused + (refused == 1 ? " task" : " tasks")
                + " (shown as unknown; as root, only tasks holding capabilities root lacks)";
    }
}
