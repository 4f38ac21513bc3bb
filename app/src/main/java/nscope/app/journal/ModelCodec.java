package nscope.app.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import nscope.probes.model.NsId;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * The model's records as JSON, losslessly and by their own shape: a record
 * is an object of its components by name, a member of a sealed interface
 * adds "@" with its simple class name, a namespace's NsId is [dev, ino], a
 * Readout is its value or, unknown, {"?": {"reason", "detail"}}, a map with
 * string or enum keys is an object and any other map an array of [key,
 * value] pairs, an Optional is its value or null, a MountTable its mounts. Driven by the declared (generic) types, so
 * a new record component is recorded without a change here.
 */
final class ModelCodec {
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

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

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object read(JsonNode n, Type type) {
        Class<?> raw = raw(type);
        if (raw == Optional.class)
            return n == null || n.isNull() ? Optional.empty() : Optional.of(read(n, arg(type, 0)));
        if (raw == OptionalInt.class)
            return n == null || n.isNull() ? OptionalInt.empty() : OptionalInt.of(n.intValue());
        if (n == null || n.isNull())
            return raw == int.class ? 0 : raw == long.class ? 0L : raw == boolean.class ? false : null;
        if (raw == String.class) return n.textValue();
        if (raw == int.class || raw == Integer.class) return n.intValue();
        if (raw == long.class || raw == Long.class) return n.longValue();
        if (raw == double.class || raw == Double.class) return n.doubleValue();
        if (raw == boolean.class || raw == Boolean.class) return n.booleanValue();
        if (raw == char.class || raw == Character.class) return n.textValue().charAt(0);
        if (raw.isEnum()) return Enum.valueOf((Class<Enum>) raw, n.textValue());
        if (raw == Instant.class) return Instant.parse(n.textValue());
        if (raw == NsId.class) return new NsId(n.get(0).longValue(), n.get(1).longValue());
        if (raw == Readout.class) {
            JsonNode u = n.isObject() && n.size() == 1 ? n.get("?") : null;
            if (u != null)
                return Readout.unknown(
                        Unknown.Reason.valueOf(u.get("reason").textValue()),
                        u.get("detail").textValue());
            return Readout.of(read(n, arg(type, 0)));
        }
        if (raw == MountTable.class) return new MountTable((List) read(n, LIST_OF_MOUNTS));
        if (raw == List.class) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode e : n) out.add(read(e, arg(type, 0)));
            return out;
        }
        if (raw == Map.class || Map.class.isAssignableFrom(raw)) return readMap(n, type);
        return readRecord(n, raw);
    }

    private static Map<Object, Object> readMap(JsonNode n, Type type) {
        Type k = arg(type, 0), v = arg(type, 1);
        Map<Object, Object> out = new LinkedHashMap<>();
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(raw(k).isEnum() ? read(new TextNode(e.getKey()), k) : e.getKey(), read(e.getValue(), v));
            }
        } else for (JsonNode pair : n) out.put(read(pair.get(0), k), read(pair.get(1), v));
        return out;
    }

    private static Object readRecord(JsonNode n, Class<?> raw) {
        Class<?> cls = raw;
        if (raw.isInterface()) {
            String name = n.get("@").textValue();
            cls = null;
            for (Class<?> p : raw.getPermittedSubclasses())
                if (p.getSimpleName().equals(name)) cls = p;
            if (cls == null) throw new IllegalArgumentException("no " + raw.getSimpleName() + " named " + name);
        }
        if (!cls.isRecord()) throw new IllegalArgumentException("no journal form for " + cls);
        RecordComponent[] cs = components(cls);
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) args[i] = read(n.get(cs[i].getName()), cs[i].getGenericType());
        try {
            return constructor(cls, cs).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + cls.getSimpleName() + ": " + e.getMessage(), e);
        }
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

    /** A record {@link #writeLike written like} {@code base}. */
    static Object readLike(JsonNode n, Record base) {
        RecordComponent[] cs = components(base.getClass());
        Object[] args = new Object[cs.length];
        try {
            for (int i = 0; i < cs.length; i++) {
                JsonNode v = n.get(cs[i].getName());
                Object its = cs[i].getAccessor().invoke(base);
                args[i] = v == null
                        ? its
                        : v.has("+") && its instanceof List<?> l ? applyDelta(v, l) : read(v, cs[i].getGenericType());
            }
            return constructor(base.getClass(), cs).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                    "cannot make a " + base.getClass().getSimpleName() + ": " + e, e);
        }
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

    private static List<Integer> applyDelta(JsonNode d, List<?> before) {
        java.util.Set<Integer> gone = new java.util.HashSet<>();
        for (JsonNode n : d.get("-")) gone.add(n.intValue());
        List<Integer> out = new ArrayList<>(before.size() + d.get("+").size());
        for (Object o : before) if (!gone.contains(o)) out.add((Integer) o);
        for (JsonNode n : d.get("+")) out.add(n.intValue());
        out.sort(null);
        return out;
    }

    private static RecordComponent[] components(Class<?> c) {
        return COMPONENTS.computeIfAbsent(c, Class::getRecordComponents);
    }

    private static Constructor<?> constructor(Class<?> c, RecordComponent[] cs) {
        return CONSTRUCTORS.computeIfAbsent(c, k -> {
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) types[i] = cs[i].getType();
            try {
                Constructor<?> ctor = k.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return ctor;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        });
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
