package nscope.views.ui;

import static nscope.views.ui.Keys.MUTATES;
import static nscope.views.ui.Keys.SAFE;
import static nscope.views.ui.Keys.bind;
import static nscope.views.ui.Keys.keys;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nscope.probes.model.Snapshot;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.Mode;
import nscope.views.lab.LabDriver;
import nscope.views.lab.LabDriver.Done;
import nscope.views.lab.LabDriver.Focus;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Detail;
import nscope.views.screens.Screen;
import nscope.views.text.Escape;
import nscope.views.tree.RowKey;
import nscope.views.ui.dialog.Dialog;
import nscope.views.ui.dialog.Help;
import nscope.views.ui.lab.LabFocus;
import nscope.views.ui.lab.LabMenu;
import nscope.views.ui.lab.LabView;

/**
 * T and the keys of an open lab, part of the screen's one key table (mode LAB: looked up before the
 * screens' keys while a lab is open). After each step the tree follows it: once a refresh holds the
 * object the step made or changed, its screen is turned to, its row selected, opened and marked.
 */
final class LabKeys {
    static final Set<Mode> LAB = Set.of(Mode.LAB);
    /** Refreshes waited for the step's object to show before saying it does not. */
    static final int FOCUS_TRIES = 8;

    private final Rows rows;
    private final DetailPane detail;
    private final Acting acting;
    private final StatusLine status;
    private LabDriver driver;
    private LabView view;
    private Focus pending;
    private int tries, focusStep;
    private RowKey focusRow, expandWhenShown;
    private Screen focusScreen;
    private volatile boolean refresh;

    LabKeys(Rows rows, DetailPane detail, Acting acting, StatusLine status) {
        this.rows = rows;
        this.detail = detail;
        this.acting = acting;
        this.status = status;
    }

    void driver(LabDriver d) {
        driver = d;
    }

    /** Whether a lab is open (its keys come first). */
    boolean active() {
        return view != null;
    }

    /** T, one of the screens' keys. */
    Binding menuKey() {
        return bind(
                "T",
                "labs: a lesson, step by step, on this host's kernel; Enter opens one (nscope lab lists them)",
                SAFE,
                Keys.NORMAL,
                keys('T'),
                k -> menu());
    }

    List<Binding> bindings() {
        return List.of(
                bind(
                        "Space, n",
                        "in a lab: run its next step (after b: the next explanation first); the tree then selects"
                                + " what the step made or changed",
                        MUTATES,
                        LAB,
                        keys(' ', 'n'),
                        k -> next()),
                bind(
                        "b",
                        "in a lab: the previous step's explanation again, its object selected again",
                        SAFE,
                        LAB,
                        keys('b'),
                        k -> back()),
                bind(
                        "PgUp/PgDn",
                        "in a lab: scroll its explanation",
                        SAFE,
                        LAB,
                        keys(KeyType.PageUp, KeyType.PageDown),
                        k -> view.scroll(k.type() == KeyType.PageUp ? -view.page() : view.page())),
                bind(
                        "q, Esc",
                        "in a lab: leave it, everything it made removed (the screen stays; q again quits)",
                        SAFE,
                        LAB,
                        keys('q', KeyType.Escape),
                        k -> leave()));
    }

    private void menu() {
        if (view != null) {
            status.say("the lab " + Escape.terminal(view.name()) + " is open: q leaves it first");
            return;
        }
        if (driver == null) {
            status.say("T: no labs here: labs run on the live host (nscope lab lists them, nscope lab NAME opens one)");
            return;
        }
        List<LabDriver.Listed> labs = driver.labs();
        List<String> no = new ArrayList<>();
        for (LabDriver.Listed l : labs) no.add(driver.refusal(l.name()));
        acting.ask(new LabMenu(labs, no, name -> {
            open(name);
            return Dialog.Result.done("", false);
        }));
    }

    /** Opens a lab (T's Enter, or nscope lab NAME): its refusal is said instead, before any step. */
    void open(String name) {
        if (driver == null) {
            status.say("no labs here: labs run on the live host");
            return;
        }
        String no = driver.refusal(name);
        if (no != null) {
            status.say(Escape.terminal(no));
            return;
        }
        view = new LabView(name, driver.open(name));
    }

    private void next() {
        int before = view.shown();
        String words = view.leaving() ? "leaving the lab..." : view.next();
        if (words != null) status.say(Escape.terminal(words));
        else if (view.shown() != before) reselect(view.done().get(view.shown()));
    }

    private void back() {
        if (view.leaving()) return;
        Done d = view.back();
        if (d == null) status.say("no step before this one");
        else reselect(d);
    }

    private void leave() {
        if (!view.leaving())
            status.say("leaving the lab " + Escape.terminal(view.name()) + ": removing what it made...");
        view.leave();
    }

