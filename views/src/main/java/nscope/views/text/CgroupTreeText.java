package nscope.views.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.views.columns.CgroupCells;
import nscope.views.columns.CgroupColumns;
import nscope.views.columns.CgroupColumns.CgroupRow;
import nscope.views.columns.Column;

/**
 * One cgroup hierarchy as a tree, like systemd-cgls, with the figures
 * systemd-cgls leaves out: PROCS and TASKS (member processes and threads),
 * MEMORY (current/limit), CPU% (between two scans, when there were two), PIDS (current/max) and
 * PSI (cpu/memory/io "some" avg10). A column the hierarchy does not offer
 * is left out. With processes, each cgroup's member processes are listed
 * under it, "PID COMMAND", as systemd-cgls does. The columns are
 * {@link CgroupColumns#ALL}'s.
 */
public final class CgroupTreeText {
    private CgroupTreeText() {}

    /** The title line of a hierarchy: "memory on /sys/fs/cgroup/memory", "v2 on ... (controllers: ...)". */
    public static String title(CgroupTree t) {
        StringBuilder b = new StringBuilder("cgroup ");
        b.append(t.hierarchy().version() == 2 ? "v2" : "v1 " + t.hierarchy().label());
        b.append(" on ").append(t.hierarchy().mountPoint());
        if (!t.hierarchy().mountRoot().equals("/"))
            b.append(" (its ").append(t.hierarchy().mountRoot()).append(")");
        if (t.hierarchy().version() == 2) {
            List<String> c = t.controllers();
            b.append(c.isEmpty() ? " (no controllers)" : " (controllers: " + String.join(" ", c) + ")");
        }
        return Escape.terminal(b.toString());
    }

    /**
     * @param from      the path of the subtree to draw ("/" for all of it)
     * @param processes the command of a process by PID, or null to list no processes
     */
    public static String render(
            CgroupTree tree, String from, CgroupCpu cpu, IntFunction<String> processes, boolean headings) {
        return render(tree, from, cpu, processes, headings, java.util.Map.of());
    }

    /** @param containers cgroup path -> the name of the nscope container it is, shown as [ctr NAME] */
    public static String render(
            CgroupTree tree,
            String from,
            CgroupCpu cpu,
            IntFunction<String> processes,
            boolean headings,
            java.util.Map<String, String> containers) {
        Cgroup top = tree.cgroup(from).orElseThrow(() -> new IllegalArgumentException("no cgroup " + from));
        List<Cgroup> all = new ArrayList<>();
        collect(tree, top, all);
        // a figure no cgroup here has is left out (CPU % needs two scans: none for a recorded fixture or --interval 0)
        List<Column<CgroupRow>> cols = new ArrayList<>();
        for (Column<CgroupRow> c : CgroupColumns.ALL)
            if (c == CgroupColumns.CGROUP
                    || all.stream()
                            .anyMatch(x ->
                                    !c.text(new CgroupRow(tree, x, cpu), "").isEmpty())) cols.add(c);
        TextTable t = new TextTable(cols);
        add(t, new CgroupRow(tree, top, cpu), top.path(), "", "", cols, processes, containers);
        return t.render(headings);
    }

    private static void collect(CgroupTree tree, Cgroup c, List<Cgroup> out) {
        out.add(c);
        for (String k : c.children()) tree.cgroup(k).ifPresent(x -> collect(tree, x, out));
    }

    /** A cgroup's row (its name after {@code branch}), its member processes and its children (drawn after {@code under}). */
    private static void add(
            TextTable t,
            CgroupRow r,
            String name,
            String branch,
            String under,
            List<Column<CgroupRow>> cols,
            IntFunction<String> processes,
            java.util.Map<String, String> containers) {
        Cgroup c = r.cgroup();
        List<String> row = new ArrayList<>();
        for (Column<CgroupRow> col : cols) if (col != CgroupColumns.CGROUP) row.add(col.text(r, ""));
        String ctr = containers.get(c.path());
        row.add(branch
                + name.replace(" ", "\\x20")
                + CgroupCells.marks(c)
                + (ctr == null ? "" : " [ctr " + Escape.terminal(ctr) + "]"));
        t.add(row.toArray());
        List<Cgroup> kids = new ArrayList<>();
        for (String k : c.children()) r.tree().cgroup(k).ifPresent(kids::add);
        List<Integer> members =
                processes != null && c.procs().known() ? c.procs().get() : List.of();
        int n = members.size() + kids.size();
        int i = 0;
        for (int pid : members) {
            boolean last = ++i == n;
            List<String> prow = new ArrayList<>();
            for (int k = 0; k < row.size() - 1; k++) prow.add("");
            String cmd = processes.apply(pid);
            prow.add(under + (last ? "└─" : "├─") + pid + (cmd == null || cmd.isEmpty() ? "" : " " + cmd));
            t.add(prow.toArray());
        }
        for (Cgroup k : kids) {
            boolean last = ++i == n;
            add(
                    t,
                    new CgroupRow(r.tree(), k, r.cpu()),
                    k.name(),
                    under + (last ? "└─" : "├─"),
                    under + (last ? "  " : "│ "),
                    cols,
                    processes,
                    containers);
        }
    }
}
