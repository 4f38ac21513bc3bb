package nscope.probes.cgroups;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A cgroup's list of process or thread IDs (cgroup.procs, cgroup.threads,
 * tasks) held as ints: a host's v1 hierarchies list every thread once each
 * (120,000 IDs on a host of 12,000 tasks and ten hierarchies), and a boxed
 * list of them cost `nscope cgroups` an Integer apiece, in loops that run
 * before the JIT has compiled them. Unmodifiable; equal to any list of the
 * same IDs in the same order.
 */
public final class Pids extends AbstractList<Integer> implements RandomAccess {
    private static final Pids NONE = new Pids(new int[0]);

    private final int[] ids;

    private Pids(int[] ids) {
        this.ids = ids;
    }

    /** These IDs, copied. */
    public static Pids of(int[] ids, int count) {
        return count == 0 ? NONE : new Pids(Arrays.copyOf(ids, count));
    }

    /** The IDs of any list of them, as ints (a copy). */
    public static int[] ints(List<Integer> list) {
        if (list instanceof Pids p) return p.ids.clone();
        int[] out = new int[list.size()];
        int i = 0;
        for (int id : list) out[i++] = id;
        return out;
    }

    /** The i-th ID of any list of them, unboxed where it is Pids (a scan's loops over every thread, no copy). */
    public static int id(List<Integer> list, int i) {
        return list instanceof Pids p ? p.at(i) : list.get(i);
    }

    /** The i-th ID, unboxed. */
    public int at(int i) {
        return ids[Objects.checkIndex(i, ids.length)];
    }

    @Override
    public Integer get(int i) {
        return at(i);
    }

    @Override
    public int size() {
        return ids.length;
    }
}
