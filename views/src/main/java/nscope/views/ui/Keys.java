package nscope.views.ui;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nscope.probes.model.Snapshot;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.KeyTable;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.screens.Target;
import nscope.views.tree.RowKey;
import nscope.views.ui.action.ActionKeys;
import nscope.views.ui.dialog.ContainerList;
import nscope.views.ui.dialog.Dialog;
import nscope.views.ui.dialog.Help;

/**
 * The key table of the screen, in the order the help lists it: each binding
 * with its keys, its words, whether it changes the host, where it applies
 * and what it does. A new action is a line here (and its dialog in
 * {@link ActionKeys}); a key pressed is answered by {@link #press}.
 */
final class Keys {
    static final boolean MUTATES = true, SAFE = false;
    static final Set<Mode> NORMAL = Set.of(Mode.NORMAL), LIST = Set.of(Mode.CONTAINER_LIST);

    private final Ui ui;
    private final Rows rows;
    private final DetailPane detail;
    private final Search search;
    private final Acting acting;
    private final Containers containers;
    private final StatusLine status;
    private final KeyTable table;
    private final ContainerListKeys list;
    private final LabKeys lab;

    Keys(Ui ui, Rows rows, DetailPane detail, Search search, Acting acting, Containers containers, StatusLine status) {
        this.ui = ui;
        this.rows = rows;
        this.detail = detail;
        this.search = search;
        this.acting = acting;
        this.containers = containers;
        this.status = status;
        this.lab = new LabKeys(rows, detail, acting, status);
        this.list = new ContainerListKeys(this, rows, detail, acting, containers);
        List<Binding> all = new ArrayList<>(moving());
        all.addAll(viewing());
        all.addAll(acting());
        all.addAll(list.bindings());
        all.addAll(lab.bindings());
        all.addAll(ui.replayKeys().bindings());
        table = new KeyTable(all);
    }

    /** T and an open lab's keys. */
    LabKeys lab() {
        return lab;
    }

    KeyTable table() {
        return table;
    }

    /** Answers a key on the screens: an open lab's keys first, then the screens'. */
    void press(Key k) {
        press(ui.replayKeys().mode(table, k, lab.active()), k);
    }

    /** Answers a key in a mode; one that changes the host is refused, and says why, when the screen is read-only. */
    void press(Mode mode, Key k) {
        table.find(mode, k).ifPresent(b -> {
            if (b.mutates() && acting.refusal() != null)
                status.say(k.label() + " changes the host, but this screen is read-only: " + acting.refusal());
            else b.handler().on(k);
        });
    }

    static Binding bind(
            String shown, String help, boolean mutates, Set<Mode> modes, List<Key> keys, Binding.Handler h) {
        return new Binding(shown, keys, help, mutates, modes, h);
    }

    static List<Key> keys(Object... ks) {
        List<Key> out = new ArrayList<>();
        for (Object k : ks)
            out.add(k instanceof Character c ? Key.of(c) : k instanceof Key key ? key : Key.of((KeyType) k));
        return out;
    }

    private static boolean is(Key k, Object... ks) {
        return keys(ks).contains(k);
    }

