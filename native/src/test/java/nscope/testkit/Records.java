package nscope.testkit;

import java.lang.reflect.RecordComponent;

/** A record like another but for one component: a test's one change to a value, without copying every field by hand. */
public final class Records {
    private Records() {}

    /** A copy of r with the component named {@code name} set to {@code value} (through the canonical constructor). */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R r, String name, Object value) {
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        boolean found = false;
        try {
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                found |= parts[i].getName().equals(name);
                args[i] = parts[i].getName().equals(name)
                        ? value
                        : parts[i].getAccessor().invoke(r);
            }
            if (!found) throw new IllegalArgumentException(r.getClass().getSimpleName() + " has no component " + name);
            return (R) r.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + r.getClass().getSimpleName(), e);
        }
    }
}
