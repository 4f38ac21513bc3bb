package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.text.Escape;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.Row;
import nscope.views.tree.TreeState;

/**
 * The interactive screen's state and drawing: four tree screens, a header
 * with the host's facts and counts, a detail pane with cross-links and a
 * history to go back, search, filter, help. Owned by the UI thread: refreshes
 * arrive as {@link Screens} built elsewhere ({@link #show}).
 */
public final class Ui {
    public static final int MIN_COLS = 80, MIN_ROWS = 24;
    private static final int HEADER = 3, DETAIL = 6;

    private enum Mode { NORMAL, SEARCH, FILTER, DIALOG }

    private final Palette palette;
    private final Map<Tab, TreeState> states = new EnumMap<>(Tab.class);
    private final Deque<Link> back = new ArrayDeque<>();
    private Tab tab = Tab.PROCESSES;
    private Screens screens;
    private HostFacts facts;
    private Set<String> fresh = Set.of(), moved = Set.of();
    private Map<Tab, int[]> changes = Map.of();
    private Mode mode = Mode.NORMAL;
    private StringBuilder typed = new StringBuilder();
    private String search = "", status = "";
    private volatile String filter = "";
    private int link;
    private boolean paused;
    private String refreshedAt = "";
    private java.time.Clock clock = java.time.Clock.systemDefaultZone();

    private void stamp() { refreshedAt = LocalTime.now(clock).format(DateTimeFormatter.ofPattern("HH:mm:ss")); }

    /** The clock the header's "refreshed" time comes from (fixed for screenshots, so they do not change from run to run). */
    public void clock(java.time.Clock c) { clock = c; }

    /** A screen whose rows are built on the calling thread (screenshots, tests). */
    public Ui(Palette palette) { this(palette, Runnable::run); }

    /**
     * @param rows where a screen's rows are built when it is turned to (or the
     *             filter or sort changes): off the UI thread live, since rows
     *             for 12,000 tasks take a tenth of a second or more
     */
    public Ui(Palette palette, java.util.concurrent.Executor rows) {
        this.palette = palette;
        this.rows = rows;
        for (Tab t : Tab.values()) states.put(t, new TreeState());
    }

    /** Per screen: the snapshot, filter and sort its rows were built from. */
    private record Built(Snapshot snapshot, String filter, Integer sortBy) {}

    private final Map<Tab, Built> built = new EnumMap<>(Tab.class);
    /** The screens whose top levels were opened once (the user's expansions are kept from then on). */
    private final Set<Tab> opened = java.util.EnumSet.noneOf(Tab.class);
    private boolean afterQuick;

    /**
     * A refresh: the rows it brings (the screen shown, or all), keeping
     * selections and expansions; rows new since the last refresh stand out.
     * A screen it has no rows for is built from it when turned to.
     */
    public void show(Screens next, HostFacts facts, boolean firstFrame) { show(next, marks(next.snapshot()), facts, firstFrame); }

    /** As {@link #show(Screens, HostFacts, boolean)}, with the container marks made off this thread ({@link #marks}). */
    public void show(Screens next, Map<String, String> marks, HostFacts facts, boolean firstFrame) {
        Set<String> added = new HashSet<>(), movedNow = new HashSet<>();
        Map<Tab, int[]> counts = new EnumMap<>(Tab.class);
        Snapshot before = screens == null ? null : screens.snapshot();
        for (Tab t : Tab.values()) {
            Forest f = next.forests().get(t);
            if (f == null) continue;
            Built b = built.get(t);
            Integer sort = next.sortBy().get(t);
            if (b != null && before != null && !afterQuick && b.equals(new Built(before, next.filter(), sort))) {
                // against the same screen's rows of the last refresh: new, gone, and moved (under another parent)
                Forest old = states.get(t).forest();
                int gone = 0, moved = 0, fresh = 0;
                for (Node n : Screens.inOrder(f)) {
                    if (!old.contains(n.id())) {
                        added.add(n.id());
                        fresh++;
                    } else if (!old.parent(n.id()).equals(f.parent(n.id()))) {
                        movedNow.add(n.id());
                        moved++;
                    }
                }
                for (Node n : Screens.inOrder(old)) if (!f.contains(n.id())) gone++;
                counts.put(t, new int[] {fresh, gone, moved});
            }
            place(t, f, new Built(next.snapshot(), next.filter(), sort));
        }
        fresh = added;
        moved = movedNow;
        changes = counts;
        afterQuick = firstFrame; // the quick first frame has no threads: the full one after it is not a change
        if (next.snapshot() != before) refused = refusedTasks(next.snapshot());
        screens = next;
        containerOf = marks;
        if (facts != null) this.facts = facts;
        stamp();
        updatePinned();
    }

