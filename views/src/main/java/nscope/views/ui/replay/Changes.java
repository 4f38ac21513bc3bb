package nscope.views.ui.replay;

import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.views.screens.Screen;
import nscope.views.tree.Forest;
import nscope.views.tree.RowKey;
import nscope.views.ui.Screens;

/**
 * { and }: the nearest entry where the selected row changed on the screen shown: it appeared, vanished
 * or moved under another parent at that entry (against the entry before), its figures aside. Each
 * entry looked at is made into that screen's rows, so a long search is cut at {@link #LIMIT_MS}.
 */
final class Changes {
    private Changes() {}

    /** How long a search may take before it stops and says how far it looked. */
    static final long LIMIT_MS = 5000;

    /** The entry found (-1: none) and its host; or the words why none (snapshot non-null: the cursor moved). */
    record Found(int entry, Snapshot snapshot, String words) {}

    static Found find(Timeline t, int at, int dir, Screen screen, RowKey sel, String filter, Integer sortBy) {
        if (sel == null) return new Found(-1, null, "no row is selected: { and } follow the selected row's changes");
        long until = System.nanoTime() + LIMIT_MS * 1_000_000;
        // forwards: from the entry shown on; backwards: from the start (a recording is decoded forwards)
        int from = dir > 0 ? at : 0, to = dir > 0 ? t.size() - 1 : at;
        Object before = null;
        int last = -1;
        Snapshot lastSnap = null, s = null;
        for (int i = from; i <= to; i++) {
            s = t.snapshot(i);
            Object now = place(Screens.forest(screen, s, CgroupCpu.none(), filter, sortBy), sel);
            if (i > from && !now.equals(before)) {
                if (dir > 0) return new Found(i, s, "");
                if (i < at) {
                    last = i;
                    lastSnap = s;
                }
            }
            before = now;
            if (System.nanoTime() > until && i < to)
                return new Found(
                        -1,
                        s,
                        "the selected row's " + (dir > 0 ? "next" : "previous")
                                + " change was not found in " + (LIMIT_MS / 1000) + " s (looked at entries "
                                + (from + 1)
                                + " to " + (i + 1) + "): go nearer with : and try again");
        }
        if (last >= 0) return new Found(last, lastSnap, "");
        return new Found(
                -1,
                s,
                "the selected row does not appear, vanish or move on this screen "
                        + (dir > 0 ? "after this entry" : "before this entry") + " (its figures may change)");
    }

    /** Where a row is in some rows: under which parent (empty: a top row), or absent. */
    private static Object place(Forest f, RowKey k) {
        return f.contains(k) ? f.parent(k) : "absent";
    }
}
