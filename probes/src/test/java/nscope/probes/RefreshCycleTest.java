package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefreshCycleTest {
    static final long S = 1_000_000_000L;

    @Test
    void aCheapHostIsReadWholeAtEveryRefreshWithinAFewRefreshes() {
        RefreshCycle c = new RefreshCycle(2 * S);
        assertEquals(14, c.value(), "the longest at 2 s: 29 s in whole gaps");
        for (int i = 0; i < 6; i++) {
            c.paced(2 * S);
            c.spent(S / 100, 2 * S); // 10 ms a refresh: an eighth of 4% of a core over 2 s
        }
        assertEquals(1, c.value());
    }

    @Test
    void aCostlyHostGoesRoundInTheLongestCycleAndNoLonger() {
        RefreshCycle c = new RefreshCycle(2 * S);
        for (int i = 0; i < 6; i++) {
            c.paced(2 * S);
            c.spent(S, 2 * S); // a second a refresh: far beyond the share
        }
        assertEquals(14, c.value());
        c.paced(8 * S); // the pace slowed down: every task still within 30 s
        assertEquals(3, c.value());
    }

    @Test
    void inBetweenTheCycleSettlesWhereTheCostMeetsTheShare() {
        RefreshCycle c = new RefreshCycle(2 * S);
        // reading everything costs 400 ms: a slice of 1/cycle costs 400/cycle ms; 4% of 2 s is 80 ms: cycle 5
        for (int i = 0; i < 40; i++) {
            c.paced(2 * S);
            c.spent((long) (0.4 * S / Math.ceil(c.value())), 2 * S);
        }
        assertEquals(5, Math.ceil(c.value()), 1);
    }
}
