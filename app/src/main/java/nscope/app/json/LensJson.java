package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import nscope.probes.lens.TaskLens;
import nscope.probes.lens.TaskLens.CapSet;
import nscope.probes.lens.TaskLens.CgroupPlace;
import nscope.probes.lens.TaskLens.ForChildren;
import nscope.probes.lens.TaskLens.Gap;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.lens.TaskLens.Relative;
import nscope.probes.lens.TaskLens.UserLevel;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.readout.Readout;

/**
 * `nscope explain --json`: the lens on one task (app/src/main/man/lens.md names every field).
 * A value that could not be read is null, with an object "NAMEUnknown" beside it: {"reason", "detail"}.
 * Namespaces are inode numbers.
 */
public final class LensJson {
    private LensJson() {}

    public static void write(TaskLens l, JsonGenerator g) throws IOException {
        TaskLens.Subject s = l.subject();
        g.writeStartObject();
        g.writeNumberField("tid", s.tid());
        g.writeNumberField("tgid", s.tgid());
        g.writeBooleanField("thread", s.thread());
        g.writeStringField("comm", s.comm());
        g.writeStringField("state", String.valueOf(s.state()));
        g.writeNumberField("startTime", s.startTime());
        g.writeStringField("readAt", l.readAt().toString());
        g.writeStringField("source", l.source());
        levels(l, g);
        group(l, g);
        cgroups(l, g);
        family(l, g);
        forChildren(g, "pidForChildren", l.pidForChildren());
        forChildren(g, "timeForChildren", l.timeForChildren());
        users(l, g);
        caps(l, g);
        g.writeEndObject();
    }

