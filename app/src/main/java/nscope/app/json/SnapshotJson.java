package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.Holder;
import nscope.probes.model.Ids;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * The snapshot as JSON (documented in app/src/main/man/snapshot.md). A value that could not be
 * read is null, and the task's "unknown" object says why, keyed by field.
 */
public final class SnapshotJson {
    private SnapshotJson() {}

    public static void write(Snapshot s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", s.source());
        g.writeStringField("takenAt", s.takenAt().toString());
        g.writeArrayFieldStart("tasks");
        for (Task t : s.tasks().values()) task(s, t, g);
        g.writeEndArray();
        g.writeArrayFieldStart("processes");
        for (Map.Entry<Integer, List<Integer>> e : s.threadGroups().entrySet()) {
            g.writeStartObject();
            g.writeNumberField("tgid", e.getKey());
            g.writeFieldName("tids");
            ints(g, e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("namespaces");
        for (Namespace n : s.namespaces().values()) {
            g.writeStartObject();
            g.writeStringField("type", n.kind().label());
            g.writeFieldName("ns");
            ino(g, n.id());
            g.writeNumberField("dev", n.id().dev());
            g.writeNumberField("nprocs", n.processes().size());
            g.writeNumberField("ntasks", n.tasks().size());
            g.writeFieldName("processes");
            ints(g, n.processes());
            g.writeFieldName("tasks");
            ints(g, n.tasks());
            g.writeFieldName("pendingFor");
            ints(g, n.pendingFor());
            g.writeBooleanField("hidden", n.hidden());
            s.relations(n.id()).ifPresent(r -> relations(g, r));
            s.facts(n.id()).ifPresent(f -> FactsJson.write(g, f));
            g.writeArrayFieldStart("holders");
            for (Holder h : n.holders()) holder(g, h);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (s.cgroups().read()) {
            g.writeObjectFieldStart("cgroups");
            CgroupsJson.fields(s, nscope.probes.cgroups.CgroupCpu.none(), t -> true, c -> true, g);
            g.writeEndObject();
        }
        g.writeObjectFieldStart("users");
        for (Map.Entry<Long, String> e : new java.util.TreeMap<>(s.userNames()).entrySet())
            g.writeStringField(Long.toString(e.getKey()), e.getValue());
        g.writeEndObject();
        g.writeArrayFieldStart("problems");
        for (ScanProblem p : s.problems()) {
            g.writeStartObject();
            g.writeStringField("path", p.path());
            unknownFields(g, p.why());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** "relations": parent and owner by inode, the owner UID of a user namespace; or why unknown. */
    private static void relations(JsonGenerator g, Readout<NsRelations> r) {
        try {
            g.writeObjectFieldStart("relations");
            if (r.known()) {
                NsRelations x = r.get();
                g.writeFieldName("parent");
                if (x.parent() == null) g.writeNull();
                else ino(g, x.parent());
                g.writeFieldName("owner");
                if (x.owner() == null) g.writeNull();
                else ino(g, x.owner());
                if (x.ownerUid() != null) g.writeNumberField("ownerUid", x.ownerUid());
            } else {
                g.writeObjectFieldStart("unknown");
                unknownFields(g, r.why());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void holder(JsonGenerator g, Holder h) throws IOException {
        g.writeStartObject();
        if (h instanceof Holder.Fd fd) {
            g.writeStringField("kind", "fd");
            g.writeNumberField("pid", fd.pid());
            g.writeNumberField("fd", fd.fd());
        } else if (h instanceof Holder.Mount m) {
            g.writeStringField("kind", "mount");
            g.writeFieldName("mntns");
            ino(g, m.mountNs());
            g.writeNumberField("pid", m.viaPid());
            g.writeStringField("mountpoint", m.mountPoint());
        }
        g.writeEndObject();
    }

    private static void task(Snapshot s, Task t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("tid", t.tid());
        g.writeNumberField("tgid", t.tgid());
        g.writeNumberField("ppid", t.ppid());
        g.writeStringField("state", String.valueOf(t.state()));
        g.writeStringField("comm", t.comm());
        g.writeNumberField("startTime", t.startTime());
        g.writeNumberField("pgrp", t.pgrp());
        g.writeNumberField("session", t.session());
        g.writeBooleanField("kernelThread", t.kernelThread());
        ids(g, "uid", t.uids());
        ids(g, "gid", t.gids());
        intList(g, "nsPid", t.nsPid());
        intList(g, "nsTgid", t.nsTgid());
        intList(g, "nsPgid", t.nsPgid());
        intList(g, "nsSid", t.nsSid());
        g.writeFieldName("cmdline");
        if (t.cmdline().known()) {
            g.writeStartArray();
            for (String a : t.cmdline().get()) g.writeString(a);
            g.writeEndArray();
        } else g.writeNull();
        g.writeObjectFieldStart("ns");
        for (NsLink l : NsLink.values()) {
            g.writeFieldName(l.fileName());
            if (t.ns(l).known()) ino(g, t.ns(l).get());
            else g.writeNull();
        }
        g.writeEndObject();
        Set<NsLink> diverge = s.divergentLinks(t);
        if (!diverge.isEmpty()) {
            g.writeArrayFieldStart("differsFromLeader");
            for (NsLink l : diverge) g.writeString(l.fileName());
            g.writeEndArray();
        }
        unknowns(g, t);
        g.writeEndObject();
    }

    private static void unknowns(JsonGenerator g, Task t) throws IOException {
        boolean open = false;
        Object[][] fields = {
            {"uid", t.uids()},
            {"gid", t.gids()},
            {"nsPid", t.nsPid()},
            {"nsTgid", t.nsTgid()},
            {"nsPgid", t.nsPgid()},
            {"nsSid", t.nsSid()},
            {"cmdline", t.cmdline()}
        };
        for (Object[] f : fields) open = unknown(g, open, (String) f[0], (Readout<?>) f[1]);
        for (NsLink l : NsLink.values()) open = unknown(g, open, "ns." + l.fileName(), t.ns(l));
        if (open) g.writeEndObject();
    }

    private static boolean unknown(JsonGenerator g, boolean open, String name, Readout<?> r) throws IOException {
        if (r.known()) return open;
        if (!open) g.writeObjectFieldStart("unknown");
        g.writeObjectFieldStart(name);
        unknownFields(g, r.why());
        g.writeEndObject();
        return true;
    }

    static void unknownFields(JsonGenerator g, Unknown u) throws IOException {
        g.writeStringField("reason", u.reason().label());
        g.writeStringField("detail", u.detail());
    }

    private static void ids(JsonGenerator g, String name, Readout<Ids> r) throws IOException {
        g.writeFieldName(name);
        if (!r.known()) {
            g.writeNull();
            return;
        }
        Ids i = r.get();
        g.writeStartObject();
        g.writeNumberField("real", i.real());
        g.writeNumberField("effective", i.effective());
        g.writeNumberField("saved", i.saved());
        g.writeNumberField("fs", i.filesystem());
        g.writeEndObject();
    }

    private static void intList(JsonGenerator g, String name, Readout<List<Integer>> r) throws IOException {
        g.writeFieldName(name);
        if (r.known()) ints(g, r.get());
        else g.writeNull();
    }

    private static void ints(JsonGenerator g, List<Integer> v) throws IOException {
        g.writeStartArray();
        for (int i : v) g.writeNumber(i);
        g.writeEndArray();
    }

    private static void ino(JsonGenerator g, NsId id) throws IOException {
        g.writeNumber(Long.toUnsignedString(id.ino()));
    }
}
