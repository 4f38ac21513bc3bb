package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Snapshot;
import nscope.views.columns.CgroupCells;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;

/**
 * The cgroups screen: every hierarchy as a tree of cgroups with members,
 * memory, CPU % (between the last two refreshes), pids and pressure, marks
 * for threaded, frozen, OOM kills and pids.max hits (as `nscope cgroups`).
 */
public final class CgroupRows {
    private CgroupRows() {}

    public static final List<Column> COLUMNS = List.of(
            new Column("PROCS", 5, true, "member processes ('-' where the kernel offers none: a threaded cgroup)"),
            new Column("TASKS", 5, true, "member threads ('-': v1 lists not read in a live refresh)"),
            new Column("MEMORY", 13, true, "memory.current/memory.max (v1: usage_in_bytes/limit_in_bytes)"),
            new Column("CPU%", 6, true, "CPU time used between the last two refreshes, in % of one CPU"),
            new Column("PIDS", 9, true, "pids.current/pids.max"),
            new Column("PSI-SOME10", 17, true, "cpu/memory/io pressure: share of time some task stalled, last 10 s"),
            new Column("CGROUP", 0, false, "the tree of cgroups, and what stands out: [threaded], [frozen], [oom_kill N]"));

    public static String hierarchyId(CgroupTree t) { return "h:" + t.hierarchy().device(); }

    public static String cgroupId(CgroupTree t, String path) { return "cg:" + t.hierarchy().device() + ":" + path; }

    /** A cgroup a row stands for: its tree, its path there, and the cgroup. */
    public record Found(CgroupTree tree, String path, Cgroup cgroup) {}

    /** The cgroup a cgroup row's id names (see {@link #cgroupId}) in this snapshot; empty for another row or a cgroup gone. */
    public static java.util.Optional<Found> cgroupOf(Snapshot s, String id) {
        if (id == null || !id.startsWith("cg:")) return java.util.Optional.empty();
        // the device is major:minor: the path starts after its second colon
        String rest = id.substring(3);
        int colon = rest.indexOf(':', rest.indexOf(':') + 1);
        if (colon < 0) return java.util.Optional.empty();
        String device = rest.substring(0, colon), path = rest.substring(colon + 1);
        for (CgroupTree t : s.cgroups().trees())
            if (t.hierarchy().device().equals(device)) return t.cgroup(path).map(c -> new Found(t, path, c));
        return java.util.Optional.empty();
    }

    public static Forest of(Snapshot s, CgroupCpu cpu) {
        List<Node> out = new ArrayList<>();
        for (CgroupTree t : s.cgroups().trees()) {
            Cgroup root = t.cgroup(t.hierarchy().mountRoot()).orElse(null);
            String title = (t.hierarchy().version() == 2 ? "v2" : "v1 " + t.hierarchy().label()) + " on " + t.hierarchy().mountPoint();
            List<Node> kids = root == null ? List.of() : List.of(node(t, root, cpu));
            out.add(new Node(hierarchyId(t), List.of("", "", "", "", "", "", title), kids));
        }
        return new Forest(out);
    }

    private static Node node(CgroupTree t, Cgroup c, CgroupCpu cpu) {
        List<Node> kids = new ArrayList<>();
        for (String k : c.children()) t.cgroup(k).ifPresent(x -> kids.add(node(t, x, cpu)));
        List<String> cells = List.of(CgroupCells.count(c.procs()), CgroupCells.count(c.threads()), CgroupCells.memory(c),
                CgroupCells.percent(cpu.percent(t.hierarchy(), c.path())), CgroupCells.pids(c), CgroupCells.pressure(c),
                c.name());
        return new Node(cgroupId(t, c.path()), cells, CgroupCells.marks(c).strip(), kids);
    }
}
