package nscope.views.ui.replay;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.KeyTable;
import nscope.views.keys.Mode;
import nscope.views.screens.Screen;
import nscope.views.text.Escape;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Screens;
import nscope.views.ui.Ui;
import nscope.views.ui.dialog.Help;

/**
 * The timeline's keys and state: which entry is shown, and the moves. A move is shown as a refresh
 * from the moment shown before to the new one (the selection, expansions, filter and screen kept), so
 * the marks say what changed between the two, and the status line says since when. A move past either
 * end says so and stays. What counts as a change of the selected row for { }: {@link Changes}.
 */
public final class ReplayKeys {
    static final Set<Mode> REPLAY = Set.of(Mode.REPLAY);
    static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Ui ui;
    private Timeline timeline;
    private HostFacts facts;
    private boolean unicode = true;
    private int at;
    /** The host at the entry shown: read by `t`'s lens off the UI thread. */
    private volatile Snapshot shown;

    public ReplayKeys(Ui ui) {
        this.ui = ui;
    }

    /** The recording the screen replays, entry {@code at} shown first; unicode: the bar's glyphs (else ASCII). */
    public void start(Timeline t, int at, Snapshot first, HostFacts facts, boolean unicode) {
        this.timeline = t;
        this.at = at;
        this.shown = first;
        this.facts = facts;
        this.unicode = unicode;
    }

    public boolean active() {
        return timeline != null;
    }

    /** The host at the entry shown (null before the replay starts). */
    public Snapshot shown() {
        return shown;
    }

    /** The entry shown (0-based). */
    public int at() {
        return at;
    }

    /** The timeline's keys (in Mode.REPLAY: answered only while a recording is replayed). */
    public List<Binding> bindings() {
        return List.of(
                bind(
                        "< >",
                        "one entry of the recording back / forward (the marks: what changed at that step)",
                        "<>",
                        k -> step(k.ch() == '<' ? -1 : 1)),
                bind(
                        "{ }",
                        "the previous / next entry where the selected row appeared, vanished or moved",
                        "{}",
                        k -> change(k.ch() == '{' ? -1 : 1)),
                bind(
                        ":",
                        "go to a time: HH:MM:SS[.fff], an ISO date-time or +SECONDS (the last entry at or before it)",
                        ":",
                        k -> ui.prompt("go to time (HH:MM:SS[.fff], ISO date-time, +SECONDS): ", this::jump)));
    }

    private static Binding bind(String shown, String help, String chars, Binding.Handler h) {
        return new Binding(shown, chars.chars().mapToObj(c -> Key.of((char) c)).toList(), help, false, REPLAY, h);
    }

    /** The mode a key is looked up in on the screens: an open lab's keys first, then the timeline's, then NORMAL. */
    public Mode mode(KeyTable table, Key k, boolean lab) {
        if (lab && table.find(Mode.LAB, k).isPresent()) return Mode.LAB;
        return active() && table.find(Mode.REPLAY, k).isPresent() ? Mode.REPLAY : Mode.NORMAL;
    }

    /** The help's first part while replaying: the timeline's keys (none live). */
    public List<Help.Entry> help(KeyTable table) {
        if (!active()) return List.of();
        List<Binding> mine = table.offered(Mode.REPLAY, true);
        List<Help.Entry> out = new ArrayList<>();
        out.add(Help.Entry.heading("Replaying a recording (actions are off; t shows what it holds on a task):"));
        out.addAll(Help.keys(mine));
        return out;
    }

    /** The header's timeline line, at most w wide (see {@link TimelineLine}). */
    public String line(int w) {
        return TimelineLine.of(timeline, at, w, unicode);
    }

    void step(int by) {
        int to = at + by;
        if (to < 0) ui.say("at the first entry of the recording (" + time(0) + "): nothing before it");
        else if (to >= timeline.size())
            ui.say("at the last entry of the recording (" + time(timeline.size() - 1) + "): nothing after it");
        else go(to, timeline.snapshot(to));
    }

    void jump(String typed) {
        int to;
        try {
            to = timeline.entryAt(typed);
        } catch (IllegalArgumentException e) {
            ui.say(Escape.terminal(e.getMessage()));
            return;
        }
        if (to == at) ui.say("already at " + time(at) + ", the last entry at or before " + Escape.terminal(typed));
        else go(to, timeline.snapshot(to));
    }

    void change(int dir) {
        Changes.Found f = Changes.find(
                timeline,
                at,
                dir,
                ui.screen(),
                ui.state(ui.screen()).selected(),
                ui.filter(),
                ui.sortBy().get(ui.screen()));
        if (f.entry() >= 0) go(f.entry(), f.snapshot());
        else timeline.snapshot(at); // the search moved the recording's cursor: back (cheap when it did not)
        if (!f.words().isEmpty()) ui.say(f.words());
    }

    /** Shows entry {@code to} as a refresh from the moment shown. */
    private void go(int to, Snapshot next) {
        String since = time(at);
        CgroupCpu cpu = Math.abs(to - at) == 1 && to > at
                ? CgroupCpu.between(shown.cgroups(), next.cgroups())
                : CgroupCpu.none();
        Screen s = ui.screen();
        at = to;
        shown = next;
        ui.since(since);
        ui.show(Screens.of(next, cpu, ui.filter(), ui.sortBy(), Set.of(s)), Map.of(), facts, false);
    }

    String time(int i) {
        return timeline.local(i).format(HMS);
    }
}