    private volatile java.util.function.Supplier<List<ContainerMarks.Container>> containers = List::of;
    private Map<String, String> containerOf = Map.of();

    /** Which rows of a snapshot belong to nscope's containers (their states read now): for the scan thread, not this one. */
    public Map<String, String> marks(Snapshot s) { return ContainerMarks.of(s, containers.get()); }

    /** Where nscope's containers come from (read at each refresh), so their rows are marked [ctr NAME]. */
    public void containers(java.util.function.Supplier<List<ContainerMarks.Container>> c) { containers = c; }

    /**
     * The row e enters: on the monitor of one of nscope's
     * containers (outside its namespaces), its PID 1, as nscope enter NAME
     * does; any other row itself.
     */
    private String intoContainer(Snapshot s, String id) {
        String name = containerOf(id);
        var tid = nscope.views.screens.ProcessRows.tidOf(id);
        if (name == null || tid.isEmpty()) return id;
        for (ContainerMarks.Container c : containers.get()) {
            if (!c.name().equals(name)) continue;
            var init = s.leader(c.pid()).filter(t -> t.startTime() == c.startTime());
            var row = s.task(tid.getAsInt());
            if (init.isEmpty() || row.isEmpty()) return id;
            var theirs = row.get().ns(nscope.probes.model.NsLink.PID);
            var its = init.get().ns(nscope.probes.model.NsLink.PID);
            boolean inside = theirs.known() && its.known() && theirs.get().equals(its.get());
            return inside ? id : nscope.views.screens.ProcessRows.processId(init.get());
        }
        return id;
    }

    /** A key in the container list on one container: show its PID 1 (Enter), enter it (e), stop or remove it (x). */
    private Dialog.Result onContainer(Snapshot s, String name, char key) {
        if (key == 'x') return ActionKeys.containerChange(name, actions);
        Task init = null;
        for (ContainerMarks.Container c : containers.get())
            if (c.name().equals(name)) init = s.leader(c.pid()).filter(t -> t.startTime() == c.startTime()).orElse(null);
        if (init == null) return Dialog.Result.done(name + " is not running (or not in the last refresh yet)", false);
        if (key == 'e') return ActionKeys.enter(s, nscope.views.screens.ProcessRows.processId(init), actions, false);
        String row = nscope.views.screens.ProcessRows.processId(init);
        switchTo(Tab.PROCESSES);
        ensureRows(Tab.PROCESSES);
        if (!states.get(Tab.PROCESSES).select(row) && isBuilding(Tab.PROCESSES)) selectWhenBuilt.put(Tab.PROCESSES, row);
        return Dialog.Result.done("PID 1 of the container " + name, false);
    }

    /** The container a row belongs to, or null. */
    String containerOf(String id) { return containerOf.get(id); }

    /** A refresh that found nothing different: the rows stay, the marks of the last changes go. */
    public void unchanged(HostFacts facts) {
        fresh = Set.of();
        moved = Set.of();
        changes = Map.of();
        if (facts != null) this.facts = facts;
        stamp();
    }

    private void place(Tab t, Forest f, Built from) {
        TreeState s = states.get(t);
        // the first rows with something in them (those of the quick first scan may have no cgroup or mount)
        boolean first = !f.roots().isEmpty() && opened.add(t);
        s.show(f);
        if (first) {
            s.expand(f.roots().stream().map(Node::id).toList());
            // the processes screen opens on the whole tree down to the first level of services
            if (t == Tab.PROCESSES) for (Node r : f.roots()) s.expand(r.children().stream().map(Node::id).toList());
        }
        built.put(t, from);
    }

    private final java.util.concurrent.Executor rows;
    /** Rows built off the UI thread, waiting to be placed by it. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Ready> ready = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<Tab, Built> building = new EnumMap<>(Tab.class);
    /** Per screen, a row to select once its rows are built (a link followed to a screen being built). */
    private final Map<Tab, String> selectWhenBuilt = new EnumMap<>(Tab.class);
    /** A screen whose search waits for its rows. */
    private Tab searchWhenBuilt;

