package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import nscope.probes.Refresher;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.views.columns.CgroupCells;
import nscope.views.screens.AllScreens;
import nscope.views.screens.NamespacesScreen;
import nscope.views.screens.Screen;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * The top three lines: the host's facts; how fresh the rows are, the counts,
 * filter and sort; the tab bar (one tab per registered screen, numbered).
 */
final class Header {
    static final int HEIGHT = 3;

    private HostFacts facts;
    private String refreshedAt = "";
    private Clock clock = Clock.systemDefaultZone();
    private volatile long refreshMs;
    private Refresher.Freshness freshness;

    void clock(Clock c) {
        clock = c;
    }

    /** A refresh arrived (with the host's facts, or null to keep those shown). */
    void refreshed(HostFacts f) {
        if (f != null) facts = f;
        refreshedAt = LocalTime.now(clock).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    void refreshEvery(long ms) {
        refreshMs = ms;
    }

    void freshness(Refresher.Freshness f) {
        freshness = f;
    }

    private boolean inTurn() {
        return freshness != null && freshness.cycle() > 1;
    }

    /** How old the parts a live refresh carried over are, in words ("" when it carries nothing over). */
    String freshnessWords() {
        if (!inTurn()) return "";
        return "the selected process is read every refresh, the others in turn: their threads and links are at most "
                + freshness.linksSeconds() + " s old, the cgroup trees " + freshness.cgroupsSeconds() + " s";
    }

    void draw(TextGraphics g, int w, Palette palette, Rows rows, boolean paused) {
        g.setForegroundColor(palette.label());
        g.putString(0, 0, Fit.cut(host(), w));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, 1, Fit.cut(rows.last() == null ? "" : counts(rows, paused), w));
        int x = 0;
        for (Screen t : AllScreens.LIST) {
            String label = " " + (AllScreens.LIST.indexOf(t) + 1) + " " + t.title() + " ";
            if (t == rows.shown()) g.enableModifiers(SGR.REVERSE);
            g.putString(x, 2, Fit.cut(label, w - x));
            if (t == rows.shown()) g.disableModifiers(SGR.REVERSE);
            x += label.length() + 1;
            if (x >= w) break;
        }
        if (x < w) g.putString(x, 2, Fit.cut("  ? help  q quit", w - x));
    }

    private String host() {
        StringBuilder a = new StringBuilder("nscope  ");
        if (facts == null) return a.toString();
        a.append(Escape.terminal(facts.hostname()));
        if (!facts.kernel().isEmpty()) a.append("  kernel ").append(Escape.terminal(facts.kernel()));
        if (facts.uptimeSeconds() >= 0) a.append("  up ").append(uptime(facts.uptimeSeconds()));
        if (facts.cpus() > 0) a.append("  ").append(facts.cpus()).append(" cpus");
        if (facts.memTotal() > 0)
            a.append("  mem ")
                    .append(CgroupCells.bytes(facts.memTotal() - facts.memAvailable()))
                    .append("/")
                    .append(CgroupCells.bytes(facts.memTotal()));
        if (facts.load() != null)
            a.append(String.format(
                    Locale.ROOT, "  load %.2f %.2f %.2f", facts.load()[0], facts.load()[1], facts.load()[2]));
        return a.toString();
    }

    /** What a narrow screen cuts off comes last: how fresh first, the namespace counts at the end. */
    private String counts(Rows rows, boolean paused) {
        Snapshot s = rows.last().snapshot();
        StringBuilder b = new StringBuilder();
        b.append(paused ? "paused " : "refreshed ").append(refreshedAt);
        if (refreshMs > 0) b.append(String.format(Locale.ROOT, " every %.0fs", refreshMs / 1000.0));
        if (inTurn()) b.append(" (others <=").append(freshness.linksSeconds()).append("s)");
        b.append(" | ")
                .append(s.threadGroups().size())
                .append(" processes, ")
                .append(s.tasks().size())
                .append(" threads | ");
        int cg = 0;
        for (var t : s.cgroups().trees()) cg += t.cgroups().size();
        b.append(cg).append(" cgroups");
        if (!rows.filter().isEmpty()) b.append(" | filter ").append(Escape.terminal(rows.filter()));
        Integer col = rows.sortBy(rows.shown());
        if (col != null)
            b.append(" | by ").append(rows.shown().columns().get(col).name());
        b.append(" | ns");
        for (NsKind k : NamespacesScreen.ORDER)
            b.append(' ').append(k.label()).append(' ').append(s.namespaces(k).size());
        return b.toString();
    }

    private static String uptime(long s) {
        long d = s / 86400, hh = s % 86400 / 3600, mm = s % 3600 / 60;
        return d > 0 ? d + "d " + hh + "h" : hh > 0 ? hh + "h " + mm + "m" : mm + "m";
    }
}
