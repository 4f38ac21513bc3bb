package nscope.views.ui.replay;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The header's timeline: "replay 04:25:10 [=====o-----] 04:25:40  at 04:25:22  entry 7/16". The bar
 * places the entry shown by its time between the first and last; on a terminal that is not UTF-8 it
 * is drawn in ASCII ({@code =o-}), else with box glyphs. Narrower screens get a shorter bar, then lose
 * the word "replay". An entry's label (a lab's step) follows, cut at the screen's edge.
 */
final class TimelineLine {
    private TimelineLine() {}

    static final int MIN_BAR = 8, MAX_BAR = 40;

    static String of(Timeline t, int at, int w, boolean unicode) {
        String start = hms(t.local(0)), end = hms(t.local(t.size() - 1));
        String label = t.label(at);
        String where = "  at " + hms(t.local(at)) + "  entry " + (at + 1) + "/" + t.size()
                + (label == null ? "" : "  " + nscope.views.text.Escape.terminal(label));
        String head = "replay " + start + " ";
        int room = w - head.length() - 2 - 1 - end.length() - where.length();
        if (room < MIN_BAR) {
            head = start + " ";
            room = w - head.length() - 2 - 1 - end.length() - where.length();
        }
        int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, room));
        String line = head + "[" + bar(t, at, bar, unicode) + "] " + end + where;
        return line.length() <= w ? line : line.substring(0, w);
    }

    /** A bar {@code n} wide: before the entry shown filled, the entry a dot, after it a thin line. */
    static String bar(Timeline t, int at, int n, boolean unicode) {
        long span = Duration.between(t.local(0), t.local(t.size() - 1)).toMillis();
        long into = Duration.between(t.local(0), t.local(at)).toMillis();
        int pos = span <= 0 ? (t.size() <= 1 ? n - 1 : 0) : (int) Math.round((double) into * (n - 1) / span);
        pos = Math.max(0, Math.min(n - 1, pos));
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++)
            b.append(i < pos ? (unicode ? '━' : '=') : i == pos ? (unicode ? '●' : 'o') : (unicode ? '─' : '-'));
        return b.toString();
    }

    static String hms(LocalDateTime t) {
        return t.format(ReplayKeys.HMS);
    }
}
