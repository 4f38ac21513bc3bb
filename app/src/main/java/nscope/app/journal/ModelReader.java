package nscope.app.journal;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
import static nscope.app.journal.ModelCodec.arg;
import static nscope.app.journal.ModelCodec.raw;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nscope.probes.model.NsId;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * Reads what {@link ModelCodec} writes straight from the parser's tokens,
 * with no tree in between (a keyframe is some 7 MB of JSON on a host of
 * 12,000 tasks: a tree of it took seconds to build and walk). Each read
 * starts on the value's first token and ends on its last. One reader per
 * entry: it shares the strings and namespace ids an entry repeats (a
 * namespace is named by each of its thousands of tasks) so the state holds
 * one of each.
 */
final class ModelReader {
    private final JsonParser p;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<NsId, NsId> ids = new HashMap<>();

    ModelReader(JsonParser p) {
        this.p = p;
    }

    JsonParser parser() {
        return p;
    }

    /** The next token, which must be there (a body cut short is not whole). */
    JsonToken next() throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) throw new IOException("an entry ends in the middle");
        return t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(Type type) throws IOException {
        Class<?> raw = raw(type);
        JsonToken t = p.currentToken();
        if (raw == Optional.class) return t == VALUE_NULL ? Optional.empty() : Optional.of(read(arg(type, 0)));
        if (raw == OptionalInt.class) return t == VALUE_NULL ? OptionalInt.empty() : OptionalInt.of(p.getIntValue());
        if (t == VALUE_NULL) return Records.absent(raw);
        if (raw == String.class) return string();
        if (raw == int.class || raw == Integer.class) return p.getIntValue();
        if (raw == long.class || raw == Long.class) return p.getLongValue();
        if (raw == double.class || raw == Double.class) return p.getDoubleValue();
        if (raw == boolean.class || raw == Boolean.class) return t == VALUE_TRUE;
        if (raw == char.class || raw == Character.class) return p.getText().charAt(0);
        if (raw.isEnum()) return Enum.valueOf((Class<Enum>) raw, p.getText());
        if (raw == Instant.class) return Instant.parse(p.getText());
        if (raw == NsId.class) return nsId();
        if (raw == Readout.class) return readout(type);
        if (raw == MountTable.class) return new MountTable((List) read(Types.list(nscope.probes.mounts.Mount.class)));
        if (raw == List.class) return list(arg(type, 0));
        if (Map.class.isAssignableFrom(raw)) return map(type);
        if (t != START_OBJECT) throw new IOException("no " + raw.getSimpleName() + " at " + t);
        next();
        return inside(raw, type);
    }

    /** A value given as an object, its first field (or its end) already the current token. */
    Object inside(Class<?> raw, Type type) throws IOException {
        if (Map.class.isAssignableFrom(raw)) return objectMap(type);
        return record(raw);
    }

    private String string() throws IOException {
        String s = p.getText();
        String had = strings.putIfAbsent(s, s);
        return had != null ? had : s;
    }

    private NsId nsId() throws IOException {
        next();
        long dev = p.getLongValue();
        next();
        long ino = p.getLongValue();
        next();
        NsId id = new NsId(dev, ino);
        NsId had = ids.putIfAbsent(id, id);
        return had != null ? had : id;
    }

    private Object readout(Type type) throws IOException {
        if (p.currentToken() != START_OBJECT) return Readout.of(read(arg(type, 0)));
        if (next() == FIELD_NAME && "?".equals(p.currentName())) {
            String reason = null, detail = null;
            next();
            while (next() == FIELD_NAME) {
                String f = p.currentName();
                next();
                if (f.equals("reason")) reason = p.getText();
                else if (f.equals("detail")) detail = string();
                else p.skipChildren();
            }
            next(); // the end of {"?": ...}
            return Readout.unknown(Unknown.Reason.valueOf(reason), detail);
        }
        return Readout.of(inside(raw(arg(type, 0)), arg(type, 0)));
    }

    private List<Object> list(Type element) throws IOException {
        List<Object> out = new ArrayList<>();
        while (next() != END_ARRAY) out.add(read(element));
        return out;
    }

    private Map<Object, Object> map(Type type) throws IOException {
        if (p.currentToken() == START_OBJECT) {
            next();
            return objectMap(type);
        }
        Type k = arg(type, 0), v = arg(type, 1);
        Map<Object, Object> out = new LinkedHashMap<>();
        while (next() != END_ARRAY) {
            next();
            Object key = read(k);
            next();
            out.put(key, read(v));
            next(); // the pair's end
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<Object, Object> objectMap(Type type) throws IOException {
        Type k = arg(type, 0), v = arg(type, 1);
        Class<?> kr = raw(k);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (; p.currentToken() == FIELD_NAME; next()) {
            String name = p.currentName();
            next();
            out.put(kr.isEnum() ? Enum.valueOf((Class<Enum>) kr, name) : name, read(v));
        }
        return out;
    }

    /** A record's fields, from its first (or "@", its class among a sealed interface's) to its end. */
    private Object record(Class<?> declared) throws IOException {
        Records.Shape s = shape(declared);
        Object[] args = s.defaults().clone();
        for (; p.currentToken() == FIELD_NAME; next()) {
            Integer i = s.index().get(p.currentName());
            next();
            if (i == null) p.skipChildren();
            else args[i] = read(s.types()[i]);
        }
        return s.make(args);
    }

    /** The shape of the record the object holds: {@code declared}, or the member of it "@" names. */
    Records.Shape shape(Class<?> declared) throws IOException {
        if (!declared.isInterface()) return Records.shape(declared);
        if (p.currentToken() != FIELD_NAME || !"@".equals(p.currentName()))
            throw new IOException("a " + declared.getSimpleName() + " without its class");
        next();
        Records.Shape s = Records.member(declared, p.getText());
        next();
        return s;
    }

    /**
     * A record {@link ModelCodec#writeLike written like} another: the other's key, and the components given,
     * a sorted list of integers as its {"+", "-"} change. Made once the other is known.
     */
    Like like(Class<?> cls, Type keyType) throws IOException {
        next(); // the value of "~"
        Object base = read(keyType);
        Records.Shape s = Records.shape(cls);
        Object[] args = new Object[s.types().length];
        boolean[] given = new boolean[args.length];
        while (next() == FIELD_NAME) {
            Integer i = s.index().get(p.currentName());
            next();
            if (i == null) {
                p.skipChildren();
                continue;
            }
            given[i] = true;
            args[i] = p.currentToken() == START_OBJECT && raw(s.types()[i]) == List.class
                    ? intsChange()
                    : read(s.types()[i]);
        }
        return new Like(base, s, args, given);
    }

    private int[][] intsChange() throws IOException {
        List<Integer> plus = List.of(), minus = List.of();
        while (next() == FIELD_NAME) {
            String f = p.currentName();
            next();
            List<Object> l = list(Integer.class);
            List<Integer> ints = new ArrayList<>(l.size());
            for (Object o : l) ints.add((Integer) o);
            if (f.equals("+")) plus = ints;
            else if (f.equals("-")) minus = ints;
        }
        return new int[][] {
            plus.stream().mapToInt(x -> x).toArray(),
            minus.stream().mapToInt(x -> x).toArray()
        };
    }

    /** A record read {@link #like like} another, waiting for it (see {@link Pending}). */
    record Like(Object base, Records.Shape shape, Object[] args, boolean[] given) {
        Object on(Record other) {
            Object[] all = shape.components(other);
            for (int i = 0; i < all.length; i++) if (given[i]) all[i] = args[i];
            return shape.make(all);
        }

        boolean changesList() {
            for (Object a : args) if (a instanceof int[][]) return true;
            return false;
        }
    }
}
