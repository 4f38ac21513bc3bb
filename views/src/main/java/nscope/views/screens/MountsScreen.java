package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;
import nscope.views.columns.Column;
import nscope.views.columns.MountCells;
import nscope.views.columns.MountColumns;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;

/**
 * The mounts screen: each mount namespace, and under it its mount tree
 * (target, source, type, propagation), an overlay's layers as rows of
 * their own under it (one row saying why, when they could not be read).
 */
final class MountsScreen implements Screen {
    @Override
    public String title() {
        return "Mounts";
    }

    @Override
    public List<Column<Mount>> columns() {
        return MountColumns.SCREEN;
    }

    @Override
    public boolean shows(RowKey key) {
        return key instanceof RowKey.MountNs || key instanceof RowKey.Mount || key instanceof RowKey.Layer;
    }

    @Override
    public Forest rows(Snapshot s, CgroupCpu cpu) {
        List<Node> out = new ArrayList<>();
        for (Namespace n : s.namespaces(NsKind.MNT)) {
            Readout<NsFacts> f = s.facts(n.id()).orElse(null);
            List<Node> kids = new ArrayList<>();
            String title = "mnt:[" + n.id() + "]  " + n.processes().size()
                    + (n.processes().size() == 1 ? " process" : " processes");
            if (f != null && f.known() && f.get() instanceof NsFacts.Mnt m) {
                for (Mount r : m.table().roots()) kids.add(mount(n, m.table(), r));
                title += ", " + m.table().mounts().size() + " mounts";
            } else if (f != null && !f.known()) {
                title += ", table " + f.why();
            }
            out.add(new Node(new RowKey.MountNs(n.id()), List.of("", "", "", title), kids));
        }
        return new Forest(out);
    }

    private static Node mount(Namespace n, MountTable t, Mount m) {
        List<Node> kids = new ArrayList<>();
        List<String> layers = m.overlay()
                .map(o -> o.lines())
                .orElse(m.layersUnknown()
                        .map(w -> List.of(MountCells.layersUnknown(w)))
                        .orElse(List.of()));
        int i = 0;
        for (String layer : layers)
            kids.add(new Node(new RowKey.Layer(n.id(), m.id(), i++), List.of("", "", "", layer), List.of()));
        for (Mount c : t.children(m.id())) kids.add(mount(n, t, c));
        return new Node(new RowKey.Mount(n.id(), m.id()), Column.texts(MountColumns.SCREEN, m, ""), kids);
    }
}
