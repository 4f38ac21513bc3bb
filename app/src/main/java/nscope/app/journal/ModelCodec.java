package nscope.app.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import nscope.probes.model.NsId;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;

/**
 * The model's records as JSON, losslessly and by their own shape: a record
 * is an object of its components by name, a member of a sealed interface
 * adds "@" with its simple class name, a namespace's NsId is [dev, ino], a
 * Readout is its value or, unknown, {"?": {"reason", "detail"}}, a map with
 * string or enum keys is an object and any other map an array of [key,
 * value] pairs, an Optional is its value or null, a MountTable its mounts. Driven by the declared (generic) types, so
 * a new record component is recorded without a change here; {@link ModelReader} reads it back.
 */
final class ModelCodec {
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private ModelCodec() {}

    static void write(JsonGenerator g, Type type, Object v) throws IOException {
        Class<?> raw = raw(type);
        if (v == null) g.writeNull();
        else if (v instanceof String s) g.writeString(s);
        else if (v instanceof Integer i) g.writeNumber(i);
        else if (v instanceof Long l) g.writeNumber(l);
        else if (v instanceof Double d) g.writeNumber(d);
        else if (v instanceof Boolean b) g.writeBoolean(b);
        else if (v instanceof Character c) g.writeString(String.valueOf(c));
        else if (v instanceof Enum<?> e) g.writeString(e.name());
        else if (v instanceof Instant t) g.writeString(t.toString());
        else if (v instanceof NsId id) {
            g.writeStartArray();
            g.writeNumber(id.dev());
            g.writeNumber(id.ino());
            g.writeEndArray();
        } else if (v instanceof OptionalInt o) {
            if (o.isPresent()) g.writeNumber(o.getAsInt());
            else g.writeNull();
        } else if (v instanceof Optional<?> o) write(g, arg(type, 0), o.orElse(null));
        else if (v instanceof Readout<?> r) readout(g, type, r);
        else if (v instanceof MountTable t) write(g, LIST_OF_MOUNTS, t.mounts());
        else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) write(g, arg(type, 0), o);
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) map(g, type, m);
        else if (v instanceof Record r) record(g, raw, r);
        else throw new IllegalArgumentException("no journal form for " + v.getClass());
    }

    private static void readout(JsonGenerator g, Type type, Readout<?> r) throws IOException {
        if (r.known()) {
            write(g, arg(type, 0), r.get());
            return;
        }
        g.writeStartObject();
        g.writeObjectFieldStart("?");
        g.writeStringField("reason", r.why().reason().name());
        g.writeStringField("detail", r.why().detail());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, Type type, Map<?, ?> m) throws IOException {
        Type k = arg(type, 0), v = arg(type, 1);
        if (k == String.class || raw(k).isEnum()) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(e.getKey() instanceof Enum<?> en ? en.name() : (String) e.getKey());
                write(g, v, e.getValue());
            }
            g.writeEndObject();
            return;
        }
        g.writeStartArray();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            g.writeStartArray();
            write(g, k, e.getKey());
            write(g, v, e.getValue());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void record(JsonGenerator g, Class<?> declared, Record r) throws IOException {
        g.writeStartObject();
        if (declared.isInterface()) g.writeStringField("@", r.getClass().getSimpleName());
        for (RecordComponent c : components(r.getClass())) {
            g.writeFieldName(c.getName());
            try {
                write(g, c.getGenericType(), c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        g.writeEndObject();
    }

    /**
     * A record written as another of its class: "~" the other's key, then
     * only the components that differ (a thread beside its leader: mostly
     * its TID, state and start time).
     */
    static void writeLike(JsonGenerator g, Record r, Record base, Object baseKey, Type keyType) throws IOException {
        g.writeStartObject();
        g.writeFieldName("~");
        write(g, keyType, baseKey);
        try {
            for (RecordComponent c : components(r.getClass())) {
                Object mine = c.getAccessor().invoke(r), its = c.getAccessor().invoke(base);
                if (java.util.Objects.equals(mine, its)) continue;
                g.writeFieldName(c.getName());
                if (sortedInts(its) && sortedInts(mine)) listDelta(g, (List<?>) its, (List<?>) mine);
                else write(g, c.getGenericType(), mine);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        g.writeEndObject();
    }

    /** A sorted list of integers (a namespace's members), which a record written like another gives as a delta. */
    private static boolean sortedInts(Object o) {
        if (!(o instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof Integer)) return false;
        for (int i = 1; i < l.size(); i++)
            if (!(l.get(i) instanceof Integer b) || (Integer) l.get(i - 1) > b) return false;
        return true;
    }

    /** {"+": [added...], "-": [removed...]}: a namespace's thousands of members, of which a few came or went. */
    private static void listDelta(JsonGenerator g, List<?> before, List<?> after) throws IOException {
        java.util.Set<Object> a = new java.util.HashSet<>(before), b = new java.util.HashSet<>(after);
        g.writeStartObject();
        g.writeArrayFieldStart("+");
        for (Object o : after) if (!a.contains(o)) g.writeNumber((Integer) o);
        g.writeEndArray();
        g.writeArrayFieldStart("-");
        for (Object o : before) if (!b.contains(o)) g.writeNumber((Integer) o);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static RecordComponent[] components(Class<?> c) {
        return COMPONENTS.computeIfAbsent(c, Class::getRecordComponents);
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        return Object.class;
    }

    static Type arg(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    /** List&lt;Mount&gt;, for a MountTable. */
    private static final Type LIST_OF_MOUNTS = Types.list(nscope.probes.mounts.Mount.class);
}
