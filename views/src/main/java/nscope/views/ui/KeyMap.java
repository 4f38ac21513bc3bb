package nscope.views.ui;

import java.util.List;

/**
 * Every key the screen answers to, with what it does: the help overlay is
 * made from this list, so it cannot drift from what the keys do.
 */
public final class KeyMap {
    private KeyMap() {}

    /** One binding: the keys as the help shows them, and what they do. */
    public record Binding(String keys, String does) {}

    public static final List<Binding> BINDINGS = List.of(
            new Binding("Up/Down, k/j", "move the selection"),
            new Binding("PgUp/PgDn", "move a page"),
            new Binding("Home/End, g/G", "first / last row"),
            new Binding("Right, l", "expand; on an expanded row, go to its first child"),
            new Binding("Left, h", "collapse; on a collapsed row, go to its parent"),
            new Binding("Space", "expand or collapse"),
            new Binding("1 2 3 4, Tab", "namespaces, processes, cgroups, mounts; Tab: the next screen"),
            new Binding("[ ]", "choose a link in the detail pane"),
            new Binding("Enter", "follow the chosen link"),
            new Binding("Backspace, b", "go back to where the last link was followed from"),
            new Binding("/", "search (Enter to find, Esc to cancel)"),
            new Binding("n / N", "next / previous match"),
            new Binding("f", "filter: show only rows that match, and their ancestors (empty: all)"),
            new Binding("s", "sort siblings by the next column (figures biggest first); after the last, tree order"),
            new Binding("p", "pause or resume the live refresh"),
            new Binding("e", "a shell in the selected process's namespaces, root and directory (a thread: its process), or in the selected namespace only"),
            new Binding("E", "enter, choosing the namespace types, joining its cgroups, the user and the command"),
            new Binding("u", "unshare: a shell (or a command) in new namespaces, chosen in a form"),
            new Binding("Ctrl-]", "in a shell started here: back to the screen while it runs (its namespaces show in the tree)"),
            new Binding("r", "back to the shell put aside last"),
            new Binding("m", "move the selected process (all its threads) or thread into a cgroup picked from a tree (asks first)"),
            new Binding("a", "on a cgroup: make a child cgroup (asks first)"),
            new Binding("L", "on a cgroup: set its memory, pids and CPU limits (asks first)"),
            new Binding("c", "a new container (namespaces, cgroup limits, an overlay root, pivot_root, a veth on a bridge), from a form"),
            new Binding("x", "on a row marked [ctr NAME]: stop that container, or (s) remove it and all it made (asks first)"),
            new Binding("C", "nscope's containers, as nscope ps lists them: show one's PID 1, enter it, stop or remove it"),
            new Binding("K, F9", "send a signal to the selected process, or to every process of a namespace or cgroup (asks first)"),
            new Binding("z", "on a cgroup: freeze it, or thaw it when frozen (asks first)"),
            new Binding("d", "on a cgroup: remove it, if it holds no process and no child (asks first)"),
            new Binding("?, F1", "this help (Up/Down scroll it, any other key closes it)"),
            new Binding("q, Ctrl-C", "quit"));

    /** The keys that change the host: left out of the help when the screen is read-only. */
    static final java.util.Set<String> MUTATING = java.util.Set.of("e", "E", "u", "Ctrl-]", "r", "m", "a", "L", "c", "x", "C", "K, F9", "z", "d");

    /** The bindings the help lists: without the mutating ones when nothing may be changed. */
    static List<Binding> shown(boolean canAct) {
        return canAct ? BINDINGS : BINDINGS.stream().filter(b -> !MUTATING.contains(b.keys())).toList();
    }
}
