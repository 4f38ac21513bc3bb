package nscope.probes;

/**
 * How many refreshes the live screen's refresher takes to read every thread group whole once. Never more
 * than the longest that keeps every task within {@link Refresher#MAX_AGE} at the pace (in whole gaps:
 * slices of 1/cycle then read a group exactly when due); shorter while reading is cheap: the cycle follows
 * what the refreshes cost against {@link #SHARE} of a core, so a laptop's few hundred tasks are read whole
 * at every refresh (their figures as fresh as the interval), while a host of 12,000 tasks goes round in
 * the longest cycle and reads no more than the freshness promise needs.
 */
final class RefreshCycle {
    /** The share of one core a refresh's reading aims at, over the gap between refreshes. */
    static final double SHARE = 0.04;

    private double cycle;

    /** Starts at the longest cycle for {@code gap}: a small host comes down to 1 within a few refreshes. */
    RefreshCycle(long gap) {
        cycle = longest(gap);
    }

    double value() {
        return cycle;
    }

    /** Before a refresh after {@code gap}: the cycle no longer than the pace allows. */
    void paced(long gap) {
        cycle = Math.min(cycle, longest(gap));
    }

    /** After it: halfway to the cycle at which {@code spent} (CPU ns, the cgroup trees aside) meets the share. */
    void spent(long spent, long gap) {
        double target = SHARE * gap;
        cycle = Math.max(1, Math.min(longest(gap), (cycle + cycle * Math.max(1, spent) / target) / 2));
    }

    /**
     * The longest cycle within MAX_AGE less a second, in whole gaps: a group is read at a refresh, and the due
     * rule reads it at the first refresh after which it would be older than that; slices of 1/cycle then read
     * it exactly when due (a fraction, 13.5 at 2 s, read it half a gap early every time).
     */
    static double longest(long gap) {
        return Math.max(1, Math.min(Refresher.MAX_CYCLE, Math.floor((Refresher.MAX_AGE.toNanos() - 1e9) / gap)));
    }
}