    private record Ready(Tab tab, Forest forest, Built from) {}

    /**
     * Makes a screen's rows those of the last refresh with the current filter
     * and sort: if they are not, they are built (the old ones stay shown meanwhile).
     */
    private void ensureRows(Tab t) {
        placeReady();
        if (screens == null) return;
        Built want = new Built(screens.snapshot(), filter, sortBy.get(t));
        if (want.equals(built.get(t)) || want.equals(building.get(t))) return;
        building.put(t, want);
        CgroupCpu cpu = screens.cpu();
        rows.execute(() -> {
            try {
                ready.add(new Ready(t, Screens.forest(t, want.snapshot(), cpu, want.filter(), want.sortBy()), want));
            } catch (RuntimeException e) {
                ready.add(new Ready(t, null, want));
            }
        });
        placeReady();
    }

    /** Whether rows built off the UI thread wait to be shown (the loop then draws again). */
    public boolean rowsReady() { return !ready.isEmpty(); }

    /** Places finished rows that are still wanted (the UI thread). */
    private void placeReady() {
        Ready r;
        while ((r = ready.poll()) != null) {
            if (r.from().equals(building.get(r.tab()))) building.remove(r.tab());
            if (r.forest() == null) {
                status = "error: the " + r.tab().title() + " rows could not be built";
                continue;
            }
            if (screens == null || !r.from().equals(new Built(screens.snapshot(), filter, sortBy.get(r.tab())))) continue;
            place(r.tab(), r.forest(), r.from());
            String id = selectWhenBuilt.remove(r.tab());
            if (id != null && !states.get(r.tab()).select(id))
                status = "that row is not on the " + r.tab().title() + " screen (filtered out, or gone)";
            if (searchWhenBuilt == r.tab() && tab == r.tab()) {
                searchWhenBuilt = null;
                find(0);
            }
        }
    }

    /** Whether a screen's rows are still being built. */
    private boolean isBuilding(Tab t) { return building.containsKey(t); }

    private volatile int pinned;

    /** The process the selection is on (0 if none): a live refresh reads it whole every time. */
    public int pinned() { return pinned; }

    private void updatePinned() {
        String id = states.get(tab).selected();
        var tid = nscope.views.screens.ProcessRows.tidOf(id);
        pinned = screens == null || tid.isEmpty() ? 0
                : screens.snapshot().task(tid.getAsInt()).map(nscope.probes.model.Task::tgid).orElse(0);
    }

    private nscope.probes.Refresher.Freshness freshness;

    /** How old the parts a live refresh carried over are: in the header, and in words when the status line has room. */
    public void freshness(nscope.probes.Refresher.Freshness f) { freshness = f; }

    private boolean inTurn() { return freshness != null && freshness.cycle() > 1; }

    private String freshnessWords() {
        if (!inTurn()) return "";
        return "the selected process is read every refresh, the others in turn: their threads and links are at most "
                + freshness.linksSeconds() + " s old, the cgroup trees " + freshness.cgroupsSeconds() + " s";
    }

    public Tab tab() { return tab; }

    /** Something went wrong on the UI thread: said on the status line, the screen goes on. */
    public void error(String message) { status = "error: " + Escape.terminal(message); }

    private volatile long refreshMs;

    /** The wait before the next refresh, as the CPU budget set it (the header says when it is longer than asked). */
    public void refreshEvery(long ms) { refreshMs = ms; }

    /** Whether anything was shown yet. */
    public boolean hasRows() { return screens != null; }

    public TreeState state(Tab t) { return states.get(t); }

    public boolean paused() { return paused; }

    /** The current filter, applied to the next refresh's rows. */
    public String filter() { return filter; }

    private final Map<Tab, Integer> sortBy = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each screen's sort column, applied to the next refresh's rows. */
    public Map<Tab, Integer> sortBy() { return Map.copyOf(sortBy); }

    /** s: the next column (after the last, the tree's own order again). */
    private void nextSort() {
        int n = Screens.columns(tab).size();
        int next = sortBy.getOrDefault(tab, -1) + 1;
        if (next >= n) sortBy.remove(tab);
        else sortBy.put(tab, next);
        status = sortBy.containsKey(tab) ? "sorted by " + Screens.columns(tab).get(next).name() : "in the tree's own order";
    }

