package nscope.probes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The thread groups read longest ago, for a refresh's slice (those never read first). */
final class OldestFirst {
    private OldestFirst() {}

    /**
     * @param tgids  the thread groups listed now
     * @param readAt when each was last read whole (nanoTime); absent: never
     * @param n      how many to take
     */
    static List<Integer> of(List<Integer> tgids, Map<Integer, Long> readAt, int n) {
        long[] keyed = new long[tgids.size()];
        long base = Long.MAX_VALUE;
        for (long t : readAt.values()) base = Math.min(base, t);
        // (milliseconds since the oldest read, PID) in one long per group: one primitive sort, no boxing
        for (int i = 0; i < keyed.length; i++) {
            int tgid = tgids.get(i);
            Long at = readAt.get(tgid);
            long age = at == null ? 0 : Math.min(0x7fffffffL, (at - base) / 1_000_000L + 1);
            keyed[i] = age << 32 | tgid;
        }
        Arrays.sort(keyed);
        List<Integer> out = new ArrayList<>(Math.min(n, keyed.length));
        for (int i = 0; i < n && i < keyed.length; i++) out.add((int) keyed[i]);
        return out;
    }
}
