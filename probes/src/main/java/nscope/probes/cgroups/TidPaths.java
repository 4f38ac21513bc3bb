package nscope.probes.cgroups;

import java.util.Arrays;
import nscope.probes.ints.IntKeyed;

/**
 * IDs to cgroup paths in one tree, built as an {@link IntKeyed} (two sorted arrays): the screen asks every
 * thread's path in every tree, and a HashMap of boxed IDs per tree held some 150,000 entries (7 MB) on a
 * host of 12,000 threads and ten hierarchies.
 */
final class TidPaths {
    static final IntKeyed<String> EMPTY = IntKeyed.sorted(new int[0], new Object[0]);

    private TidPaths() {}

    /**
     * Gathers (ID, path) pairs; an ID added twice keeps its last path (as a map's put), or with {@code
     * firstWins} its first (as putIfAbsent).
     */
    static final class Builder {
        private final boolean firstWins;
        private long[] pairs = new long[64];
        private String[] byIndex = new String[16];
        private int n, paths;

        Builder(boolean firstWins) {
            this.firstWins = firstWins;
        }

        /** Adds the IDs of one path; pairs sort by ID, then by order of addition. */
        void add(String path, java.util.List<Integer> idsOf) {
            int index = path(path);
            for (int i = 0; i < idsOf.size(); i++) pair(Pids.id(idsOf, i), index);
        }

        void add(String path, int id) {
            pair(id, path(path));
        }

        private int path(String path) {
            if (paths == byIndex.length) byIndex = Arrays.copyOf(byIndex, paths * 2);
            byIndex[paths] = path;
            return paths++;
        }

        private void pair(int id, int index) {
            if (n == pairs.length) pairs = Arrays.copyOf(pairs, n * 2);
            pairs[n++] = (long) id << 32 | index;
        }

        IntKeyed<String> build() {
            if (n == 0) return EMPTY;
            long[] p = Arrays.copyOf(pairs, n);
            Arrays.sort(p);
            int[] ids = new int[n];
            String[] out = new String[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int id = (int) (p[i] >> 32);
                String path = byIndex[(int) p[i]];
                if (m > 0 && ids[m - 1] == id) {
                    if (!firstWins) out[m - 1] = path;
                    continue;
                }
                ids[m] = id;
                out[m++] = path;
            }
            return IntKeyed.sorted(Arrays.copyOf(ids, m), Arrays.copyOf(out, m));
        }
    }
}