    private static void levels(TaskLens l, JsonGenerator g) throws IOException {
        if (!known(g, "levels", l.levels())) return;
        g.writeArrayFieldStart("levels");
        for (Level v : l.levels().get()) {
            g.writeStartObject();
            g.writeNumberField("level", v.level());
            ns(g, "ns", v.ns());
            ns(g, "owner", v.owner());
            g.writeNumberField("pid", v.pid());
            g.writeNumberField("tgid", v.tgid());
            g.writeNumberField("pgid", v.pgid());
            g.writeNumberField("sid", v.sid());
            if (known(g, "init", v.init())) g.writeNumberField("init", v.init().get());
            if (v.lastPid() != null) g.writeNumberField("lastPid", v.lastPid());
            else {
                g.writeNullField("lastPid");
                gap(g, "lastPidUnknown", v.lastPidGap());
            }
            g.writeStringField("lastPidReadAt", v.lastPidReadAt().toString());
            g.writeBooleanField("lastPidIncludesReader", v.lastPid() != null);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void group(TaskLens l, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("threadGroup");
        g.writeNumberField("leader", l.group().leader());
        if (known(g, "threads", l.group().threads())) {
            g.writeArrayFieldStart("threads");
            for (Member m : l.group().threads().get()) {
                g.writeStartObject();
                g.writeNumberField("tid", m.tid());
                g.writeStringField("comm", m.comm());
                g.writeStringField("state", String.valueOf(m.state()));
                if (known(g, "nsPid", m.nsPid())) ints(g, "nsPid", m.nsPid().get());
                if (known(g, "nsDiffers", m.nsDiffers())) {
                    g.writeArrayFieldStart("nsDiffers");
                    for (NsLink x : m.nsDiffers().get()) g.writeString(x.fileName());
                    g.writeEndArray();
                }
                if (known(g, "cgroupsDiffer", m.cgroupsDiffer())) {
                    g.writeArrayFieldStart("cgroupsDiffer");
                    for (String x : m.cgroupsDiffer().get()) g.writeString(x);
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void cgroups(TaskLens l, JsonGenerator g) throws IOException {
        if (!known(g, "cgroups", l.cgroups())) return;
        g.writeArrayFieldStart("cgroups");
        for (CgroupPlace c : l.cgroups().get()) {
            g.writeStartObject();
            g.writeNumberField("id", c.id());
            g.writeStringField("hierarchy", c.hierarchy());
            g.writeStringField("path", c.path());
            if (c.leaderPath() != null && known(g, "leaderPath", c.leaderPath()))
                g.writeStringField("leaderPath", c.leaderPath().get());
            g.writeBooleanField("differs", c.differs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void family(TaskLens l, JsonGenerator g) throws IOException {
        TaskLens.Family f = l.family();
        if (known(g, "parent", f.parent())) relative(g, "parent", f.parent().get());
        if (known(g, "parentInNs", f.parentInNs()))
            g.writeNumberField("parentInNs", f.parentInNs().get());
        if (known(g, "reaper", f.reaper())) relative(g, "reaper", f.reaper().get());
        g.writeBooleanField("init", f.init());
        if (known(g, "children", f.children())) {
            g.writeArrayFieldStart("children");
            for (Relative r : f.children().get()) relative(g, null, r);
            g.writeEndArray();
        }
    }

    private static void relative(JsonGenerator g, String name, Relative r) throws IOException {
        if (name != null) g.writeObjectFieldStart(name);
        else g.writeStartObject();
        g.writeNumberField("pid", r.pid());
        g.writeStringField("comm", r.comm());
        ints(g, "nsPid", r.nsPid());
        g.writeEndObject();
    }

    private static void forChildren(JsonGenerator g, String name, ForChildren c) throws IOException {
        if (c.next() != null) g.writeNumberField(name, c.next().ino());
        else {
            g.writeNullField(name);
            gap(g, name + "Unknown", c.gap());
        }
        g.writeBooleanField(name + "Differs", c.differs());
        if (c.offsets() != null && c.offsets().known()) {
            NsFacts.Time t = c.offsets().get();
            g.writeObjectFieldStart(name + "Offsets");
            g.writeStringField("monotonic", t.monotonicSec() + "." + String.format("%09d", t.monotonicNsec()));
            g.writeStringField("boottime", t.boottimeSec() + "." + String.format("%09d", t.boottimeNsec()));
            g.writeEndObject();
        }
    }

    private static void users(TaskLens l, JsonGenerator g) throws IOException {
        if (!known(g, "userNamespaces", l.users())) return;
        g.writeArrayFieldStart("userNamespaces");
        for (UserLevel u : l.users().get()) {
            g.writeStartObject();
            g.writeNumberField("level", u.level());
            ns(g, "ns", u.ns());
            if (known(g, "ownerUid", u.ownerUid()))
                g.writeNumberField("ownerUid", u.ownerUid().get());
            idMap(g, "uidMap", u.uidMap());
            idMap(g, "gidMap", u.gidMap());
            if (known(g, "uid", u.uid())) g.writeNumberField("uid", u.uid().get());
            if (known(g, "gid", u.gid())) g.writeNumberField("gid", u.gid().get());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void idMap(JsonGenerator g, String name, Readout<List<NsFacts.IdRange>> r) throws IOException {
        if (!known(g, name, r)) return;
        g.writeArrayFieldStart(name);
        for (NsFacts.IdRange x : r.get()) {
            g.writeStartObject();
            g.writeNumberField("inside", x.inside());
            g.writeNumberField("outside", x.outside());
            g.writeNumberField("count", x.count());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void caps(TaskLens l, JsonGenerator g) throws IOException {
        if (!known(g, "capabilities", l.caps())) return;
        g.writeObjectFieldStart("capabilities");
        for (CapSet c : l.caps().get()) {
            g.writeObjectFieldStart(c.name());
            g.writeStringField("hex", String.format("%016x", c.mask()));
            g.writeArrayFieldStart("names");
            for (String n : c.names()) g.writeString(n);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Writes "NAME": null and "NAMEUnknown" when r is unknown; true when the caller writes the value. */
    private static boolean known(JsonGenerator g, String name, Readout<?> r) throws IOException {
        if (r.known()) return true;
        g.writeNullField(name);
        gap(g, name + "Unknown", Gap.of(r.why()));
        return false;
    }

    private static void gap(JsonGenerator g, String name, Gap gap) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("reason", gap.reason());
        g.writeStringField("detail", gap.detail());
        g.writeEndObject();
    }

    private static void ns(JsonGenerator g, String name, Readout<NsId> r) throws IOException {
        if (known(g, name, r)) g.writeNumberField(name, r.get().ino());
    }

    private static void ints(JsonGenerator g, String name, List<Integer> v) throws IOException {
        g.writeArrayFieldStart(name);
        for (int x : v) g.writeNumber(x);
        g.writeEndArray();
    }
}
