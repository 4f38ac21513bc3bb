package nscope.app.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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

    /** Applies one entry to {@code state} (a keyframe: to an empty one). */
    @SuppressWarnings("unchecked")
    static void apply(JsonNode n, HostState state) {
        state.takenAt = Instant.parse(n.get("takenAt").textValue());
        state.source = n.get("source").textValue();
        state.scope = Scope.valueOf(n.get("scope").textValue());
        state.bootTime = (nscope.probes.readout.Readout<Instant>) ModelCodec.read(n.get("bootTime"), READOUT_INSTANT);
        state.sampledNanos = n.path("sampledNanos").longValue();
        if (n.has("problems")) state.problems = (List<ScanProblem>) ModelCodec.read(n.get("problems"), PROBLEMS);
        if (n.has("hierarchies"))
            state.hierarchies = List.copyOf((List<Hierarchy>) ModelCodec.read(n.get("hierarchies"), HIERARCHIES));
        for (int i = 0; i < HostState.PARTS.size(); i++) {
            HostState.Part p = HostState.PARTS.get(i);
            JsonNode d = n.get(p.name());
            if (d == null) continue;
            Map<Object, Object> m = state.maps.get(i);
            for (JsonNode k : d.path("gone")) m.remove(ModelCodec.read(k, p.key()));
            // those written like another (threads like their leader) after the others, as their like is among them
            for (JsonNode kv : d.path("set"))
                if (!kv.get(1).has("~"))
                    m.put(ModelCodec.read(kv.get(0), p.key()), ModelCodec.read(kv.get(1), p.value()));
            for (JsonNode kv : d.path("set")) {
                JsonNode like = kv.get(1).get("~");
                if (like == null) continue;
                Object base = m.get(ModelCodec.read(like, p.key()));
                if (!(base instanceof Record r))
                    throw new IllegalArgumentException("an entry refers to a missing " + like);
                m.put(ModelCodec.read(kv.get(0), p.key()), ModelCodec.readLike(kv.get(1), r));
            }
        }
    }
}
