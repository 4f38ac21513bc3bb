package nscope.views.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.tree.Forest;
import nscope.views.tree.Forests;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import nscope.views.tree.TreeState;

/**
 * Every screen's rows and which screen is shown: a tree state per screen
 * (selection and expansion, kept by key), rows built off the UI thread when
 * a screen is turned to or its filter or sort changes, and what changed on
 * each screen at the last refresh (new, gone, moved rows). Owned by the UI
 * thread; only the finished builds arrive from elsewhere.
 */
final class Rows {
    /** The snapshot, filter and sort a screen's rows were built from. */
    private record Built(nscope.probes.model.Snapshot snapshot, String filter, Integer sortBy) {
        // written out: a record's own equals is bootstrapped through method handles at first use (the first frame)
        @Override
        public boolean equals(Object o) {
            return o instanceof Built b
                    && java.util.Objects.equals(b.snapshot, snapshot)
                    && java.util.Objects.equals(b.filter, filter)
                    && java.util.Objects.equals(b.sortBy, sortBy);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(snapshot, filter, sortBy);
        }
    }

    /** Rows built off the UI thread (null: the build failed), waiting to be placed by it. */
    private record Ready(Screen screen, Forest forest, Built from) {}

    private final Executor executor;
    private final StatusLine status;
    private final Map<Screen, TreeState> states = new HashMap<>();
    private final Map<Screen, Built> built = new HashMap<>(), building = new HashMap<>();
    /** The screens whose top levels were opened once (the user's expansions are kept from then on). */
    private final Set<Screen> opened = new HashSet<>();
    /** Per screen, the filter's matches already made visible (a refresh opens the tree only to new ones). */
    private final Map<Screen, Set<RowKey>> revealed = new HashMap<>();
    /** Per screen, a row to select once its rows are built (a link followed to a screen being built). */
    private final Map<Screen, RowKey> selectWhenBuilt = new HashMap<>();

    private final ConcurrentLinkedQueue<Ready> ready = new ConcurrentLinkedQueue<>();
    private final Map<Screen, Integer> sortBy = new ConcurrentHashMap<>();
    private volatile String filter = "";
    private volatile Screen shown = AllScreens.FIRST;
    private Screens last;
    private Set<RowKey> fresh = Set.of(), moved = Set.of();
    private Map<Screen, int[]> changes = Map.of();
    private boolean afterQuick;
    /** A search that waits for the rows of the screen shown. */
    private Screen searchScreen;

    private Runnable search;

    Rows(Executor executor, StatusLine status) {
        this.executor = executor;
        this.status = status;
        for (Screen s : AllScreens.LIST) states.put(s, new TreeState());
    }

    Screen shown() {
        return shown;
    }

    void show(Screen s) {
        shown = s;
    }

    TreeState state(Screen s) {
        return states.get(s);
    }

    TreeState state() {
        return states.get(shown);
    }

    /** The last refresh (null before the first). */
    Screens last() {
        return last;
    }

    String filter() {
        return filter;
    }

    void filter(String f) {
        filter = f;
    }

    Map<Screen, Integer> sortBy() {
        return Map.copyOf(sortBy);
    }

    Integer sortBy(Screen s) {
        return sortBy.get(s);
    }

    void sortBy(Screen s, Integer column) {
        if (column == null) sortBy.remove(s);
        else sortBy.put(s, column);
    }

    Set<RowKey> fresh() {
        return fresh;
    }

    boolean moved(RowKey k) {
        return moved.contains(k);
    }

    /** Whether the last refresh was the first frame (the quick scan's, when the screen was started live). */
    boolean quick() {
        return afterQuick;
    }

    /** Whether the rows shown are the quick first scan's: processes only, the full scan is still being read. */
    boolean reading() {
        return afterQuick && last != null && last.snapshot().scope() == nscope.probes.model.Scope.PROCESSES;
    }

    /** The counts {new, gone, moved} of a screen at the last refresh; null when not counted. */
    int[] changes(Screen s) {
        return changes.get(s);
    }

    /**
     * A refresh: the rows it brings (the screen shown, or all), keeping
     * selections and expansions; rows new since the last refresh, and rows
     * under another parent, are remembered to stand out.
     */
    void refresh(Screens next, boolean firstFrame) {
        Set<RowKey> added = new HashSet<>(), movedNow = new HashSet<>();
        Map<Screen, int[]> counts = new HashMap<>();
        nscope.probes.model.Snapshot before = last == null ? null : last.snapshot();
        for (Screen t : AllScreens.LIST) {
            Forest f = next.forests().get(t);
            if (f == null) continue;
            Built b = built.get(t);
            Integer sort = next.sortBy().get(t);
            if (b != null && before != null && !afterQuick && b.equals(new Built(before, next.filter(), sort)))
                counts.put(t, count(states.get(t).forest(), f, added, movedNow));
            place(t, f, new Built(next.snapshot(), next.filter(), sort));
        }
        fresh = added;
        moved = movedNow;
        changes = counts;
        afterQuick = firstFrame; // the quick first frame has no threads: the full one after it is not a change
        last = next;
    }

