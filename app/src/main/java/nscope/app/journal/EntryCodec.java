package nscope.app.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Namespace;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;

/**
 * One entry's body: what turns the state before it into the state after it.
 * A keyframe is the same thing from the empty state. The single values
 * (time, source, scope, boot time, sampling time) are always written; the
 * problems and the hierarchies when they changed; each keyed part as
 * {"set": [[key, value]...], "gone": [key...]}, left out when nothing in it
 * changed.
 */
final class EntryCodec {
    private static final java.lang.reflect.Type PROBLEMS = Types.list(ScanProblem.class);
    private static final java.lang.reflect.Type HIERARCHIES = Types.list(Hierarchy.class);
    private static final java.lang.reflect.Type READOUT_INSTANT = Types.readout(Instant.class);

    private EntryCodec() {}

    /**
     * Writes what changed from {@code before} (null: a keyframe, everything) to {@code after}; label: what
     * was going on (a lab's step), written as "label" when not null.
     */
    static void write(HostState before, HostState after, String label, JsonGenerator g) throws IOException {
        HostState from = before != null ? before : new HostState();
        g.writeStartObject();
        g.writeStringField("takenAt", after.takenAt.toString());
        g.writeStringField("source", after.source);
        g.writeStringField("scope", after.scope.name());
        g.writeFieldName("bootTime");
        ModelCodec.write(g, READOUT_INSTANT, after.bootTime);
        g.writeNumberField("sampledNanos", after.sampledNanos);
        if (label != null) g.writeStringField("label", label);
        if (before == null || !from.problems.equals(after.problems)) {
            g.writeFieldName("problems");
            ModelCodec.write(g, PROBLEMS, after.problems);
        }
        if (before == null || !from.hierarchies.equals(after.hierarchies)) {
            g.writeFieldName("hierarchies");
            ModelCodec.write(g, HIERARCHIES, after.hierarchies);
        }
        for (int i = 0; i < HostState.PARTS.size(); i++)
            part(g, HostState.PARTS.get(i), from.maps.get(i), after.maps.get(i));
        g.writeEndObject();
    }

    private static void part(JsonGenerator g, HostState.Part p, Map<Object, Object> a, Map<Object, Object> b)
            throws IOException {
        if (a == b) return; // the very map of the last entry (the refresher kept it): nothing changed
        List<Map.Entry<Object, Object>> set = new ArrayList<>();
        List<Object> gone = new ArrayList<>();
        for (Map.Entry<Object, Object> e : b.entrySet())
            if (!Objects.equals(a.get(e.getKey()), e.getValue())) set.add(e);
        for (Object k : a.keySet()) if (!b.containsKey(k)) gone.add(k);
        if (set.isEmpty() && gone.isEmpty()) return;
        g.writeObjectFieldStart(p.name());
        if (!set.isEmpty()) {
            g.writeArrayFieldStart("set");
            for (Map.Entry<Object, Object> e : set) {
                g.writeStartArray();
                ModelCodec.write(g, p.key(), e.getKey());
                Object leader = e.getValue() instanceof Task t && !t.leader() ? b.get(t.tgid()) : null;
                Object was = a.get(e.getKey());
                if (e.getValue() instanceof Namespace n && was instanceof Namespace w)
                    ModelCodec.writeLike(g, n, w, e.getKey(), p.key()); // a few of its members came or went: those
                else if (leader != null)
                    ModelCodec.writeLike(g, (Task) e.getValue(), (Task) leader, ((Task) leader).tid(), p.key());
                else ModelCodec.write(g, p.value(), e.getValue());
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        if (!gone.isEmpty()) {
            g.writeArrayFieldStart("gone");
            for (Object k : gone) ModelCodec.write(g, p.key(), k);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Applies one entry, read from {@code p}, to {@code state} (a keyframe: to an empty one). With its {@code json}
     * (a delta's), the cgroups, lines, relations and facts it sets are made only when a snapshot needs them.
     */
    @SuppressWarnings("unchecked")
    static void apply(JsonParser p, HostState state, byte[] json) throws IOException {
        ModelReader r = new ModelReader(p);
        if (r.next() != JsonToken.START_OBJECT) throw new IOException("an entry is not an object");
        while (r.next() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            r.next();
            switch (f) {
                case "takenAt" -> state.takenAt = Instant.parse(p.getText());
                case "source" -> state.source = p.getText();
                case "scope" -> state.scope = Scope.valueOf(p.getText());
                case "bootTime" -> state.bootTime = (Readout<Instant>) r.read(READOUT_INSTANT);
                case "sampledNanos" -> state.sampledNanos = p.getLongValue();
                case "problems" -> state.problems = (List<ScanProblem>) r.read(PROBLEMS);
                case "hierarchies" -> state.hierarchies = List.copyOf((List<Hierarchy>) r.read(HIERARCHIES));
                default -> part(r, f, state, json);
            }
        }
    }

    /** One keyed part's {"set", "gone"}; those written like another (threads like their leader) last. */
    private static void part(ModelReader r, String name, HostState state, byte[] json) throws IOException {
        int i = 0;
        while (i < HostState.PARTS.size() && !HostState.PARTS.get(i).name().equals(name)) i++;
        JsonParser p = r.parser();
        if (i == HostState.PARTS.size()) {
            p.skipChildren();
            return;
        }
        HostState.Part part = HostState.PARTS.get(i);
        Map<Object, Object> m = state.maps.get(i);
        Class<?> valueClass = ModelCodec.raw(part.value());
        List<Object> likeKeys = new ArrayList<>();
        List<ModelReader.Like> likes = new ArrayList<>();
        while (r.next() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            r.next();
            if (f.equals("gone")) while (r.next() != JsonToken.END_ARRAY) m.remove(r.read(part.key()));
            else if (!f.equals("set")) p.skipChildren();
            else
                while (r.next() != JsonToken.END_ARRAY) { // [key, value]
                    r.next();
                    Object key = r.read(part.key());
                    JsonToken t = r.next();
                    if (json != null && i >= 2 && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
                        int start = (int) p.getTokenLocation().getByteOffset();
                        p.skipChildren(); // only tasks and namespaces are written like another: the rest wait
                        m.put(
                                key,
                                new Pending.Lazy(
                                        json, start, (int) p.currentLocation().getByteOffset(), part.value()));
                    } else if (t != JsonToken.START_OBJECT || !valueClass.isRecord()) m.put(key, r.read(part.value()));
                    else if (r.next() == JsonToken.FIELD_NAME && "~".equals(p.currentName())) {
                        likeKeys.add(key);
                        likes.add(r.like(valueClass, part.key()));
                    } else m.put(key, r.inside(valueClass, part.value()));
                    r.next();
                }
        }
        for (int j = 0; j < likes.size(); j++) {
            Object base = m.get(likes.get(j).base());
            if (!(base instanceof Record || base instanceof Pending))
                throw new IllegalArgumentException(
                        "an entry refers to a missing " + likes.get(j).base());
            m.put(likeKeys.get(j), Pending.on(likes.get(j), base));
        }
    }
}
