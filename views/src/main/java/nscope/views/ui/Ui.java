package nscope.views.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import nscope.probes.Refresher;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.views.actions.Actions;
import nscope.views.keys.Key;
import nscope.views.keys.KeyTable;
import nscope.views.screens.Screen;
import nscope.views.tree.RowKey;
import nscope.views.tree.TreeState;

/**
 * The interactive screen, as the loop and the app see it: refreshes come in
 * ({@link #show}), keys come in ({@link #key}), frames go out ({@link #draw}).
 * The work is done by its parts: {@link Rows} (every screen's rows and which
 * is shown), {@link Header}, {@link TreePane}, {@link DetailPane} (detail,
 * links, history), {@link StatusLine}, {@link Search}, {@link Keys} (the key
 * table), {@link Acting} (actions, dialogs, sessions) and {@link Containers}.
 * Owned by the UI thread.
 */
public final class Ui {
    public static final int MIN_COLS = 80, MIN_ROWS = 24;

    private final Palette palette;
    private final StatusLine status = new StatusLine();
    private final Header header = new Header();
    private final TreePane tree = new TreePane();
    private final Rows rows;
    private final DetailPane detail;
    private final Search search;
    private final Acting acting;
    private final Containers containers = new Containers();
    private final Keys keys;
    private final nscope.views.ui.lens.LensKey lens;
    private final LabKeys lab;
    private Supplier<String> recordingFailure = () -> null;
    private final nscope.views.ui.replay.ReplayKeys replay = new nscope.views.ui.replay.ReplayKeys(this);
    private int paneHeight = DetailPane.HEIGHT;
    private volatile int pinned;
    private boolean paused, quit;
    private int lastHeight = MIN_ROWS;

    /** A screen whose rows are built on the calling thread (screenshots, tests). */
    public Ui(Palette palette) {
        this(palette, Runnable::run);
    }

    /**
     * @param rows where a screen's rows are built when it is turned to (or the
     *             filter or sort changes): off the UI thread live, since rows
     *             for 12,000 tasks take a tenth of a second or more
     */
    public Ui(Palette palette, Executor rows) {
        this.palette = palette;
        this.rows = new Rows(rows, status);
        this.detail = new DetailPane(this.rows, status);
        this.search = new Search(this.rows, status);
        this.acting = new Acting(status, this.rows);
        this.lens = new nscope.views.ui.lens.LensKey(rows);
        this.keys = new Keys(this, this.rows, detail, search, acting, containers, status);
        this.lab = keys.lab();
    }

    /** The clock the header's "refreshed" time comes from (fixed for screenshots, so they do not change from run to run). */
    public void clock(java.time.Clock c) {
        header.clock(c);
        lens.zone(c.getZone());
    }

    /** Where `t` reads the PID/TGID lens from (the host shown); without one, `t` says so. */
    public void lens(nscope.views.ui.lens.Lenses reader) {
        lens.reader(reader);
    }

    /** Where T's labs come from (none: T says labs run on the live host). */
    /**
     * A recording of what the screen shows (--record): its words in the header (where, how much), and why
     * it stopped, given once, on the status line.
     */
    public void recording(Supplier<String> words, Supplier<String> failure) {
        header.recording(words);
        recordingFailure = failure;
    }

    /** Whether the recording just stopped (said on the status line now). */
    private boolean recordingStopped() {
        String why = recordingFailure.get();
        if (why == null) return false;
        status.error(why);
        return true;
    }

    public void labs(nscope.views.lab.LabDriver driver) {
        lab.driver(driver);
    }

    /** Opens a lab on the screen (nscope lab NAME), or says on the status line why it cannot run here. */
    public void openLab(String name) {
        lab.open(name);
    }

    /** Whether a lab is open on the screen. */
    public boolean labOpen() {
        return lab.active();
    }

    /**
     * The screen quits (q, Ctrl-C, the end of input): an open lab is left, everything it made removed,
     * and waited for; what it said, for the terminal once the screen is gone (null: no lab was open).
     */
    public String endLab() {
        return lab.end();
    }

    nscope.views.ui.lens.LensKey lensKey() {
        return lens;
    }

    /** The timeline's keys and place (active only while a recording is replayed). */
    nscope.views.ui.replay.ReplayKeys replayKeys() {
        return replay;
    }

    /**
     * Replays a recording (nscope replay): the header shows its timeline, {@code < > { } :} move along it;
     * entry {@code at} is the one first shown. unicode: the terminal takes UTF-8 (else the bar is ASCII).
     */
    public void replay(nscope.views.ui.replay.Timeline t, int at, Snapshot first, HostFacts facts, boolean unicode) {
        replay.start(t, at, first, facts, unicode);
    }