    /** Against the same screen's rows of the last refresh: {new, gone, moved (under another parent)}. */
    private static int[] count(Forest old, Forest f, Set<RowKey> added, Set<RowKey> movedNow) {
        int gone = 0, moved = 0, fresh = 0;
        for (Node n : Forests.inOrder(f)) {
            if (!old.contains(n.id())) {
                added.add(n.id());
                fresh++;
            } else if (!old.parent(n.id()).equals(f.parent(n.id()))) {
                movedNow.add(n.id());
                moved++;
            }
        }
        for (Node n : Forests.inOrder(old)) if (!f.contains(n.id())) gone++;
        return new int[] {fresh, gone, moved};
    }

    /** A refresh that found nothing different: the marks of the last changes go. */
    void unchanged() {
        fresh = Set.of();
        moved = Set.of();
        changes = Map.of();
    }

    private void place(Screen t, Forest f, Built from) {
        TreeState s = states.get(t);
        // the first rows with something in them (those of the quick first scan may have no cgroup or mount)
        boolean first = !f.roots().isEmpty() && opened.add(t);
        Built was = built.get(t);
        s.show(f);
        if (first) open(s, f.roots(), t.openDepth());
        if (from.filter().isEmpty()) revealed.remove(t);
        else revealMatches(t, s, f, from.filter(), was == null || !from.filter().equals(was.filter()));
        built.put(t, from);
    }

    /**
     * A filter's matches made visible: their ancestors are expanded, so no
     * match hides in a collapsed row. A new filter opens to all its matches
     * and selects the first when the selection is not one; a refresh under
     * the same filter opens only to matches it had not shown, so what the
     * user closed stays closed.
     */
    private void revealMatches(Screen t, TreeState s, Forest f, String filter, boolean newFilter) {
        if (newFilter) revealed.put(t, new HashSet<>());
        Set<RowKey> shown = revealed.computeIfAbsent(t, x -> new HashSet<>());
        String needle = filter.toLowerCase(java.util.Locale.ROOT);
        List<RowKey> matches = Forests.inOrder(f).stream()
                .filter(n -> Forests.matches(n, needle))
                .map(Node::id)
                .toList();
        s.reveal(matches.stream().filter(shown::add).toList());
        if (newFilter && !matches.isEmpty() && !matches.contains(s.selected())) s.select(matches.get(0));
    }

    private static void open(TreeState s, List<Node> level, int depth) {
        if (depth <= 0 || level.isEmpty()) return;
        s.expand(level.stream().map(Node::id).toList());
        open(s, level.stream().flatMap(n -> n.children().stream()).toList(), depth - 1);
    }

    /**
     * Makes a screen's rows those of the last refresh with the current filter
     * and sort: if they are not, they are built (the old ones stay shown meanwhile).
     */
    void ensure(Screen t) {
        placeReady();
        if (last == null) return;
        Built want = new Built(last.snapshot(), filter, sortBy.get(t));
        if (want.equals(built.get(t)) || want.equals(building.get(t))) return;
        building.put(t, want);
        nscope.probes.cgroups.CgroupCpu cpu = last.cpu();
        executor.execute(() -> {
            try {
                ready.add(new Ready(t, Screens.forest(t, want.snapshot(), cpu, want.filter(), want.sortBy()), want));
            } catch (RuntimeException e) {
                ready.add(new Ready(t, null, want));
            }
        });
        placeReady();
    }

    /** Whether rows built off the UI thread wait to be placed. */
    boolean ready() {
        return !ready.isEmpty();
    }

    boolean anyBuilding() {
        return !building.isEmpty();
    }

    /** Whether a screen's rows are still being built. */
    boolean building(Screen t) {
        return building.containsKey(t);
    }

    /** Selects a row on a screen; if that screen's rows are being built, once they are. False when it is not there. */
    boolean select(Screen t, RowKey k) {
        if (states.get(t).select(k)) return true;
        if (building(t)) selectWhenBuilt.put(t, k);
        return building(t);
    }

    /** Runs a search once the rows of the screen shown now are built. */
    void searchWhenBuilt(Runnable find) {
        searchScreen = shown;
        search = find;
    }

    /** Places finished rows that are still wanted (the UI thread). */
    private void placeReady() {
        Ready r;
        while ((r = ready.poll()) != null) {
            if (r.from().equals(building.get(r.screen()))) building.remove(r.screen());
            if (r.forest() == null) {
                status.say("error: the " + r.screen().title() + " rows could not be built");
                continue;
            }
            if (last == null || !r.from().equals(new Built(last.snapshot(), filter, sortBy.get(r.screen())))) continue;
            place(r.screen(), r.forest(), r.from());
            RowKey k = selectWhenBuilt.remove(r.screen());
            if (k != null && !states.get(r.screen()).select(k))
                status.say("that row is not on the " + r.screen().title() + " screen (filtered out, or gone)");
            if (searchScreen == r.screen() && shown == r.screen()) {
                Runnable find = search;
                searchScreen = null;
                search = null;
                find.run();
            }
        }
    }
}
