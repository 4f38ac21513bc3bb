package nscope.views.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeStateTest {
    /** A row labelled id (its only cell), keyed as the process of that PID. */
    static Node n(String id, Node... kids) {
        return new Node(k(id), List.of(id), List.of(kids));
    }

    static RowKey k(String id) {
        return new RowKey.Task(Integer.parseInt(id), 0, false);
    }

    /** init(1) { sshd(10) { bash(11), bash(12) }, cron(20) }, kthreadd(2) */
    static Forest host() {
        return new Forest(List.of(n("1", n("10", n("11"), n("12")), n("20")), n("2")));
    }

    static List<String> visible(TreeState s) {
        return s.rows().stream().map(r -> r.branch() + r.node().cells().get(0)).toList();
    }

    @Test
    void navigationExpandsCollapsesAndDrawsTheTree() {
        TreeState s = new TreeState();
        s.show(host());
        assertEquals(List.of("1", "2"), visible(s));
        assertEquals(k("1"), s.selected());
        s.right(); // expand 1
        assertEquals(List.of("1", "├─10", "└─20", "2"), visible(s));
        s.right(); // into its first child
        assertEquals(k("10"), s.selected());
        s.right();
        s.right();
        assertEquals(k("11"), s.selected());
        assertEquals(List.of("1", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
        s.left(); // a leaf: to its parent
        assertEquals(k("10"), s.selected());
        s.left(); // collapse
        assertEquals(List.of("1", "├─10", "└─20", "2"), visible(s));
        s.last();
        assertEquals(k("2"), s.selected());
        s.move(-100);
        assertEquals(k("1"), s.selected());
        assertEquals('-', s.rows().get(0).fold());
        assertEquals('+', s.rows().get(1).fold());
        assertEquals(' ', s.rows().get(2).fold());
    }

    @Test
    void aCrossLinkRevealsItsTarget() {
        TreeState s = new TreeState();
        s.show(host());
        assertTrue(s.select(k("12")));
        assertEquals(List.of("1", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
        assertEquals(3, s.selectedIndex());
        assertFalse(s.select(k("999")));
        assertEquals(k("12"), s.selected());
    }

    @Test
    void aRefreshKeepsSelectionAndExpansionById() {
        TreeState s = new TreeState();
        s.show(host());
        s.select(k("11"));
        // a new process appears before it; rows move, the selection does not
        s.show(new Forest(List.of(n("1", n("5"), n("10", n("11"), n("12")), n("20")), n("2"))));
        assertEquals(k("11"), s.selected());
        assertTrue(s.isExpanded(k("10")));
        assertEquals(List.of("1", "├─5", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
    }

    @Test
    void aVanishedSelectionMovesToItsNearestSurvivingRelative() {
        TreeState s = new TreeState();
        s.show(host());
        s.select(k("11"));
        s.show(new Forest(List.of(n("1", n("10", n("12")), n("20")), n("2"))));
        assertEquals(k("12"), s.selected(), "the next sibling");
        s.show(host());
        s.select(k("12"));
        s.show(new Forest(List.of(n("1", n("10", n("11")), n("20")), n("2"))));
        assertEquals(k("11"), s.selected(), "else the one before");
        s.show(new Forest(List.of(n("1", n("10"), n("20")), n("2"))));
        assertEquals(k("10"), s.selected(), "else the parent");
        s.show(new Forest(List.of(n("1", n("20")), n("2"))));
        assertEquals(k("20"), s.selected(), "the parent gone too: the parent's next sibling");
        s.show(new Forest(List.of()));
        assertNull(s.selected());
        assertEquals(List.of(), s.rows());
    }

    @Test
    void theWindowFollowsTheSelection() {
        TreeState s = new TreeState();
        s.show(host());
        s.expand(List.of(k("1"), k("10")));
        s.last();
        assertEquals(3, s.top(3), "6 rows, the last selected, 3 shown: rows 3 to 5");
        s.first();
        assertEquals(0, s.top(3));
        assertEquals(0, s.top(0));
    }

    @Test
    void idsAreUniqueInAForest() {
        assertThrows(IllegalArgumentException.class, () -> new Forest(List.of(n("1", n("1")))));
    }
}