    /** An explanation shown again: its step's object selected again, if it is still there. */
    private void reselect(Done d) {
        pending = null;
        if (d.focus() == null || rows.last() == null) return;
        if (!select(rows.last().snapshot(), d.focus(), d.index()))
            status.say("step " + (d.index() + 1) + "'s " + d.focus().words() + " is not there any more");
    }

    /** Takes what the lab's thread finished (the key thread, every frame); true when the screen must be drawn. */
    boolean poll() {
        boolean changed = false;
        if (expandWhenShown != null && rows.state(focusScreen).forest().contains(expandWhenShown)) {
            rows.state(focusScreen).expand(List.of(expandWhenShown));
            expandWhenShown = null;
            changed = true;
        }
        if (view == null) return changed;
        LabView.Event e = view.poll();
        if (e == null) return changed;
        switch (e.kind()) {
            case OPENED -> status.say(Escape.terminal(e.words()));
            case FAILED -> status.say(Escape.terminal(e.words()));
            case CLOSED -> status.say(Escape.terminal(e.words()));
            case STEP -> stepped(e.done());
        }
        if (view.closed()) {
            view = null;
            focusRow = null;
            pending = null;
        }
        return true;
    }

    private void stepped(Done d) {
        long missed = d.observations().stream().filter(o -> !o.ok()).count();
        status.say("step " + (d.index() + 1) + ": "
                + (missed == 0 ? "every observation seen" : missed + " observation(s) NOT SEEN")
                + (d.focus() == null
                        ? ""
                        : "; the tree follows its " + Escape.terminal(d.focus().words())));
        pending = d.focus();
        tries = 0;
        focusStep = d.index();
        // a cgroup's trees are read only while a screen shows them
        if (pending != null && pending.kind().equals("cgroup")) detail.turnTo(AllScreens.CGROUPS);
        refresh = true;
    }

    /** A refresh came: the step's object selected once it holds it, else another refresh asked for. */
    void refreshed(Snapshot s) {
        if (pending == null) return;
        if (select(s, pending, focusStep)) pending = null;
        else if (++tries < FOCUS_TRIES) refresh = true;
        else {
            status.say("step " + (focusStep + 1) + "'s " + Escape.terminal(pending.words())
                    + " has not shown in nscope's scans (gone already, or filtered out)");
            pending = null;
        }
    }

    private boolean select(Snapshot s, Focus f, int step) {
        Optional<RowKey> k = LabFocus.row(s, f);
        Screen screen = k.flatMap(AllScreens::showing).orElse(null);
        if (screen == null) return false;
        detail.turnTo(screen);
        rows.ensure(screen);
        if (!rows.select(screen, k.get())) return false;
        focusScreen = screen;
        focusRow = expandWhenShown = k.get();
        focusStep = step;
        return true;
    }

    /** Whether the lab asked for a refresh at once (and forgets it asked). */
    boolean takeRefresh() {
        boolean r = refresh;
        refresh = false;
        return r;
    }

    /** What the screen adds to the row of the last step's object. */
    String mark(RowKey k) {
        return k.equals(focusRow) ? "[lab step " + (focusStep + 1) + "]" : "";
    }

    /** The pane's height on a screen h rows high: half the room under the header, at least the detail pane's. */
    static int height(int h) {
        return Math.max(DetailPane.HEIGHT, (h - Header.HEIGHT - 1) / 2 + 2);
    }

    void draw(TextGraphics g, int y, int w, int height) {
        Detail d = detail.detail();
        view.draw(
                g,
                y,
                w,
                height,
                d.lines().isEmpty() ? "nothing" : Escape.terminal(d.lines().get(0)));
    }

    /** The help's first entries while a lab is open: its keys, then the screens' keys it takes over. */
    List<Help.Entry> help(List<Binding> lab) {
        List<Help.Entry> out = new ArrayList<>();
        out.add(Help.Entry.heading("In the lab " + Escape.terminal(view.name()) + ", these keys are the lab's:"));
        out.addAll(Help.keys(lab));
        return out;
    }

    /** The screens' bindings while a lab is open: those whose keys the lab took all are left out, others say which. */
    static List<Binding> besides(List<Binding> lab, List<Binding> screens) {
        Set<Key> taken = new java.util.HashSet<>();
        for (Binding b : lab) taken.addAll(b.keys());
        List<Binding> out = new ArrayList<>();
        for (Binding b : screens) {
            List<Key> mine = b.keys().stream().filter(taken::contains).toList();
            if (!mine.isEmpty() && mine.size() == b.keys().size()) continue;
            if (mine.isEmpty()) out.add(b);
            else
                out.add(new Binding(
                        b.shown(),
                        b.keys(),
                        b.help() + " (in the lab, "
                                + String.join(
                                        ", ", mine.stream().map(Key::label).toList()) + " is the lab's)",
                        b.mutates(),
                        b.modes(),
                        b.handler()));
        }
        return out;
    }

    /** The screen quits: an open lab is left and waited for; what it said (null: none was open). */
    String end() {
        if (view == null) return null;
        String words = view.end();
        view = null;
        return words;
    }
}
