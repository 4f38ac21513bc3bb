package nscope.probes.ints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** IntKeyed answers as the unmodifiable TreeMap it replaced in Snapshot, over random maps. */
class IntKeyedTest {
    @Test
    void answersAsATreeMap() {
        Random rnd = new Random(3);
        for (int round = 0; round < 200; round++) {
            Map<Integer, String> source = new HashMap<>();
            int n = rnd.nextInt(round < 5 ? 2 : 300);
            for (int i = 0; i < n; i++)
                source.put(rnd.nextInt(5000) - (round % 4 == 0 ? 2500 : 0), "v" + rnd.nextInt(10));
            TreeMap<Integer, String> tree = new TreeMap<>(source);
            IntKeyed<String> m = IntKeyed.copyOf(source);
            assertEquals(tree, m);
            assertEquals(m, tree);
            assertEquals(tree.hashCode(), m.hashCode());
            assertEquals(tree.size(), m.size());
            assertEquals(tree.isEmpty(), m.isEmpty());
            assertEquals(new ArrayList<>(tree.keySet()), new ArrayList<>(m.keySet()));
            assertEquals(new ArrayList<>(tree.values()), new ArrayList<>(m.values()));
            assertEquals(new ArrayList<>(tree.entrySet()), new ArrayList<>(m.entrySet()));
            List<Integer> seen = new ArrayList<>();
            m.forEach((k, v) -> {
                seen.add(k);
                assertEquals(tree.get(k), v);
            });
            assertEquals(new ArrayList<>(tree.keySet()), seen);
            for (int i = 0; i < 50; i++) {
                int k = rnd.nextInt(5100) - 50;
                assertEquals(tree.get(k), m.get(k));
                assertEquals(tree.get(k), m.at(k));
                assertEquals(tree.containsKey(k), m.containsKey(k));
                assertEquals(tree.containsKey(k), m.keySet().contains(k));
                assertEquals(tree.headMap(k), m.headMap(k));
                assertEquals(tree.tailMap(k), m.tailMap(k));
                int to = k + rnd.nextInt(800);
                assertEquals(tree.subMap(k, to), m.subMap(k, to));
            }
            if (!tree.isEmpty()) {
                assertEquals(tree.firstKey(), m.firstKey());
                assertEquals(tree.lastKey(), m.lastKey());
            }
        }
    }

    @Test
    void otherKeysAndTheEmptyMap() {
        IntKeyed<String> m = IntKeyed.copyOf(Map.of(1, "a"));
        assertNull(m.get("1"));
        assertNull(m.get(null));
        assertFalse(m.containsKey(1L));
        IntKeyed<String> none = IntKeyed.copyOf(Map.of());
        assertTrue(none.isEmpty());
        assertThrows(NoSuchElementException.class, none::firstKey);
        assertThrows(NoSuchElementException.class, none::lastKey);
        assertThrows(
                NoSuchElementException.class, () -> none.keySet().iterator().next());
        assertThrows(IllegalArgumentException.class, () -> m.subMap(5, 2));
        assertSame(m, IntKeyed.copyOf(m));
        assertThrows(IllegalArgumentException.class, () -> IntKeyed.sorted(new int[] {1, 2}, new Object[] {"a"}));
    }

    @Test
    void nothingChangesIt() {
        IntKeyed<String> m = IntKeyed.copyOf(Map.of(1, "a", 2, "b"));
        assertThrows(UnsupportedOperationException.class, () -> m.put(3, "c"));
        assertThrows(UnsupportedOperationException.class, () -> m.remove(1));
        assertThrows(UnsupportedOperationException.class, m::clear);
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove(1));
        assertThrows(UnsupportedOperationException.class, () -> m.values().remove("a"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> m.entrySet().iterator().next().setValue("z"));
        assertEquals(Map.of(1, "a", 2, "b"), m);
    }

    @Test
    void nullsAreRefused() {
        Map<Integer, String> withNullValue = new HashMap<>();
        withNullValue.put(1, null);
        assertThrows(NullPointerException.class, () -> IntKeyed.copyOf(withNullValue));
        Map<Integer, String> withNullKey = new HashMap<>();
        withNullKey.put(null, "a");
        assertThrows(NullPointerException.class, () -> IntKeyed.copyOf(withNullKey));
    }
}
