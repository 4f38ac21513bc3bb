package nscope.views.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.tree.Forest;
import nscope.views.tree.Forests;
import nscope.views.tree.Sorting;

/**
 * One refresh turned into screens' rows (off the UI thread), with the
 * filter applied: a row that matches stays with its ancestors, so it keeps
 * its place in the tree. A live refresh builds only the screen shown (rows
 * for 12,000 tasks cost tens of milliseconds); the others are built from
 * the same snapshot and CPU % when the user turns to them.
 */
public record Screens(
        Snapshot snapshot, CgroupCpu cpu, String filter, Map<Screen, Integer> sortBy, Map<Screen, Forest> forests) {
    public static Screens of(Snapshot s, CgroupCpu cpu, String filter) {
        return of(s, cpu, filter, Map.of());
    }

    /** @param sortBy per screen, the column its siblings are sorted by (absent: the tree's own order) */
    public static Screens of(Snapshot s, CgroupCpu cpu, String filter, Map<Screen, Integer> sortBy) {
        return of(s, cpu, filter, sortBy, Set.copyOf(AllScreens.LIST));
    }

    /** The rows of some screens only. */
    public static Screens of(
            Snapshot s, CgroupCpu cpu, String filter, Map<Screen, Integer> sortBy, Set<Screen> screens) {
        Map<Screen, Forest> m = new HashMap<>();
        for (Screen t : screens) m.put(t, forest(t, s, cpu, filter, sortBy.get(t)));
        return new Screens(s, cpu, filter == null ? "" : filter, Map.copyOf(sortBy), Map.copyOf(m));
    }

    /** One screen's rows, filtered, and sorted by a column (null: the tree's own order). */
    public static Forest forest(Screen t, Snapshot s, CgroupCpu cpu, String filter, Integer sortBy) {
        Forest f = t.rows(s, cpu);
        if (filter != null && !filter.isEmpty()) f = Forests.filter(f, filter);
        return sortBy == null ? f : Sorting.by(f, sortBy);
    }
}