    /** Moving in the tree and between screens. */
    private List<Binding> moving() {
        List<Key> numbers = new ArrayList<>();
        for (int i = 0; i < AllScreens.LIST.size(); i++) numbers.add(Key.of((char) ('1' + i)));
        List<Key> screenKeys = new ArrayList<>(numbers);
        screenKeys.add(Key.of(KeyType.Tab));
        String names = AllScreens.LIST.stream()
                .map(s -> s.title().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return List.of(
                bind(
                        "Up/Down, k/j",
                        "move the selection",
                        SAFE,
                        NORMAL,
                        keys(KeyType.ArrowUp, KeyType.ArrowDown, 'k', 'j'),
                        k -> rows.state().move(is(k, KeyType.ArrowUp, 'k') ? -1 : 1)),
                bind(
                        "PgUp/PgDn",
                        "move a page",
                        SAFE,
                        NORMAL,
                        keys(KeyType.PageUp, KeyType.PageDown),
                        k -> rows.state().move(is(k, KeyType.PageUp) ? -ui.page() : ui.page())),
                bind(
                        "Home/End, g/G",
                        "first / last row",
                        SAFE,
                        NORMAL,
                        keys(KeyType.Home, KeyType.End, 'g', 'G'),
                        k -> {
                            if (is(k, KeyType.Home, 'g')) rows.state().first();
                            else rows.state().last();
                        }),
                bind(
                        "Right, l",
                        "expand; on an expanded row, go to its first child",
                        SAFE,
                        NORMAL,
                        keys(KeyType.ArrowRight, 'l'),
                        k -> rows.state().right()),
                bind(
                        "Left, h",
                        "collapse; on a collapsed row, go to its parent",
                        SAFE,
                        NORMAL,
                        keys(KeyType.ArrowLeft, 'h'),
                        k -> rows.state().left()),
                bind(
                        "Space",
                        "expand or collapse",
                        SAFE,
                        NORMAL,
                        keys(' '),
                        k -> rows.state().toggle()),
                bind(
                        numbers.stream().map(Key::label).collect(Collectors.joining(" ")) + ", Tab",
                        names + "; Tab: the next screen",
                        SAFE,
                        NORMAL,
                        screenKeys,
                        k -> detail.turnTo(
                                k.ch() == '\0' ? AllScreens.after(rows.shown()) : AllScreens.LIST.get(k.ch() - '1'))),
                bind("[ ]", "choose a link in the detail pane", SAFE, NORMAL, keys('[', ']'), k -> {
                    if (k.ch() == ']') detail.nextLink();
                    else detail.previousLink();
                }),
                bind("Enter", "follow the chosen link", SAFE, NORMAL, keys(KeyType.Enter), k -> detail.follow()),
                bind(
                        "Backspace, b",
                        "go back to where the last link was followed from, that link chosen again",
                        SAFE,
                        NORMAL,
                        keys(KeyType.Backspace, 'b'),
                        k -> detail.goBack()));
    }

    /** Finding, narrowing, ordering and pausing the rows; help and quit. */
    private List<Binding> viewing() {
        return List.of(
                bind(
                        "/",
                        "search: rows whose name holds it first (a command's program), then any other text (Enter finds, Esc cancels)",
                        SAFE,
                        NORMAL,
                        keys('/'),
                        k -> search.startSearch()),
                bind(
                        "n / N",
                        "next / previous match",
                        SAFE,
                        NORMAL,
                        keys('n', 'N'),
                        k -> search.find(k.ch() == 'n' ? 1 : -1)),
                bind(
                        "f",
                        "filter: show only rows that match, and their ancestors, the tree opened to every match (empty: all)",
                        SAFE,
                        NORMAL,
                        keys('f'),
                        k -> search.startFilter()),
                bind(
                        "s",
                        "sort siblings by the next column (figures biggest first); after the last, tree order",
                        SAFE,
                        NORMAL,
                        keys('s'),
                        k -> nextSort()),
                bind("p", "pause or resume the live refresh", SAFE, NORMAL, keys('p'), k -> ui.togglePause()),
                bind(
                        "t",
                        nscope.views.ui.lens.LensKey.HELP,
                        SAFE,
                        NORMAL,
                        keys('t'),
                        k -> onRow((s, t) -> ui.lensKey().open(t))),
                lab.menuKey(),
                bind(
                        "i",
                        "what the selected row's columns hold, each with what it means",
                        SAFE,
                        NORMAL,
                        keys('i'),
                        k -> {
                            Help h = detail.explain(ui::marksOf);
                            if (h == null) status.say("no row is selected");
                            else acting.ask(h);
                        }));
    }

    /** The keys that change the host (left out when read-only), then help and quit. */
    private List<Binding> acting() {
        List<Binding> all = new java.util.ArrayList<>(entering());
        all.addAll(changing());
        all.addAll(ending());
        return all;
    }

    /** Entering and unsharing, and the shells put aside. */
    private List<Binding> entering() {
        return List.of(
                bind(
                        "e",
                        "a shell in the selected process's namespaces, root and directory (a thread: the thread's own), or in the selected namespace only",
                        MUTATES,
                        NORMAL,
                        keys('e'),
                        k -> onRow((s, t) -> ActionKeys.enter(entered(s, t), acting.actions(), false))),
                bind(
                        "E",
                        "enter, choosing the namespace types, joining its cgroups, the user and the command",
                        MUTATES,
                        NORMAL,
                        keys('E'),
                        k -> onRow((s, t) -> ActionKeys.enter(entered(s, t), acting.actions(), true))),
                bind(
                        "u",
                        "unshare: a shell (or a command) in new namespaces, chosen in a form",
                        MUTATES,
                        NORMAL,
                        keys('u'),
                        k -> acting.act(s -> ActionKeys.unshare(acting.actions()))),
                // Ctrl-] is answered by the shell's relay (the app's), not by this screen
                bind(
                        "Ctrl-]",
                        "in a shell started here: back to the screen while it runs (its namespaces show in the tree)",
                        MUTATES,
                        NORMAL,
                        List.of(),
                        k -> {}),
                bind("r", "back to the shell put aside last", MUTATES, NORMAL, keys('r'), k -> acting.resume()));
    }

    /** Cgroups and containers changed. */
    private List<Binding> changing() {
        return List.of(
                bind(
                        "m",
                        "move the selected process (all its threads) or thread into a cgroup picked from a tree (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('m'),
                        k -> onRow((s, t) -> ActionKeys.move(s, t, acting.actions()))),
                bind(
                        "a",
                        "on a cgroup: make a child cgroup (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('a'),
                        k -> onRow((s, t) -> ActionKeys.mkdir(t, acting.actions()))),
                bind(
                        "L",
                        "on a cgroup: set its memory, pids and CPU limits (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('L'),
                        k -> onRow((s, t) -> ActionKeys.limits(t, acting.actions()))),
                bind(
                        "c",
                        "a new container (namespaces, cgroup limits, an overlay root, pivot_root, a veth on a bridge), from a form",
                        MUTATES,
                        NORMAL,
                        keys('c'),
                        k -> acting.act(s -> ActionKeys.create(acting.actions()))),
                bind(
                        "x",
                        "on a row marked [ctr NAME]: stop that container, or (s) remove it and all it made (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('x'),
                        k -> acting.act(s -> ActionKeys.containerChange(
                                containers.of(rows.state().selected()), acting.actions()))),
                bind(
                        "C",
                        "nscope's containers, as nscope ps lists them: show one's PID 1, enter it, stop or remove it",
                        MUTATES,
                        NORMAL,
                        keys('C'),
                        k -> acting.act(s -> Dialog.Result.then(
                                new ContainerList(acting.actions().containers(), list.hint(), list::inList)))));
    }

    /** Signals, freezing and removing cgroups; then help and quit. */
    private List<Binding> ending() {
        return List.of(
                bind(
                        "K, F9",
                        "send a signal to the selected process, or to every process of a namespace or cgroup (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('K', KeyType.F9),
                        k -> onRow((s, t) -> ActionKeys.signal(s, t, acting.actions()))),
                bind(
                        "z",
                        "on a cgroup: freeze it, or thaw it when frozen (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('z'),
                        k -> onRow((s, t) -> ActionKeys.cgroupChange(s, t, false, acting.actions()))),
                bind(
                        "d",
                        "on a cgroup: remove it, if it holds no process and no child (asks first)",
                        MUTATES,
                        NORMAL,
                        keys('d'),
                        k -> onRow((s, t) -> ActionKeys.cgroupChange(s, t, true, acting.actions()))),
                bind(
                        "?, F1",
                        "this help: the screen's columns and what they mean, then every key (Up/Down scroll it, any other key closes it)",
                        SAFE,
                        NORMAL,
                        keys('?', KeyType.F1),
                        k -> acting.ask(help())),
                bind("q, Ctrl-C", "quit", SAFE, NORMAL, keys('q', Key.ctrl('c')), k -> ui.quit()));
    }

    /** ?: the screen's columns and keys; while a lab is open, its keys first, and the screens' keys it took over said so. */
    private Help help() {
        boolean canAct = acting.refusal() == null;
        List<Binding> screens = table.offered(Mode.NORMAL, canAct);
        List<Help.Entry> first = ui.replayKeys().help(table);
        if (lab.active()) {
            List<Binding> mine = table.offered(Mode.LAB, canAct);
            first = lab.help(mine);
            screens = LabKeys.besides(mine, screens);
        }
        return Help.forScreen(
                rows.shown().title(),
                rows.shown().columns().stream()
                        .map(c -> new Help.Entry(c.name(), c.help()))
                        .toList(),
                ui.color(),
                first,
                screens);
    }

    /** An action on what the selected row stands for. */
    private void onRow(java.util.function.BiFunction<Snapshot, Target, Dialog.Result> action) {
        acting.act(s -> {
            RowKey sel = rows.state().selected();
            return action.apply(s, sel == null ? Target.NONE : rows.shown().target(s, sel));
        });
    }

    /** e on a container's monitor enters the container's PID 1. */
    private Target entered(Snapshot s, Target t) {
        return containers.into(s, rows.state().selected(), t);
    }

    /** s: the next column (after the last, the tree's own order again). */
    private void nextSort() {
        Screen t = rows.shown();
        int n = t.columns().size();
        Integer at = rows.sortBy(t);
        int next = (at == null ? -1 : at) + 1;
        rows.sortBy(t, next >= n ? null : next);
        status.say(next < n ? "sorted by " + t.columns().get(next).name() : "in the tree's own order");
    }
}