    /** The host at the replayed entry shown (null: not a replay): what `t`'s lens reads in a replay. */
    public Snapshot replayed() {
        return replay.shown();
    }

    /** Says something on the status line until the next key (host text in it already escaped). */
    public void say(String words) {
        status.say(words);
    }

    /** The moment the next change marks are counted from, for the status line ("since 03:14:05: ..."). */
    public void since(String moment) {
        status.since(moment);
    }

    /** Asks for a line on the status line; Enter gives it to {@code then}, Esc drops it. */
    public void prompt(String label, java.util.function.Consumer<String> then) {
        search.startPrompt(label, then);
    }

    /** A refresh: its rows (the screen shown, or all), keeping selections and expansions; new rows stand out. */
    public void show(Screens next, HostFacts facts, boolean firstFrame) {
        show(next, marks(next.snapshot()), facts, firstFrame);
    }

    /** As {@link #show(Screens, HostFacts, boolean)}, with the container marks made off this thread ({@link #marks}). */
    public void show(Screens next, Map<RowKey, String> marks, HostFacts facts, boolean firstFrame) {
        if (rows.last() == null || next.snapshot() != rows.last().snapshot()) status.refused(next.snapshot());
        rows.refresh(next, firstFrame);
        containers.marks(marks);
        header.refreshed(facts);
        lab.refreshed(next.snapshot());
        updatePinned();
    }

    /** A refresh that found nothing different: the rows stay, the marks of the last changes go. */
    public void unchanged(HostFacts facts) {
        rows.unchanged();
        header.refreshed(facts);
        if (rows.last() != null) lab.refreshed(rows.last().snapshot());
    }

    /** Which rows of a snapshot belong to nscope's containers (their states read now): for the scan thread, not this one. */
    public Map<RowKey, String> marks(Snapshot s) {
        return containers.marksOf(s);
    }

    /** Where nscope's containers come from (read at each refresh), so their rows are marked [ctr NAME]. */
    public void containers(Supplier<List<ContainerMarks.Container>> c) {
        containers.source(c);
    }

    /** The container a row belongs to, or null. */
    String containerOf(RowKey k) {
        return containers.of(k);
    }

    /** What this screen may do to the host (read-only when not set). */
    public void actions(Actions a) {
        acting.actions(a);
    }

    /** Whether rows built off the UI thread wait to be shown (the loop then draws again). */
    public boolean rowsReady() {
        // the lens read off this thread, and a lab's step run off it, count as rows ready
        return rows.ready() | lens.takeReady() | lab.poll() | recordingStopped();
    }

    /** Whether work is under way that the loop should look for often: rows being built, a lab open. */
    public boolean busy() {
        return rows.anyBuilding() || lab.active();
    }

    /** The process the selection is on (0 if none): a live refresh reads it whole every time. */
    public int pinned() {
        return pinned;
    }

    /** How old the parts a live refresh carried over are: in the header, and in words when the status line has room. */
    public void freshness(Refresher.Freshness f) {
        header.freshness(f);
    }

    /** The wait before the next refresh, as the CPU budget set it (the header says when it is longer than asked). */
    public void refreshEvery(long ms) {
        header.refreshEvery(ms);
    }

    /** The screen shown. */
    public Screen screen() {
        return rows.shown();
    }

    public TreeState state(Screen s) {
        return rows.state(s);
    }

    /** Something went wrong on the UI thread: said on the status line, the screen goes on. */
    public void error(String message) {
        status.error(message);
    }

    /** Whether anything was shown yet. */
    public boolean hasRows() {
        return rows.last() != null;
    }

    public boolean paused() {
        return paused;
    }

    /** The current filter, applied to the next refresh's rows. */
    public String filter() {
        return rows.filter();
    }

    /** Each screen's sort column, applied to the next refresh's rows. */
    public Map<Screen, Integer> sortBy() {
        return rows.sortBy();
    }

    /** The key table (bindings, help, read-only), for tests, the help and the man page. */
    public KeyTable keyTable() {
        return keys.table();
    }

    /** Answers a key; false means quit. Rows for a new filter or sort are built when the screen is drawn next. */
    public boolean key(KeyStroke k) {
        if (k == null) return true;
        // the end of input and Ctrl-C quit from anywhere, a dialog too
        if (k.getKeyType() == KeyType.EOF || k.isCtrlDown() && k.getCharacter() != null && k.getCharacter() == 'c')
            return false;
        if (acting.dialog() != null) acting.key(k);
        else if (search.typing()) search.key(k);
        else {
            status.clear();
            keys.press(Key.of(k));
        }
        updatePinned();
        return !quit;
    }

    /** Whether rows are told apart by colour (else by marks in words). */
    boolean color() {
        return palette.color();
    }

