package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nscope.probes.Refresher;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
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
 * A line too long for the screen leaves out whole facts, counts and tabs
 * from its end (said by " ..."), never half of one.
 */
final class Header {
    static final int HEIGHT = 3;

    private HostFacts facts;
    private String refreshedAt = "";
    private Clock clock = Clock.systemDefaultZone();
    private volatile long refreshMs;
    private Refresher.Freshness freshness;
    private java.util.function.Supplier<String> recording = () -> null;

    /** What the screen's recording says of itself (null: it records nothing). */
    void recording(java.util.function.Supplier<String> words) {
        recording = words;
    }

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
                + freshness.linksSeconds() + " s old (descriptors, namespace facts and mounts every " + Refresher.TURNS
                + " turns), the cgroup trees " + freshness.cgroupsSeconds() + " s";
    }

    /** @param timeline a replay's timeline, in the facts' place (null: live, or one moment) */
    void draw(TextGraphics g, int w, Palette palette, Rows rows, boolean paused, boolean lab, String timeline) {
        g.setForegroundColor(palette.label());
        g.putString(0, 0, timeline != null ? timeline : Fit.units(host(), "  ", w));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (rows.last() != null) g.putString(0, 1, Fit.units(counts(rows, paused, timeline != null), "", w));
        int x = 0;
        for (Screen t : AllScreens.LIST) {
            String label = " " + (AllScreens.LIST.indexOf(t) + 1) + " " + t.title() + " ";
            if (x + label.length() > w) return; // a tab is shown whole or not at all
            if (t == rows.shown()) g.enableModifiers(SGR.REVERSE);
            g.putString(x, 2, label);
            if (t == rows.shown()) g.disableModifiers(SGR.REVERSE);
            x += label.length() + 1;
        }
        List<String> hints = lab
                ? List.of("  ? help  q leave lab", "  ? help")
                : timeline != null
                        ? List.of("  <> step  {} change  : time  ? help", "  <>{} step  : time  ? help", "  ? help")
                        : List.of("  ? help  q quit", "  ? help");
        for (String keys : hints)
            if (x + keys.length() <= w) {
                g.putString(x, 2, keys);
                return;
            }
    }

    /** The host's facts, each a unit a narrow screen shows whole or leaves out. */
    private List<String> host() {
        List<String> a = new ArrayList<>(List.of("nscope"));
        // first after the name: a narrow screen leaves out the host's facts before it
        String rec = recording.get();
        if (rec != null) a.add("[" + Escape.terminal(rec) + "]");
        if (facts == null) return a;
        a.add(Escape.terminal(facts.hostname()));
        if (!facts.kernel().isEmpty()) a.add("kernel " + Escape.terminal(facts.kernel()));
        if (facts.uptimeSeconds() >= 0) a.add("up " + uptime(facts.uptimeSeconds()));
        if (facts.cpus() > 0) a.add(facts.cpus() + " cpus");
        if (facts.memTotal() > 0)
            a.add("mem " + CgroupCells.bytes(facts.memTotal() - facts.memAvailable()) + "/"
                    + CgroupCells.bytes(facts.memTotal()));
        if (facts.load() != null)
            a.add(String.format(Locale.ROOT, "load %.2f %.2f %.2f", facts.load()[0], facts.load()[1], facts.load()[2]));
        return a;
    }

    /**
     * The counts, as units a narrow screen shows whole or leaves out (each
     * with its separator before it): what it cuts off comes last, how fresh
     * first, the namespace counts at the end. What the quick first frame has
     * not read yet (threads, cgroups, the namespaces of threads and holders)
     * is "reading...", not 0.
     */
    private List<String> counts(Rows rows, boolean paused, boolean replay) {
        Snapshot s = rows.last().snapshot();
        List<String> u = new ArrayList<>();
        String at = replay ? "recorded" : (paused ? "paused " : "refreshed ") + refreshedAt;
        if (refreshMs > 0 && !replay) at += String.format(Locale.ROOT, " every %.0fs", refreshMs / 1000.0);
        if (inTurn() && !replay) at += " (others <=" + freshness.linksSeconds() + "s)";
        u.add(at);
        boolean quick = rows.quick();
        u.add(" | " + s.threadGroups().size() + " processes");
        u.add(
                quick && s.scope() == Scope.PROCESSES
                        ? ", threads reading..."
                        : ", " + s.tasks().size() + " threads");
        int cg = 0;
        for (var t : s.cgroups().trees()) cg += t.cgroups().size();
        u.add(quick && s.cgroups().trees().isEmpty() ? " | cgroups reading..." : " | " + cg + " cgroups");
        if (!rows.filter().isEmpty()) u.add(" | filter " + Escape.terminal(rows.filter()));
        Integer col = rows.sortBy(rows.shown());
        if (col != null) u.add(" | by " + rows.shown().columns().get(col).name());
        if (quick && s.namespaces().isEmpty()) {
            u.add(" | ns reading...");
            return u;
        }
        // the first look counts the processes' own namespaces; more (those only a thread, a descriptor or a bind
        // mount holds) come with the full scan: said before the counts (a narrow screen drops the counts first),
        // in few words, so that 120 columns still show the first counts
        if (quick && s.scope() == Scope.PROCESSES) u.add(" | more ns reading...");
        String ns = " | ns";
        for (NsKind k : NamespacesScreen.ORDER) {
            u.add(ns + " " + k.label() + " " + s.namespaces(k).size());
            ns = "";
        }
        return u;
    }

    private static String uptime(long s) {
        long d = s / 86400, hh = s % 86400 / 3600, mm = s % 3600 / 60;
        return d > 0 ? d + "d " + hh + "h" : hh > 0 ? hh + "h " + mm + "m" : mm + "m";
    }
}
