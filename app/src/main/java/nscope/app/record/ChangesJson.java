package nscope.app.record;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import nscope.app.json.Json;
import nscope.probes.model.NsId;
import nscope.probes.model.Snapshot;
import nscope.probes.model.SnapshotDiff;
import nscope.probes.model.TaskKey;

/** Changes as JSON: {"from", "to", "tasks": {appeared, vanished, moved}, "namespaces", "cgroups", "mounts"}. */
public final class ChangesJson {
    private ChangesJson() {}

    public static void write(Changes c, PrintWriter out) {
        try (JsonGenerator g = Json.generator(out)) {
            SnapshotDiff d = c.tasks();
            g.writeStartObject();
            g.writeStringField("from", c.from().takenAt().toString());
            g.writeStringField("to", c.to().takenAt().toString());
            g.writeObjectFieldStart("tasks");
            tasks(g, "appeared", c.to(), d.appearedTasks());
            tasks(g, "vanished", c.from(), d.vanishedTasks());
            g.writeArrayFieldStart("moved");
            for (SnapshotDiff.Move m : d.moved()) {
                g.writeStartObject();
                g.writeNumberField("tid", m.task().tid());
                g.writeNumberField("startTime", m.task().startTime());
                g.writeStringField("link", m.link().fileName());
                g.writeNumberField("from", m.from().ino());
                g.writeNumberField("to", m.to().ino());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("namespaces");
            namespaces(g, "appeared", c.to(), d.appearedNamespaces());
            namespaces(g, "vanished", c.from(), d.vanishedNamespaces());
            g.writeEndObject();
            g.writeObjectFieldStart("cgroups");
            cgroups(g, "appeared", c.cgroupsAppeared());
            cgroups(g, "vanished", c.cgroupsVanished());
            g.writeEndObject();
            g.writeObjectFieldStart("mounts");
            mounts(g, "appeared", c.mountsAppeared());
            mounts(g, "vanished", c.mountsVanished());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void tasks(JsonGenerator g, String name, Snapshot s, java.util.List<TaskKey> keys)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (TaskKey k : keys) {
            g.writeStartObject();
            g.writeNumberField("tid", k.tid());
            g.writeNumberField("startTime", k.startTime());
            var t = s.task(k.tid());
            if (t.isPresent()) {
                g.writeNumberField("tgid", t.get().tgid());
                g.writeStringField("comm", t.get().comm());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void namespaces(JsonGenerator g, String name, Snapshot s, java.util.List<NsId> ids)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (NsId id : ids) {
            g.writeStartObject();
            g.writeStringField(
                    "type", s.namespace(id).map(n -> n.kind().label()).orElse(null));
            g.writeNumberField("ns", id.ino());
            g.writeNumberField(
                    "nprocs", s.namespace(id).map(n -> n.processes().size()).orElse(0));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void cgroups(JsonGenerator g, String name, java.util.List<Changes.CgroupChange> l)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (Changes.CgroupChange c : l) {
            g.writeStartObject();
            g.writeStringField("hierarchy", c.hierarchy());
            g.writeStringField("path", c.path());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void mounts(JsonGenerator g, String name, java.util.List<Changes.MountChange> l) throws IOException {
        g.writeArrayFieldStart(name);
        for (Changes.MountChange m : l) {
            g.writeStartObject();
            g.writeNumberField("mntns", m.mntns().ino());
            g.writeNumberField("id", m.mount().id());
            g.writeStringField("mountpoint", m.mount().mountPoint());
            g.writeStringField("fstype", m.mount().fsType());
            g.writeStringField("source", m.mount().source());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
