package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UiLoopTest {
    @Test void aCostlyScanStretchesTheWaitToStayInTheCpuBudget() {
        assertEquals(2000, UiLoop.budgetedWait(2000, 50_000_000L, 60_000_000L), "a cheap scan: the interval");
        // 1.9 s of CPU in a 1.4 s scan: 8% means 23.75 s in all, so 22.35 s of waiting
        assertEquals(22350, UiLoop.budgetedWait(2000, 1_900_000_000L, 1_400_000_000L));
    }
}
