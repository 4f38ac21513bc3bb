package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Snapshot;
import nscope.views.columns.CgroupCells;
import nscope.views.columns.CgroupColumns;
import nscope.views.columns.CgroupColumns.CgroupRow;
import nscope.views.columns.Column;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;

/**
 * The cgroups screen: every hierarchy as a tree of cgroups with members,
 * memory, CPU % (between the last two refreshes), pids and pressure, marks
 * for threaded, frozen, OOM kills and pids.max hits (as `nscope cgroups`).
 * Its detail ({@link CgroupDetail}) links a cgroup to its processes and to
 * the threads in it apart from their process.
 */
final class CgroupsScreen implements Screen {
    @Override
    public String title() {
        return "Cgroups";
    }

    @Override
    public List<Column<CgroupRow>> columns() {
        return CgroupColumns.ALL;
    }

    @Override
    public boolean shows(RowKey key) {
        return key instanceof RowKey.Cgroup || key instanceof RowKey.Hierarchy;
    }

    /** A hierarchy's columns are those it fills: at 80 columns its names show whole. */
    @Override
    public boolean sections() {
        return true;
    }

    @Override
    public boolean needsCgroups() {
        return true;
    }

    @Override
    public Forest rows(Snapshot s, CgroupCpu cpu) {
        List<Node> out = new ArrayList<>();
        for (CgroupTree t : s.cgroups().trees()) {
            Cgroup root = t.cgroup(t.hierarchy().mountRoot()).orElse(null);
            String title =
                    (t.hierarchy().version() == 2 ? "v2" : "v1 " + t.hierarchy().label()) + " on "
                            + t.hierarchy().mountPoint();
            List<Node> kids = root == null ? List.of() : List.of(node(new CgroupRow(t, root, cpu)));
            out.add(new Node(
                    new RowKey.Hierarchy(t.hierarchy().device()), List.of("", "", "", "", "", "", title), kids));
        }
        return new Forest(out);
    }

    private static Node node(CgroupRow r) {
        List<Node> kids = new ArrayList<>();
        for (String k : r.cgroup().children())
            r.tree().cgroup(k).ifPresent(x -> kids.add(node(new CgroupRow(r.tree(), x, r.cpu()))));
        return new Node(
                new RowKey.Cgroup(r.tree().hierarchy().device(), r.cgroup().path()),
                Column.texts(CgroupColumns.ALL, r, ""),
                CgroupCells.marks(r.cgroup()).strip(),
                kids);
    }

    @Override
    public Target target(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Cgroup k)) return Target.NONE;
        for (CgroupTree t : s.cgroups().trees())
            if (t.hierarchy().device().equals(k.device()))
                return t.cgroup(k.path())
                        .<Target>map(c -> new Target.OfCgroup(t, k.path(), c))
                        .orElse(Target.NONE);
        return Target.NONE;
    }

    @Override
    public Detail detail(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Cgroup)) return Detail.NONE;
        if (!(target(s, key) instanceof Target.OfCgroup f)) return Detail.gone("that cgroup");
        return CgroupDetail.of(s, f.tree(), f.path(), f.cgroup());
    }
}