    /** Answers a key; false means quit. Rows for a new filter or sort are built when the screen is drawn next. */
    public boolean key(KeyStroke k) {
        boolean goOn = answer(k);
        updatePinned();
        return goOn;
    }

    private boolean answer(KeyStroke k) {
        if (k == null) return true;
        if (k.getKeyType() == KeyType.EOF) return false;
        if (k.isCtrlDown() && k.getCharacter() != null && k.getCharacter() == 'c') return false;
        switch (mode) {
            case DIALOG -> { inDialog(k); return true; }
            case SEARCH, FILTER -> { typing(k); return true; }
            default -> { }
        }
        TreeState s = states.get(tab);
        status = "";
        switch (k.getKeyType()) {
            case ArrowUp -> s.move(-1);
            case ArrowDown -> s.move(1);
            case PageUp -> s.move(-page());
            case PageDown -> s.move(page());
            case Home -> s.first();
            case End -> s.last();
            case ArrowRight -> s.right();
            case ArrowLeft -> s.left();
            case Tab -> switchTo(tab.next());
            case Enter -> follow();
            case Backspace -> goBack();
            case F1 -> ask(new Help(KeyMap.shown(actions.refusal() == null)));
            case F9 -> actionKey('K');
            case Character -> { return character(k.getCharacter(), s); }
            default -> { }
        }
        return true;
    }

    private int lastHeight = MIN_ROWS;

    private int page() { return Math.max(1, lastHeight - HEADER - DETAIL - 2); }

    private boolean character(char c, TreeState s) {
        switch (c) {
            case 'q' -> { return false; }
            case 'j' -> s.move(1);
            case 'k' -> s.move(-1);
            case 'g' -> s.first();
            case 'G' -> s.last();
            case 'l' -> s.right();
            case 'h' -> s.left();
            case ' ' -> s.toggle();
            case '1', '2', '3', '4' -> switchTo(Tab.values()[c - '1']);
            case ']' -> link++;
            case '[' -> link = Math.max(0, link - 1);
            case 'b' -> goBack();
            case '/' -> { mode = Mode.SEARCH; typed = new StringBuilder(); }
            case 'f' -> { mode = Mode.FILTER; typed = new StringBuilder(filter); }
            case 'n' -> find(1);
            case 'N' -> find(-1);
            case 's' -> nextSort();
            case 'p' -> { paused = !paused; status = paused ? "paused: p resumes the live refresh" : "resumed"; }
            case '?' -> ask(new Help(KeyMap.shown(actions.refusal() == null)));
            case 'e', 'E', 'u', 'm', 'a', 'L', 'c', 'x', 'C', 'K', 'z', 'd' -> actionKey(c);
            case 'r' -> resume();
            default -> { }
        }
        return true;
    }

    private void typing(KeyStroke k) {
        switch (k.getKeyType()) {
            case Escape -> mode = Mode.NORMAL;
            case Backspace -> { if (typed.length() > 0) typed.setLength(typed.length() - 1); }
            case Enter -> {
                if (mode == Mode.SEARCH) {
                    search = typed.toString();
                    mode = Mode.NORMAL;
                    find(0);
                } else {
                    filter = typed.toString();
                    mode = Mode.NORMAL;
                    status = filter.isEmpty() ? "filter off" : "filter: " + filter;
                }
            }
            case Character -> { if (!Character.isISOControl(k.getCharacter())) typed.append(k.getCharacter()); }
            default -> { }
        }
    }

    /** The next (dir 1), previous (-1) or first from here (0) row whose cells hold the search text. */
    private void find(int dir) {
        if (search.isEmpty() || screens == null) return;
        ensureRows(tab);
        if (isBuilding(tab)) {
            // typed right after turning to a screen: found once its rows are there
            searchWhenBuilt = tab;
            status = "searching once the " + tab.title() + " rows are built...";
            return;
        }
        List<Node> all = Screens.inOrder(states.get(tab).forest());
        if (all.isEmpty()) {
            status = "not found: " + search;
            return;
        }
        String needle = search.toLowerCase(java.util.Locale.ROOT);
        int at = 0;
        String sel = states.get(tab).selected();
        for (int i = 0; i < all.size(); i++) if (all.get(i).id().equals(sel)) at = i;
        int step = dir < 0 ? -1 : 1;
        for (int n = dir == 0 ? 0 : 1; n <= all.size(); n++) {
            Node c = all.get(Math.floorMod(at + step * n, all.size()));
            if (Screens.matches(c, needle)) {
                states.get(tab).select(c.id());
                status = "found: " + search;
                return;
            }
        }
        status = "not found: " + search;
    }

