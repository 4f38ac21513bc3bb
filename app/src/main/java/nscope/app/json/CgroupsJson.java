package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.model.Snapshot;
import nscope.probes.query.CgroupNsPaths;
import nscope.probes.readout.Readout;

/**
 * Cgroup hierarchies as JSON (documented in app/src/main/man/snapshot.md): every cgroup with
 * its members and every interface file read, keyed by the file's own name;
 * every process's /proc/PID/cgroup lines with the path it sees from its
 * cgroup namespace. A value that could not be read is null and the
 * "unknown" object beside it says why.
 */
public final class CgroupsJson {
    private CgroupsJson() {}

    /** The "hierarchies" and "processes" fields; only the trees and cgroups the filters let through. */
    public static void fields(
            Snapshot s, CgroupCpu cpu, Predicate<CgroupTree> trees, Predicate<Cgroup> cgroups, JsonGenerator g)
            throws IOException {
        Cgroups c = s.cgroups();
        g.writeArrayFieldStart("hierarchies");
        for (CgroupTree t : c.trees()) if (trees.test(t)) tree(t, cpu, cgroups, g);
        g.writeEndArray();
        g.writeArrayFieldStart("processes");
        for (Map.Entry<Integer, Readout<List<CgroupLine>>> e : c.lines().entrySet()) {
            g.writeStartObject();
            g.writeNumberField("pid", e.getKey());
            Readout<List<CgroupLine>> r = e.getValue();
            g.writeFieldName("cgroups");
            if (r.known()) {
                g.writeStartArray();
                for (CgroupLine l : r.get()) {
                    g.writeStartObject();
                    g.writeNumberField("id", l.id());
                    g.writeStringField("controllers", l.controllers());
                    g.writeStringField("path", l.path());
                    String inner = CgroupNsPaths.inner(s, e.getKey(), l).orElse(null);
                    if (inner != null && !inner.equals(l.path())) g.writeStringField("nsPath", inner);
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else {
                g.writeNull();
                unknown(g, "cgroups", r);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tree(CgroupTree t, CgroupCpu cpu, Predicate<Cgroup> cgroups, JsonGenerator g)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", t.hierarchy().version());
        g.writeStringField("name", t.hierarchy().label());
        g.writeArrayFieldStart("controllers");
        for (String c : t.controllers()) g.writeString(c);
        g.writeEndArray();
        g.writeStringField("mountPoint", t.hierarchy().mountPoint());
        g.writeStringField("mountRoot", t.hierarchy().mountRoot());
        g.writeStringField("device", t.hierarchy().device());
        g.writeArrayFieldStart("cgroups");
        for (Cgroup c : t.cgroups().values()) if (cgroups.test(c)) cgroup(t, c, cpu, g);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void cgroup(CgroupTree t, Cgroup c, CgroupCpu cpu, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", c.path());
        if (c.id() != 0) g.writeNumberField("id", c.id());
        g.writeStringField("parent", c.parent().orElse(null));
        g.writeArrayFieldStart("children");
        for (String k : c.children()) g.writeString(k);
        g.writeEndArray();
        members(g, "procs", c.procs());
        members(g, "threads", c.threads());
        var p = cpu.percent(t.hierarchy(), c.path());
        if (p.isPresent()) g.writeNumberField("cpuPercent", Math.round(p.get() * 100) / 100.0);
        g.writeObjectFieldStart("files");
        for (Map.Entry<String, Readout<CgValue>> f : c.files().entrySet()) {
            g.writeFieldName(f.getKey());
            if (f.getValue().known()) value(g, f.getValue().get());
            else g.writeNull();
        }
        g.writeEndObject();
        boolean open = false;
        for (Map.Entry<String, Readout<CgValue>> f : c.files().entrySet())
            open = unknownIn(g, open, f.getKey(), f.getValue());
        open = unknownIn(g, open, "procs", c.procs());
        open = unknownIn(g, open, "threads", c.threads());
        if (open) g.writeEndObject();
        g.writeEndObject();
    }

    private static void members(JsonGenerator g, String name, Readout<List<Integer>> r) throws IOException {
        g.writeFieldName(name);
        if (!r.known()) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int id : r.get()) g.writeNumber(id);
        g.writeEndArray();
    }

    private static void value(JsonGenerator g, CgValue v) throws IOException {
        if (v instanceof CgValue.Num n) {
            num(g, n);
        } else if (v instanceof CgValue.Text t) {
            g.writeString(t.text());
        } else if (v instanceof CgValue.Words w) {
            g.writeStartArray();
            for (String s : w.words()) g.writeString(s);
            g.writeEndArray();
        } else if (v instanceof CgValue.Keyed k) {
            g.writeStartObject();
            for (Map.Entry<String, Long> e : k.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                unsigned(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof CgValue.CpuMax m) {
            g.writeStartObject();
            g.writeFieldName("quota");
            num(g, m.quota());
            g.writeFieldName("periodUsec");
            unsigned(g, m.periodUsec());
            g.writeEndObject();
        } else if (v instanceof CgValue.Pressure p) {
            g.writeStartObject();
            psi(g, "some", p.some());
            if (p.full() != null) psi(g, "full", p.full());
            g.writeEndObject();
        }
    }

    /** {"raw": "max", "value": null, "unlimited": true} or {"raw": "1024", "value": 1024, "unlimited": false}. */
    private static void num(JsonGenerator g, CgValue.Num n) throws IOException {
        g.writeStartObject();
        g.writeStringField("raw", n.raw());
        g.writeFieldName("value");
        if (n.unlimited()) g.writeNull();
        else unsigned(g, n.value());
        g.writeBooleanField("unlimited", n.unlimited());
        g.writeEndObject();
    }

    private static void psi(JsonGenerator g, String name, CgValue.Line l) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("avg10", l.avg10());
        g.writeNumberField("avg60", l.avg60());
        g.writeNumberField("avg300", l.avg300());
        g.writeFieldName("totalUsec");
        unsigned(g, l.totalUsec());
        g.writeEndObject();
    }

    /** An unsigned 64-bit value: above 2^63 - 1 as the big number it is. */
    private static void unsigned(JsonGenerator g, long v) throws IOException {
        if (v >= 0) g.writeNumber(v);
        else g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
    }

    private static boolean unknownIn(JsonGenerator g, boolean open, String name, Readout<?> r) throws IOException {
        if (r.known()) return open;
        if (!open) g.writeObjectFieldStart("unknown");
        g.writeObjectFieldStart(name);
        SnapshotJson.unknownFields(g, r.why());
        g.writeEndObject();
        return true;
    }

    private static void unknown(JsonGenerator g, String name, Readout<?> r) throws IOException {
        g.writeObjectFieldStart("unknown");
        g.writeObjectFieldStart(name);
        SnapshotJson.unknownFields(g, r.why());
        g.writeEndObject();
        g.writeEndObject();
    }
}
