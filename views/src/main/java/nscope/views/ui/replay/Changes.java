package nscope.views.ui.replay;

import java.util.List;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.screens.Screen;
import nscope.views.tree.RowKey;
import nscope.views.ui.Screens;

/**
 * { and }: the nearest entry where the selected row changed: it appeared, vanished or moved there
 * (against the entry before), its figures (CPU, memory, state) aside. What "moved" means is the
 * row's object's place: a task's parent, process, name and namespaces; a namespace's parent and
 * owner; a cgroup's path (so only appearing and vanishing); any other row (a mount), its parent on the
 * screen shown. The filter does not count: { } follow the object. Entries are looked at in windows of
 * {@link #WINDOW} (backwards too: a recording decodes forwards), and a search that takes longer than
 * {@link #LIMIT_MS} stops at the entry it reached, which is shown, so the key again goes on from there.
 */
final class Changes {
    private Changes() {}

    static final long LIMIT_MS = 3000;
    static final int WINDOW = 32;

    /** The entry to show (-1: stay) and its host; words for the status line ("" when it found a change). */
    record Found(int entry, Snapshot snapshot, String words) {}

    static Found find(Timeline t, int at, int dir, Screen screen, RowKey sel, String filter, Integer sortBy) {
        if (sel == null) return new Found(-1, null, "no row is selected: { and } follow the selected row's changes");
        long until = System.nanoTime() + LIMIT_MS * 1_000_000;
        int n = t.size();
        for (int lo = dir > 0 ? at : Math.max(0, at - WINDOW), hi = dir > 0 ? Math.min(n - 1, at + WINDOW) : at;
                lo < hi;
                lo = dir > 0 ? hi : Math.max(0, lo - WINDOW), hi = dir > 0 ? Math.min(n - 1, hi + WINDOW) : lo) {
            Object before = null;
            int found = -1;
            Snapshot foundSnap = null, s = null;
            for (int i = lo; i <= hi; i++) {
                s = t.snapshot(i);
                Object now = place(s, screen, sel, filter, sortBy);
                if (i > lo && i != at && !now.equals(before)) {
                    found = i;
                    foundSnap = s;
                    if (dir > 0) break; // the first after the entry shown; backwards, the last before it
                }
                before = now;
            }
            if (found >= 0) return new Found(found, foundSnap, "");
            boolean end = dir > 0 ? hi >= n - 1 : lo <= 0;
            if (!end && System.nanoTime() > until) {
                int stop = dir > 0 ? hi : lo;
                return new Found(
                        stop,
                        dir > 0 ? s : t.snapshot(lo),
                        "the selected row did not change from entry "
                                + (at + 1) + " to " + (stop + 1) + " (looked for " + LIMIT_MS / 1000
                                + " s): shown here; "
                                + (dir > 0 ? "}" : "{") + " again looks on");
            }
        }
        return new Found(
                -1,
                null,
                "the selected row does not appear, vanish or move "
                        + (dir > 0 ? "after this entry" : "before this entry") + " (its figures may change)");
    }

    /** Where the row's object is in a snapshot, "absent" when it is not there. */
    static Object place(Snapshot s, Screen screen, RowKey k, String filter, Integer sortBy) {
        if (k instanceof RowKey.Task r) {
            Task x = s.task(r.tid()).orElse(null);
            if (x == null || x.startTime() != r.startTime()) return "absent";
            return List.of(x.ppid(), x.tgid(), x.comm(), x.namespaces());
        }
        if (k instanceof RowKey.Namespace r) {
            if (!s.namespaces().containsKey(r.id())) return "absent";
            return s.relations(r.id()).map(Object.class::cast).orElse("no relations");
        }
        if (k instanceof RowKey.Cgroup r) {
            for (CgroupTree tr : s.cgroups().trees())
                if (tr.hierarchy().device().equals(r.device()) && tr.cgroups().containsKey(r.path())) return "present";
            return "absent";
        }
        var f = Screens.forest(screen, s, CgroupCpu.none(), filter, sortBy);
        return f.contains(k) ? f.parent(k) : "absent";
    }
}
