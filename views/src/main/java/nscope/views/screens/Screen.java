package nscope.views.screens;

import java.util.List;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.views.columns.Column;
import nscope.views.tree.Forest;
import nscope.views.tree.RowKey;

/**
 * One view of the host, as a tree-table: its title on the tab bar, its
 * columns, its rows from a snapshot, and for a row: the detail pane, the
 * colour of its name, what an action on it is for. A screen is pure (it
 * keeps no state; its rows are built off the UI thread) and is registered
 * once, in {@link AllScreens#LIST}, which gives it its number key and its
 * place on the tab bar.
 */
public interface Screen {
    /** The title on the tab bar ("Processes"). */
    String title();

    /** The table's columns, the tree in the last one. */
    List<? extends Column<?>> columns();

    /** The rows of a snapshot: cells as plain host text, keyed by what each row stands for. */
    Forest rows(Snapshot s, CgroupCpu cpu);

    /** Whether a row key is one of this screen's (a cross-link to it leads here). */
    boolean shows(RowKey key);

    /** What the detail pane says about one of its rows, with the cross-links from it. */
    default Detail detail(Snapshot s, RowKey key) {
        return Detail.NONE;
    }

    /** The namespace type whose colour a row's name takes; null for none. */
    default NsKind tint(RowKey key) {
        return null;
    }

    /** What an action on one of its rows is for (a process, a namespace, a cgroup), in this snapshot. */
    default Target target(Snapshot s, RowKey key) {
        return Target.NONE;
    }

    /** How many levels of the tree are open the first time it has rows. */
    default int openDepth() {
        return 1;
    }

    /**
     * Whether each top-level row heads a section with columns of its own: the
     * columns its rows fill, as wide as their cells, those nearest the tree
     * giving way when a name would not show whole (the cgroups screen: a
     * hierarchy fills only some, v1 memory no PSI, v1 pids no memory).
     */
    default boolean sections() {
        return false;
    }

    /** Whether its rows need the cgroup trees (a live refresh reads those only while such a screen is shown). */
    default boolean needsCgroups() {
        return false;
    }
}
