package nscope.views.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forest's index answers as two maps built by walking the tree would (what it replaced). */
class ForestTest {
    @Test
    void indexAnswersAsMapsOverRandomForests() {
        Random rnd = new Random(17);
        for (int round = 0; round < 50; round++) {
            int[] next = {1};
            List<Node> roots = new ArrayList<>();
            int nRoots = rnd.nextInt(5);
            for (int i = 0; i < nRoots; i++) roots.add(tree(rnd, next, 0));
            Forest f = new Forest(roots);
            Map<RowKey, Node> byId = new HashMap<>();
            Map<RowKey, RowKey> parentOf = new HashMap<>();
            for (Node r : roots) walk(r, null, byId, parentOf);
            assertEquals(byId.size(), f.size());
            for (var e : byId.entrySet()) {
                RowKey id = e.getKey();
                assertTrue(f.contains(id));
                assertEquals(Optional.of(e.getValue()), f.node(id));
                assertEquals(Optional.ofNullable(parentOf.get(id)), f.parent(id));
                RowKey p = parentOf.get(id);
                assertEquals(p == null ? roots : byId.get(p).children(), f.siblings(id));
                List<RowKey> line = new ArrayList<>();
                for (RowKey at = id; at != null; at = parentOf.get(at)) line.add(at);
                assertEquals(line, f.lineage(id));
            }
            for (int i = 0; i < 20; i++) { // ids not in it, some of them colliding in the table
                RowKey absent = key(next[0] + rnd.nextInt(10_000));
                assertFalse(f.contains(absent));
                assertEquals(Optional.empty(), f.node(absent));
                assertEquals(Optional.empty(), f.parent(absent));
                assertEquals(List.of(), f.siblings(absent));
                assertEquals(List.of(absent), f.lineage(absent));
            }
            assertFalse(f.contains(null));
            assertEquals(Optional.empty(), f.parent(null));
        }
    }

    @Test
    void twoNodesWithOneIdAreRefused() {
        Node a = new Node(key(1), List.of("a"), List.of());
        Node b = new Node(key(2), List.of("b"), List.of(new Node(key(1), List.of("again"), List.of())));
        var e = assertThrows(IllegalArgumentException.class, () -> new Forest(List.of(a, b)));
        assertTrue(e.getMessage().contains("two nodes with id"), e.getMessage());
    }

    @Test
    void emptyForest() {
        Forest f = new Forest(List.of());
        assertEquals(0, f.size());
        assertFalse(f.contains(key(1)));
        assertEquals(List.of(), f.siblings(key(1)));
    }

    private static Node tree(Random rnd, int[] next, int depth) {
        RowKey id = key(next[0]++);
        List<Node> kids = new ArrayList<>();
        int n = depth > 4 ? 0 : rnd.nextInt(depth == 0 ? 40 : 6);
        for (int i = 0; i < n; i++) kids.add(tree(rnd, next, depth + 1));
        return new Node(id, List.of(String.valueOf(id)), kids);
    }

    private static RowKey key(int n) {
        return n % 3 == 0 ? new RowKey.Task(n, n * 7L, true) : new RowKey.Cgroup("h", "/n" + n);
    }

    private static void walk(Node n, RowKey parent, Map<RowKey, Node> byId, Map<RowKey, RowKey> parentOf) {
        byId.put(n.id(), n);
        if (parent != null) parentOf.put(n.id(), parent);
        for (Node c : n.children()) walk(c, n.id(), byId, parentOf);
    }
}