    private void switchTo(Tab t) {
        tab = t;
        link = 0;
    }

    private Detail detail() {
        return screens == null ? Detail.NONE : Detail.of(screens.snapshot(), states.get(tab).selected());
    }

    /** Enter: follow the chosen link of the detail pane, remembering where from. */
    private void follow() {
        Detail d = detail();
        if (d.links().isEmpty()) {
            states.get(tab).toggle();
            return;
        }
        Link l = d.links().get(Math.min(link, d.links().size() - 1));
        Link from = new Link("", tab, states.get(tab).selected());
        ensureRows(l.tab());
        if (isBuilding(l.tab()) && !states.get(l.tab()).select(l.id())) {
            selectWhenBuilt.put(l.tab(), l.id()); // selected when the screen's rows for this refresh are there
        } else if (!states.get(l.tab()).select(l.id())) {
            status = Escape.terminal(l.label()) + " is not on that screen (filtered out, or gone)";
            return;
        }
        back.push(from);
        switchTo(l.tab());
    }

    private void goBack() {
        Link l = back.poll();
        if (l == null) {
            status = "nothing to go back to";
            return;
        }
        switchTo(l.tab());
        ensureRows(l.tab());
        if (!states.get(l.tab()).select(l.id()) && isBuilding(l.tab())) selectWhenBuilt.put(l.tab(), l.id());
    }

    /** Draws the whole screen; below the minimum size, a message asking for more room. */
    public void draw(TextGraphics g, TerminalSize size) {
        lastHeight = size.getRows();
        if (size.getColumns() < MIN_COLS || size.getRows() < MIN_ROWS) {
            String m = "nscope needs at least " + MIN_COLS + "x" + MIN_ROWS + " (this is " + size.getColumns() + "x" + size.getRows() + "): make the window larger";
            int y = 0;
            for (int i = 0; i < m.length(); i += Math.max(1, size.getColumns())) g.putString(0, y++, m.substring(i, Math.min(m.length(), i + Math.max(1, size.getColumns()))));
            return;
        }
        int w = size.getColumns(), h = size.getRows();
        ensureRows(tab); // turned to, or a new filter or sort: built here, once
        header(g, w);
        int paneTop = HEADER, paneHeight = h - HEADER - DETAIL - 1;
        TreePane.draw(g, paneTop, paneHeight, w, Screens.columns(tab), states.get(tab), palette, this::colorOf, fresh, containerOf);
        detailPane(g, h - DETAIL - 1, w);
        statusLine(g, h - 1, w);
        if (mode == Mode.DIALOG) dialog.draw(g, w, h);
    }

    private TextColor colorOf(Row r) {
        String id = r.node().id();
        if (moved.contains(id)) return palette.moved();
        if (id.startsWith("k:")) return palette.kind(NsKind.parse(id.substring(2)));
        if (id.startsWith("ns:") && r.node().cells().size() > 3) {
            String name = r.node().cells().get(3);
            int colon = name.indexOf(':');
            if (colon > 0) {
                try {
                    return palette.kind(NsKind.parse(name.substring(0, colon)));
                } catch (IllegalArgumentException e) {
                    return TextColor.ANSI.DEFAULT; // not a type name: no colour
                }
            }
        }
        return TextColor.ANSI.DEFAULT;
    }