    void quit() {
        quit = true;
    }

    void togglePause() {
        paused = !paused;
        status.say(paused ? "paused: p resumes the live refresh" : "resumed");
    }

    /** The rows a page key moves by. */
    int page() {
        return Math.max(1, lastHeight - Header.HEIGHT - paneHeight - 2);
    }

    private void updatePinned() {
        RowKey sel = rows.state().selected();
        pinned = rows.last() == null || !(sel instanceof RowKey.Task t)
                ? 0
                : rows.last()
                        .snapshot()
                        .task(t.tid())
                        .map(nscope.probes.model.Task::tgid)
                        .orElse(0);
    }

    /** Draws the whole screen; below the minimum size, a message asking for more room. */
    public void draw(TextGraphics g, TerminalSize size) {
        lastHeight = size.getRows();
        int w = size.getColumns(), h = size.getRows();
        if (w < MIN_COLS || h < MIN_ROWS) {
            String m = "nscope needs at least " + MIN_COLS + "x" + MIN_ROWS + " (this is " + w + "x" + h
                    + "): make the window larger";
            int y = 0;
            for (int i = 0; i < m.length(); i += Math.max(1, w))
                g.putString(0, y++, m.substring(i, Math.min(m.length(), i + Math.max(1, w))));
            return;
        }
        rows.ensure(rows.shown()); // turned to, or a new filter or sort: built here, once
        header.draw(g, w, palette, rows, paused, lab.active(), replay.active() ? replay.line(w) : null);
        Screen s = rows.shown();
        paneHeight = lab.active() ? LabKeys.height(h) : DetailPane.HEIGHT; // a lab's pane takes the detail's place
        tree.draw(
                g,
                Header.HEIGHT,
                h - Header.HEIGHT - paneHeight - 1,
                w,
                s.columns(),
                s.sections(),
                rows.state(),
                new TreePane.Look(palette, r -> colorOf(s, r.node().id()), rows.fresh(), this::marksOf, noRows(s)));
        if (lab.active()) lab.draw(g, h - paneHeight - 1, w, paneHeight);
        else detail.draw(g, h - DetailPane.HEIGHT - 1, w);
        status.draw(g, h - 1, w, search.prompt(), rows, header.freshnessWords(), palette.color());
        acting.draw(g, w, h);
    }

    /** Why a screen has no row: its rows are still being read or built, or the filter matches none. */
    private String noRows(Screen s) {
        if (rows.reading()) return "reading the host: the " + s.title() + " rows come with the full scan...";
        if (rows.building(s)) return "building the " + s.title() + " rows...";
        if (!rows.filter().isEmpty())
            return "no row matches the filter " + nscope.views.text.Escape.terminal(rows.filter())
                    + " (f changes it; an empty filter shows every row)";
        return "no rows";
    }

    /**
     * What the screen adds to a row's own mark: the nscope container it belongs
     * to; and without colour, whether it is new or moved since the last
     * refresh (which colour says otherwise). Escaped.
     */
    String marksOf(RowKey k) {
        String change = palette.color() ? "" : rows.fresh().contains(k) ? "[new]" : rows.moved(k) ? "[moved]" : "";
        String step = lab.mark(k);
        if (!step.isEmpty()) change = (change + "  " + step).strip();
        String ctr = containers.marks().get(k);
        if (ctr == null) return change;
        return (change.isEmpty() ? "" : change + "  ") + "[ctr " + nscope.views.text.Escape.terminal(ctr) + "]";
    }

    /** A row's name: yellow when it moved; else its screen's tint (a namespace type's colour). */
    private TextColor colorOf(Screen s, RowKey k) {
        if (rows.moved(k)) return palette.moved();
        NsKind kind = s.tint(k);
        return kind == null ? TextColor.ANSI.DEFAULT : palette.kind(kind);
    }

    /** Whether an action just changed the host, so the loop refreshes at once (and forgets it was asked). */
    public boolean refreshNow() {
        return acting.refreshNow() | lab.takeRefresh();
    }

    /** A session an action key asked for (taken once): the loop puts the screen aside and runs it. */
    public Actions.Session takeSession() {
        return acting.takeSession();
    }

    /** After a session: what it said, and a refresh at once (its namespaces are new or gone); one put aside with Ctrl-] is kept for r. */
    public void sessionEnded(Actions.Session s, String words) {
        acting.sessionEnded(s, words);
    }

    /** Sessions put aside that have ended meanwhile: said on the status line; true if one had. */
    public boolean pollAside() {
        return acting.pollAside();
    }

    /** The screen quits: sessions put aside end with it (their terminal hangs up). */
    public void endAside() {
        acting.endAside();
    }
}
