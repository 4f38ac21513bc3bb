package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UiLoopTest {
    @Test void aCostlyScanStretchesTheWaitToStayInTheCpuBudget() {
        assertEquals(2000, UiLoop.budgetedWait(2000, 50_000_000L, 60_000_000L), "a cheap scan: the interval");
        // 1.9 s of CPU in a 1.4 s scan: 8% means 23.75 s in all, so 22.35 s of waiting
        assertEquals(22350, UiLoop.budgetedWait(2000, 1_900_000_000L, 1_400_000_000L));
    }

    @Test void sortingOrdersSiblingsByFiguresBiggestFirstThenText() {
        nscope.views.tree.Node a = new nscope.views.tree.Node("a", java.util.List.of("2", "512K/max", "zeta"), java.util.List.of());
        nscope.views.tree.Node b = new nscope.views.tree.Node("b", java.util.List.of("10", "1.5M/max", "alpha"), java.util.List.of());
        nscope.views.tree.Node c = new nscope.views.tree.Node("c", java.util.List.of("", "", "Mid"), java.util.List.of());
        nscope.views.tree.Node root = new nscope.views.tree.Node("r", java.util.List.of("", "", "root"), java.util.List.of(a, b, c));
        java.util.function.Function<Integer, java.util.List<String>> order = col ->
                Sorting.by(new nscope.views.tree.Forest(java.util.List.of(root)), col).roots().get(0).children().stream().map(nscope.views.tree.Node::id).toList();
        assertEquals(java.util.List.of("b", "a", "c"), order.apply(0), "numbers biggest first, blanks last");
        assertEquals(java.util.List.of("b", "a", "c"), order.apply(1), "1.5M before 512K");
        assertEquals(java.util.List.of("b", "c", "a"), order.apply(2), "text alphabetically, case aside");
        assertEquals(java.util.List.of("a", "b", "c"), order.apply(-1), "the tree's own order");
    }
}