    private void header(TextGraphics g, int w) {
        StringBuilder a = new StringBuilder("nscope  ");
        if (facts != null) {
            a.append(Escape.terminal(facts.hostname()));
            if (!facts.kernel().isEmpty()) a.append("  kernel ").append(Escape.terminal(facts.kernel()));
            if (facts.uptimeSeconds() >= 0) a.append("  up ").append(uptime(facts.uptimeSeconds()));
            if (facts.cpus() > 0) a.append("  ").append(facts.cpus()).append(" cpus");
            if (facts.memTotal() > 0) a.append("  mem ").append(nscope.views.text.CgroupCells.bytes(facts.memTotal() - facts.memAvailable()))
                    .append("/").append(nscope.views.text.CgroupCells.bytes(facts.memTotal()));
            if (facts.load() != null) a.append(String.format(java.util.Locale.ROOT, "  load %.2f %.2f %.2f", facts.load()[0], facts.load()[1], facts.load()[2]));
        }
        g.setForegroundColor(palette.label());
        g.putString(0, 0, TreePane.fit(a.toString(), w));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        StringBuilder b = new StringBuilder();
        if (screens != null) {
            // what a narrow screen cuts off comes last: how fresh first, the namespace counts at the end
            Snapshot s = screens.snapshot();
            b.append(paused ? "paused " : "refreshed ").append(refreshedAt);
            if (refreshMs > 0) b.append(String.format(java.util.Locale.ROOT, " every %.0fs", refreshMs / 1000.0));
            if (inTurn()) b.append(" (others <=").append(freshness.linksSeconds()).append("s)");
            b.append(" | ").append(s.threadGroups().size()).append(" processes, ").append(s.tasks().size()).append(" threads | ");
            int cg = 0;
            for (var t : s.cgroups().trees()) cg += t.cgroups().size();
            b.append(cg).append(" cgroups");
            if (!filter.isEmpty()) b.append(" | filter ").append(Escape.terminal(filter));
            Integer col = sortBy.get(tab);
            if (col != null) b.append(" | by ").append(Screens.columns(tab).get(col).name());
            b.append(" | ns");
            for (NsKind k : nscope.views.screens.NamespaceRows.ORDER) b.append(' ').append(k.label()).append(' ').append(s.namespaces(k).size());
        }
        g.putString(0, 1, TreePane.fit(b.toString(), w));
        int x = 0;
        for (Tab t : Tab.values()) {
            String label = " " + (t.ordinal() + 1) + " " + t.title() + " ";
            if (t == tab) g.enableModifiers(SGR.REVERSE);
            g.putString(x, 2, TreePane.fit(label, w - x));
            if (t == tab) g.disableModifiers(SGR.REVERSE);
            x += label.length() + 1;
            if (x >= w) break;
        }
        if (x < w) g.putString(x, 2, TreePane.fit("  ? help  q quit", w - x));
    }

    private void detailPane(TextGraphics g, int top, int w) {
        g.putString(0, top, "─".repeat(w));
        Detail d = detail();
        int y = top + 1;
        for (String l : d.lines()) {
            if (y >= top + DETAIL) break;
            g.putString(0, y++, TreePane.fit(Escape.terminal(l), w));
        }
        if (d.links().isEmpty() || y >= top + DETAIL) return;
        link = Math.min(link, d.links().size() - 1);
        StringBuilder b = new StringBuilder("links [ ] Enter: ");
        int start = Math.max(0, link - 2);
        for (int i = start; i < d.links().size(); i++) {
            String label = Escape.terminal(d.links().get(i).label());
            b.append(i == link ? "<" + label + ">" : label).append("  ");
        }
        String text = b.toString();
        while (y < top + DETAIL && !text.isEmpty()) {
            g.putString(0, y++, TreePane.fit(text, w));
            text = text.length() > w ? text.substring(w) : "";
        }
    }

    private void statusLine(TextGraphics g, int y, int w) {
        String s = switch (mode) {
            case SEARCH -> "/" + Escape.terminal(typed.toString());
            case FILTER -> "filter: " + Escape.terminal(typed.toString()) + "   (Enter applies, empty: all rows)";
            default -> !status.isEmpty() ? status
                    : isBuilding(tab) ? "building the " + tab.title() + " rows from the last refresh..." : changeLine();
        };
        g.putString(0, y, TreePane.fit(s, w));
    }

    /** What changed on this screen at the last refresh, when anything did; else what could not be read. */
    private String changeLine() {
        int[] c = changes.get(tab);
        if (c == null || c[0] + c[1] + c[2] == 0) return hiddenLine().isEmpty() ? freshnessWords() : hiddenLine();
        return "since the last refresh: " + c[0] + " new (green), " + c[1] + " gone, " + c[2] + " moved (yellow)";
    }

    private int refused;

    /** Said plainly when the kernel refused some reads (not root, or tasks holding capabilities root lacks). */
    private String hiddenLine() {
        if (refused == 0) return "";
        return "the kernel refused the namespaces of " + refused + (refused == 1 ? " task" : " tasks")
                + " (shown as unknown; as root, only tasks holding capabilities root lacks)";
    }

