package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import nscope.probes.model.NsFacts;
import nscope.probes.readout.Readout;

/** A namespace's "facts" object in snapshot JSON (documented in app/src/main/man/snapshot.md). */
final class FactsJson {
    private FactsJson() {}

    static void write(JsonGenerator g, Readout<NsFacts> r) {
        try {
            g.writeObjectFieldStart("facts");
            if (!r.known()) {
                unknown(g, r);
            } else {
                NsFacts f = r.get();
                if (f instanceof NsFacts.Uts u) {
                    g.writeStringField("hostname", u.hostname());
                    g.writeStringField("domainname", u.domainname());
                } else if (f instanceof NsFacts.Ipc i) {
                    g.writeNumberField("shm", i.shm());
                    g.writeNumberField("sem", i.sem());
                    g.writeNumberField("msg", i.msg());
                } else if (f instanceof NsFacts.Net n) {
                    g.writeArrayFieldStart("interfaces");
                    for (NsFacts.Interface i : n.interfaces()) netInterface(g, i);
                    g.writeEndArray();
                } else if (f instanceof NsFacts.Pid p) {
                    g.writeNumberField("level", p.level());
                    g.writeFieldName("lastPid");
                    if (p.lastPid().known()) {
                        g.writeNumber(p.lastPid().get());
                    } else {
                        g.writeNull();
                        g.writeObjectFieldStart("unknown");
                        g.writeObjectFieldStart("lastPid");
                        SnapshotJson.unknownFields(g, p.lastPid().why());
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                } else if (f instanceof NsFacts.Time t) {
                    g.writeObjectFieldStart("monotonic");
                    g.writeNumberField("sec", t.monotonicSec());
                    g.writeNumberField("nsec", t.monotonicNsec());
                    g.writeEndObject();
                    g.writeObjectFieldStart("boottime");
                    g.writeNumberField("sec", t.boottimeSec());
                    g.writeNumberField("nsec", t.boottimeNsec());
                    g.writeEndObject();
                } else if (f instanceof NsFacts.User u) {
                    idMap(g, "uidMap", u.uidMap());
                    idMap(g, "gidMap", u.gidMap());
                    g.writeStringField("setgroups", u.setgroups());
                } else if (f instanceof NsFacts.Mnt m) {
                    mnt(g, m);
                } else if (f instanceof NsFacts.Cgroup c) {
                    g.writeNumberField("viaTid", c.tid());
                    lines(g, "inside", c.inside());
                    lines(g, "outside", c.outside());
                    lines(g, "roots", c.roots());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/PID/cgroup lines as strings, exactly as the kernel writes them ("4:memory:/x"). */
    private static void lines(JsonGenerator g, String name, List<nscope.probes.cgroups.CgroupLine> lines)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (nscope.probes.cgroups.CgroupLine l : lines) g.writeString(l.toString());
        g.writeEndArray();
    }

    /** The table as `mounts --json` gives it (a tree), then how it meets the host's. */
    private static void mnt(JsonGenerator g, NsFacts.Mnt m) throws IOException {
        g.writeNumberField("count", m.table().size());
        g.writeArrayFieldStart("filesystems");
        MountsJson.roots(m.table(), g);
        g.writeEndArray();
        g.writeArrayFieldStart("sharedWithHost");
        for (nscope.probes.mounts.MountTable.SharedPeer p : m.sharedWithHost()) {
            g.writeStartObject();
            g.writeNumberField("peerGroup", p.peerGroup());
            g.writeNumberField("mount", p.here().id());
            g.writeStringField("target", p.here().mountPoint());
            g.writeNumberField("hostMount", p.there().id());
            g.writeStringField("hostTarget", p.there().mountPoint());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (m.rootOnHost() == null) g.writeNullField("rootOnHost");
        else g.writeStringField("rootOnHost", m.rootOnHost().path());
    }

    private static void unknown(JsonGenerator g, Readout<?> r) throws IOException {
        g.writeObjectFieldStart("unknown");
        SnapshotJson.unknownFields(g, r.why());
        g.writeEndObject();
    }

    private static void netInterface(JsonGenerator g, NsFacts.Interface i) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", i.index());
        g.writeStringField("name", i.name());
        g.writeArrayFieldStart("flags");
        for (String f : i.flags()) g.writeString(f);
        g.writeEndArray();
        g.writeStringField("operstate", i.operstate());
        g.writeFieldName("mtu");
        if (i.mtu() == null) g.writeNull();
        else g.writeNumber(i.mtu());
        g.writeStringField("mac", i.mac());
        if (i.peerIndex() != null) g.writeNumberField("peerIndex", i.peerIndex());
        if (i.peerNetnsId() != null) g.writeNumberField("peerNetnsId", i.peerNetnsId());
        if (i.peerNetns() != null) {
            g.writeFieldName("peerNetns");
            g.writeNumber(Long.toUnsignedString(i.peerNetns().ino()));
        }
        g.writeArrayFieldStart("addresses");
        for (String a : i.addresses()) g.writeString(a);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void idMap(JsonGenerator g, String name, List<NsFacts.IdRange> map) throws IOException {
        g.writeArrayFieldStart(name);
        for (NsFacts.IdRange r : map) {
            g.writeStartArray();
            g.writeNumber(r.inside());
            g.writeNumber(r.outside());
            g.writeNumber(r.count());
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
