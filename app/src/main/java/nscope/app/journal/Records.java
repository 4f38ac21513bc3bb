package nscope.app.journal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reader needs of each record class, looked up once: its
 * components' names, declared types and accessors, the value of one left
 * out, and its canonical constructor.
 */
final class Records {
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final Map<String, Shape> MEMBERS = new ConcurrentHashMap<>();

    private Records() {}

    record Shape(
            Class<?> cls,
            Type[] types,
            Map<String, Integer> index,
            Object[] defaults,
            Method[] accessors,
            Constructor<?> constructor) {
        Object make(Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot make a " + cls.getSimpleName() + ": " + e, e);
            }
        }

        /** The components of {@code r}, a record of this class. */
        Object[] components(Record r) {
            Object[] out = new Object[accessors.length];
            try {
                for (int i = 0; i < out.length; i++) out[i] = accessors[i].invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }
    }

    static Shape shape(Class<?> cls) {
        Shape s = SHAPES.get(cls);
        return s != null ? s : SHAPES.computeIfAbsent(cls, Records::of);
    }

    /** The member of sealed interface {@code iface} whose simple name is {@code name}. */
    static Shape member(Class<?> iface, String name) {
        String key = iface.getName() + "@" + name;
        Shape s = MEMBERS.get(key);
        if (s != null) return s;
        for (Class<?> p : iface.getPermittedSubclasses())
            if (p.getSimpleName().equals(name)) {
                MEMBERS.put(key, shape(p));
                return MEMBERS.get(key);
            }
        throw new IllegalArgumentException("no " + iface.getSimpleName() + " named " + name);
    }

    /** A component left out (or null): an empty Optional, zero, false or null. */
    static Object absent(Class<?> raw) {
        if (raw == Optional.class) return Optional.empty();
        if (raw == OptionalInt.class) return OptionalInt.empty();
        if (raw == int.class) return 0;
        if (raw == long.class) return 0L;
        if (raw == double.class) return 0.0;
        if (raw == boolean.class) return false;
        if (raw == char.class) return '\0';
        return null;
    }

    private static Shape of(Class<?> cls) {
        if (!cls.isRecord()) throw new IllegalArgumentException("no journal form for " + cls);
        RecordComponent[] cs = cls.getRecordComponents();
        Type[] types = new Type[cs.length];
        Class<?>[] raws = new Class<?>[cs.length];
        Map<String, Integer> index = new HashMap<>();
        Object[] defaults = new Object[cs.length];
        Method[] accessors = new Method[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getGenericType();
            raws[i] = cs[i].getType();
            index.put(cs[i].getName(), i);
            defaults[i] = absent(raws[i]);
            accessors[i] = cs[i].getAccessor();
            accessors[i].setAccessible(true);
        }
        try {
            Constructor<?> c = cls.getDeclaredConstructor(raws);
            c.setAccessible(true);
            return new Shape(cls, types, Map.copyOf(index), defaults, accessors, c);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
