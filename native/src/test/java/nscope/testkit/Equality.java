package nscope.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Equality as a value's users rely on it (hash maps and sets). */
public final class Equality {
    private Equality() {}

    /** a equals b, and their hash codes agree. */
    public static void same(Object a, Object b) {
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode(), a + " and " + b);
    }
}
