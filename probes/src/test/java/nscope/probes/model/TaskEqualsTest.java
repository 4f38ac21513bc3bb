package nscope.probes.model;

import static nscope.testkit.Equality.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/**
 * Task's and Ids' equals are written out (the refresher compares every task it reads again), and a task's
 * links are an {@link NsLinks}: still equal exactly when every component is, and the links a Map as any other.
 */
class TaskEqualsTest {
    private static Map<NsLink, Readout<NsId>> links(long base) {
        Map<NsLink, Readout<NsId>> m = new EnumMap<>(NsLink.class);
        for (NsLink l : NsLink.values()) m.put(l, Readout.of(new NsId(4, base + l.ordinal())));
        return m;
    }

    @Test
    void aTaskDiffersWhereAnyComponentDiffers() throws Exception {
        Task t = TestTasks.task(101, 100, 5000, links(4026531835L));
        RecordComponent[] parts = Task.class.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            values[i] = parts[i].getAccessor().invoke(t);
        }
        Constructor<Task> make = Task.class.getDeclaredConstructor(types);
        same(t, make.newInstance(values.clone()));
        for (int i = 0; i < parts.length; i++) {
            Object[] v = values.clone();
            v[i] = other(v[i]);
            assertNotEquals(t, make.newInstance(v), parts[i].getName() + " differs");
        }
    }

    private static Object other(Object v) {
        if (v instanceof Integer i) return i + 1;
        if (v instanceof Long l) return l + 1;
        if (v instanceof Character c) return c == 'S' ? 'R' : 'S';
        if (v instanceof Boolean b) return !b;
        if (v instanceof String s) return s + "x";
        if (v instanceof Map<?, ?>) return links(1);
        if (v instanceof Readout<?>) return Readout.unknown(Unknown.Reason.PERMISSION, "EACCES");
        throw new AssertionError("no other value for " + v);
    }

    @Test
    void idsDifferWhereAnyIdDiffers() {
        same(new Ids(1, 2, 3, 4), new Ids(1, 2, 3, 4));
        assertNotEquals(new Ids(1, 2, 3, 4), new Ids(0, 2, 3, 4));
        assertNotEquals(new Ids(1, 2, 3, 4), new Ids(1, 0, 3, 4));
        assertNotEquals(new Ids(1, 2, 3, 4), new Ids(1, 2, 0, 4));
        assertNotEquals(new Ids(1, 2, 3, 4), new Ids(1, 2, 3, 0));
    }

    @Test
    void linksAreAMapAsTheEnumMapTheyWere() {
        Map<NsLink, Readout<NsId>> enumMap = new EnumMap<>(links(7000));
        enumMap.remove(NsLink.TIME);
        enumMap.put(NsLink.USER, Readout.unknown(Unknown.Reason.EXITING, "gone"));
        NsLinks l = NsLinks.of(enumMap);
        same(l, NsLinks.of(new EnumMap<>(enumMap)));
        assertEquals(enumMap, l);
        assertEquals(l, enumMap);
        assertEquals(enumMap.hashCode(), l.hashCode());
        assertEquals(enumMap.toString(), l.toString());
        assertEquals(new ArrayList<>(enumMap.entrySet()), new ArrayList<>(l.entrySet()));
        assertEquals(new ArrayList<>(enumMap.keySet()), new ArrayList<>(l.keySet()));
        assertEquals(enumMap.size(), l.size());
        assertNull(l.get(NsLink.TIME));
        assertTrue(!l.containsKey(NsLink.TIME) && l.containsKey(NsLink.UTS));
        assertNull(l.get("uts"));
        List<NsLink> seen = new ArrayList<>();
        l.forEach((k, v) -> {
            seen.add(k);
            assertEquals(enumMap.get(k), v);
        });
        assertEquals(new ArrayList<>(enumMap.keySet()), seen);
        assertNotEquals(l, NsLinks.of(links(7000)));
        assertTrue(NsLinks.of(l) == l, "a map that is links already is not copied");
        Map<NsLink, Readout<NsId>> withNull = new EnumMap<>(enumMap);
        withNull.put(NsLink.TIME, null);
        assertEquals(l, NsLinks.of(withNull), "a link mapped to null is absent");
        assertEquals(
                TestTasks.task(1, 1, 1, withNull).ns(NsLink.TIME),
                TestTasks.task(1, 1, 1, enumMap).ns(NsLink.TIME),
                "and a task reads it as not read either way");
    }
}