    /** Tasks with a namespace link the kernel refused: counted once per refresh, not on every frame. */
    private static int refusedTasks(Snapshot s) {
        int n = 0;
        for (nscope.probes.model.Task t : s.tasks().values()) {
            for (nscope.probes.model.NsLink l : nscope.probes.model.NsLink.values()) {
                var r = t.ns(l);
                if (!r.known() && r.why().reason() == nscope.probes.readout.Unknown.Reason.PERMISSION) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private Actions actions = Actions.readOnly("no action is wired in here");
    private volatile boolean refreshNow;

    private Dialog dialog;
    private Actions.Session session;

    /** What this screen may do to the host (read-only when not set). */
    public void actions(Actions a) { actions = a; }

    /** Whether an action just changed the host, so the loop refreshes at once (and forgets it was asked). */
    public boolean refreshNow() {
        boolean r = refreshNow;
        refreshNow = false;
        return r;
    }

    /** Whether actions may run; if not, says why on the status line. */
    private boolean mayAct(String key) {
        if (actions.refusal() == null) return true;
        status = key + " changes the host, but this screen is read-only: " + actions.refusal();
        return false;
    }

    private void ask(Dialog d) {
        dialog = d;
        mode = Mode.DIALOG;
    }

    private void inDialog(KeyStroke k) {
        Dialog.Result r = dialog.key(k);
        if (r != null) apply(r);
    }

    /** What a dialog or an action key ended in: another dialog, a session to run, or words. */
    private void apply(Dialog.Result r) {
        mode = Mode.NORMAL;
        dialog = null;
        if (r.words() != null) status = Escape.terminal(r.words());
        if (r.changed()) refreshNow = true;
        if (r.next() != null) ask(r.next());
        if (r.session() != null) {
            if (r.session().refusal() != null) status = Escape.terminal(r.session().refusal());
            else session = r.session();
        }
    }

    /** A session an action key asked for (taken once): the loop puts the screen aside and runs it. */
    public Actions.Session takeSession() {
        Actions.Session s = session;
        session = null;
        return s;
    }

    private final SessionsAside aside = new SessionsAside();

    /**
     * After a session: what it said, and a refresh at once (its namespaces
     * are new or gone); one put aside with Ctrl-] is kept for r.
     */
    public void sessionEnded(Actions.Session s, String words) {
        status = Escape.terminal(words);
        refreshNow = true;
        aside.keep(s);
    }

    /** r: back to the session put aside last. */
    private void resume() {
        session = aside.last();
        if (session == null) status = "no session was put aside (Ctrl-] in a shell started here puts it aside)";
    }

    /** Sessions put aside that have ended meanwhile: said on the status line; true if one had. */
    public boolean pollAside() {
        String ended = aside.ended();
        if (ended == null) return false;
        status = Escape.terminal(ended);
        refreshNow = true;
        return true;
    }

    /** The screen quits: sessions put aside end with it (their terminal hangs up). */
    public void endAside() { aside.endAll(); }

    /** The action keys (e, E, u, m, a, L, c, x, C, K, z, d): each ends in words, a dialog or a session; they need actions and a scan. */
    private void actionKey(char c) {
        if (!mayAct(String.valueOf(c)) || screens == null) return;
        Snapshot s = screens.snapshot();
        String id = states.get(tab).selected();
        apply(switch (c) {
            case 'e' -> ActionKeys.enter(s, intoContainer(s, id), actions, false);
            case 'E' -> ActionKeys.enter(s, intoContainer(s, id), actions, true);
            case 'u' -> ActionKeys.unshare(actions);
            case 'm' -> ActionKeys.move(s, id, actions);
            case 'a' -> ActionKeys.mkdir(s, id, actions);
            case 'c' -> ActionKeys.create(actions);
            case 'x' -> ActionKeys.containerChange(containerOf(id), actions);
            case 'C' -> Dialog.Result.then(new ContainerList(actions.containers(), (name, key) -> onContainer(s, name, key)));
            case 'K' -> ActionKeys.signal(s, id, actions);
            case 'z' -> ActionKeys.cgroupChange(s, id, false, actions);
            case 'd' -> ActionKeys.cgroupChange(s, id, true, actions);
            default -> ActionKeys.limits(s, id, actions);
        });
    }

    private static String uptime(long s) {
        long d = s / 86400, hh = s % 86400 / 3600, mm = s % 3600 / 60;
        return d > 0 ? d + "d " + hh + "h" : hh > 0 ? hh + "h " + mm + "m" : mm + "m";
    }
}
