package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import nscope.probes.model.NsId;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.mounts.OverlayLayers;
import nscope.probes.mounts.Propagation;
import nscope.probes.readout.Unknown;
import nscope.views.columns.MountColumns;

/**
 * A mount table as JSON in findmnt -J's shape: {"filesystems": [...]}, each
 * with target, source, fstype, options as findmnt gives them, and children
 * (only when there are any), plus what findmnt -J leaves out: id, parent,
 * maj:min, fsroot, the raw mount source, vfs and fs options apart,
 * propagation, and an overlay's layers. An overlay whose layer options
 * could not be parsed has "overlay": null and says why under
 * "unknown": {"layers": {"reason", "detail"}}; any other part of its line
 * that was kept as written is named under "problems": {PART: why}.
 */
public final class MountsJson {
    private MountsJson() {}

    public static void write(MountTable t, int pid, NsId ns, Integer readThrough, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("filesystems");
        roots(t, g);
        g.writeEndArray();
        g.writeNumberField("pid", pid);
        g.writeFieldName("mntns");
        g.writeNumber(Long.toUnsignedString(ns.ino()));
        g.writeNumberField("readThrough", readThrough);
        g.writeEndObject();
    }

    /** Every root mount of the table with its subtree, as array elements. */
    static void roots(MountTable t, JsonGenerator g) throws IOException {
        for (Mount r : t.roots()) mount(t, r, g);
    }

    private static void mount(MountTable t, Mount m, JsonGenerator g) throws IOException {
        g.writeStartObject();
        ColumnJson.fields(g, MountColumns.JSON, m); // findmnt -J's fields: target, source, fstype, options
        g.writeNumberField("id", m.id());
        g.writeNumberField("parent", m.parentId());
        g.writeStringField("maj:min", m.device().toString());
        g.writeStringField("fsroot", m.root());
        g.writeStringField("mountSource", m.source());
        g.writeStringField("vfsOptions", String.join(",", m.options()));
        g.writeStringField("fsOptions", String.join(",", m.superOptions()));
        propagation(m.propagation(), g);
        if (m.overlay().isPresent()) overlay(m.overlay().get(), g);
        else if (m.layersUnknown().isPresent()) layersUnknown(m.layersUnknown().get(), g);
        problems(m, g);
        if (!t.children(m.id()).isEmpty()) {
            g.writeArrayFieldStart("children");
            for (Mount c : t.children(m.id())) mount(t, c, g);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void propagation(Propagation p, JsonGenerator g) throws IOException {
        g.writeStringField("propagation", p.kinds());
        if (p.shared().isPresent()) g.writeNumberField("peerGroup", p.shared().getAsInt());
        if (p.master().isPresent()) g.writeNumberField("master", p.master().getAsInt());
        if (p.propagateFrom().isPresent())
            g.writeNumberField("propagateFrom", p.propagateFrom().getAsInt());
        if (!p.other().isEmpty()) {
            g.writeArrayFieldStart("otherTags");
            for (String o : p.other()) g.writeString(o);
            g.writeEndArray();
        }
    }

    private static void layersUnknown(String why, JsonGenerator g) throws IOException {
        g.writeNullField("overlay");
        g.writeObjectFieldStart("unknown");
        g.writeObjectFieldStart(Mount.LAYERS);
        SnapshotJson.unknownFields(g, new Unknown(Unknown.Reason.MALFORMED, why));
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The parts of its line kept as written, with why (the layers are said under "unknown"). */
    private static void problems(Mount m, JsonGenerator g) throws IOException {
        boolean open = false;
        for (var e : m.problems().entrySet()) {
            if (e.getKey().equals(Mount.LAYERS)) continue;
            if (!open) g.writeObjectFieldStart("problems");
            open = true;
            g.writeStringField(e.getKey(), e.getValue());
        }
        if (open) g.writeEndObject();
    }

    private static void overlay(OverlayLayers o, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("overlay");
        g.writeArrayFieldStart("lowerdirs");
        for (String l : o.lowerdirs()) g.writeString(l);
        g.writeEndArray();
        g.writeArrayFieldStart("datadirs");
        for (String d : o.datadirs()) g.writeString(d);
        g.writeEndArray();
        g.writeStringField("upperdir", o.upperdir().orElse(null));
        g.writeStringField("workdir", o.workdir().orElse(null));
        g.writeEndObject();
    }
}
