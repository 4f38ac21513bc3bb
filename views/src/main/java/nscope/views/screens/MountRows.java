package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsKind;
import nscope.probes.readout.Readout;
import nscope.probes.model.Snapshot;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.views.text.MountCells;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;

/**
 * The mounts screen: each mount namespace, and under it its mount tree
 * (target, source, type, propagation), an overlay's layers as rows of
 * their own under it.
 */
public final class MountRows {
    private MountRows() {}

    public static final List<Column> COLUMNS = List.of(
            new Column("FSTYPE", 9, false, "file system type"),
            new Column("PROPAGATION", 12, false, "shared:N (peer group), master:N, unbindable, or private"),
            new Column("SOURCE", 24, false, "what is mounted; [dir] for a bind of a directory"),
            new Column("TARGET", 0, false, "the tree of mount points"));

    public static String namespaceId(Namespace n) { return "mnt:" + n.id().dev() + ":" + Long.toUnsignedString(n.id().ino()); }

    public static Forest of(Snapshot s) {
        List<Node> out = new ArrayList<>();
        for (Namespace n : s.namespaces(NsKind.MNT)) {
            Readout<NsFacts> f = s.facts(n.id()).orElse(null);
            List<Node> kids = new ArrayList<>();
            String title = "mnt:[" + n.id() + "]  " + n.processes().size() + (n.processes().size() == 1 ? " process" : " processes");
            if (f != null && f.known() && f.get() instanceof NsFacts.Mnt m) {
                for (Mount r : m.table().roots()) kids.add(mount(n, m.table(), r));
                title += ", " + m.table().mounts().size() + " mounts";
            } else if (f != null && !f.known()) {
                title += ", table " + f.why();
            }
            out.add(new Node(namespaceId(n), List.of("", "", "", title), kids));
        }
        return new Forest(out);
    }

    private static Node mount(Namespace n, MountTable t, Mount m) {
        List<Node> kids = new ArrayList<>();
        String id = namespaceId(n) + ":" + m.id();
        if (m.overlay().isPresent()) {
            int i = 0;
            for (String layer : m.overlay().get().lines()) kids.add(new Node(id + ":layer" + i++, List.of("", "", "", layer), List.of()));
        }
        for (Mount c : t.children(m.id())) kids.add(mount(n, t, c));
        return new Node(id, List.of(m.fsType(), m.propagation().tags(), MountCells.source(m), m.mountPoint()), kids);
    }
}
