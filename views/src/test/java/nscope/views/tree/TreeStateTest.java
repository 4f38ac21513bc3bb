package nscope.views.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeStateTest {
    static Node n(String id, Node... kids) { return new Node(id, List.of(id), List.of(kids)); }

    /** init(1) { sshd(10) { bash(11), bash(12) }, cron(20) }, kthreadd(2) */
    static Forest host() {
        return new Forest(List.of(n("1", n("10", n("11"), n("12")), n("20")), n("2")));
    }

    static List<String> visible(TreeState s) { return s.rows().stream().map(r -> r.branch() + r.node().id()).toList(); }

    @Test void navigationExpandsCollapsesAndDrawsTheTree() {
        TreeState s = new TreeState();
        s.show(host());
        assertEquals(List.of("1", "2"), visible(s));
        assertEquals("1", s.selected());
        s.right();                 // expand 1
        assertEquals(List.of("1", "├─10", "└─20", "2"), visible(s));
        s.right();                 // into its first child
        assertEquals("10", s.selected());
        s.right();
        s.right();
        assertEquals("11", s.selected());
        assertEquals(List.of("1", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
        s.left();                  // a leaf: to its parent
        assertEquals("10", s.selected());
        s.left();                  // collapse
        assertEquals(List.of("1", "├─10", "└─20", "2"), visible(s));
        s.last();
        assertEquals("2", s.selected());
        s.move(-100);
        assertEquals("1", s.selected());
        assertEquals('-', s.rows().get(0).fold());
        assertEquals('+', s.rows().get(1).fold());
        assertEquals(' ', s.rows().get(2).fold());
    }

    @Test void aCrossLinkRevealsItsTarget() {
        TreeState s = new TreeState();
        s.show(host());
        assertTrue(s.select("12"));
        assertEquals(List.of("1", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
        assertEquals(3, s.selectedIndex());
        assertFalse(s.select("999"));
        assertEquals("12", s.selected());
    }

    @Test void aRefreshKeepsSelectionAndExpansionById() {
        TreeState s = new TreeState();
        s.show(host());
        s.select("11");
        // a new process appears before it; rows move, the selection does not
        s.show(new Forest(List.of(n("1", n("5"), n("10", n("11"), n("12")), n("20")), n("2"))));
        assertEquals("11", s.selected());
        assertTrue(s.isExpanded("10"));
        assertEquals(List.of("1", "├─5", "├─10", "│ ├─11", "│ └─12", "└─20", "2"), visible(s));
    }

    @Test void aVanishedSelectionMovesToItsNearestSurvivingRelative() {
        TreeState s = new TreeState();
        s.show(host());
        s.select("11");
        s.show(new Forest(List.of(n("1", n("10", n("12")), n("20")), n("2"))));
        assertEquals("12", s.selected(), "the next sibling");
        s.show(host());
        s.select("12");
        s.show(new Forest(List.of(n("1", n("10", n("11")), n("20")), n("2"))));
        assertEquals("11", s.selected(), "else the one before");
        s.show(new Forest(List.of(n("1", n("10"), n("20")), n("2"))));
        assertEquals("10", s.selected(), "else the parent");
        s.show(new Forest(List.of(n("1", n("20")), n("2"))));
        assertEquals("20", s.selected(), "the parent gone too: the parent's next sibling");
        s.show(new Forest(List.of()));
        assertNull(s.selected());
        assertEquals(List.of(), s.rows());
    }

    @Test void theWindowFollowsTheSelection() {
        TreeState s = new TreeState();
        s.show(host());
        s.expand(List.of("1", "10"));
        s.last();
        assertEquals(3, s.top(3), "6 rows, the last selected, 3 shown: rows 3 to 5");
        s.first();
        assertEquals(0, s.top(3));
        assertEquals(0, s.top(0));
    }

    @Test void idsAreUniqueInAForest() {
        assertThrows(IllegalArgumentException.class, () -> new Forest(List.of(n("1", n("1")))));
    }
}
