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
        // every figure of every row worked out once; a figure no cgroup here has is left out (CPU % needs two
        // scans: none for a recorded fixture or --interval 0)
        // by identity, not List.remove: Column is a record, whose equals() is made by a bootstrap method at its
        // first call (30 ms cold)
        List<Column<CgroupRow>> figures = new ArrayList<>();
        for (Column<CgroupRow> c : CgroupColumns.ALL) if (c != CgroupColumns.CGROUP) figures.add(c);
        List<String[]> rows = new ArrayList<>();
        boolean[] shown = new boolean[figures.size()];
        add(rows, shown, new CgroupRow(tree, top, cpu), top.path(), "", "", figures, processes, containers);
        List<Column<CgroupRow>> cols = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) if (shown[i]) cols.add(figures.get(i));
        cols.add(CgroupColumns.CGROUP);
        TextTable t = new TextTable(cols);
        for (String[] r : rows) {
            Object[] cells = new Object[cols.size()];
            int k = 0;
            for (int i = 0; i < figures.size(); i++) if (shown[i]) cells[k++] = r[i] == null ? "" : r[i];
            cells[k] = r[figures.size()];
            t.add(cells);
        }
        return t.render(headings);
    }

    /**
     * A cgroup's row (its figures, then its name after {@code branch}), its member processes' rows (null
     * figures) and its children's (drawn after {@code under}); marks each figure some cgroup has in shown.
     */
    private static void add(
            List<String[]> rows,
            boolean[] shown,
            CgroupRow r,
            String name,
            String branch,
            String under,
            List<Column<CgroupRow>> figures,
            IntFunction<String> processes,
            java.util.Map<String, String> containers) {
        Cgroup c = r.cgroup();
        int n = figures.size();
        String[] row = new String[n + 1];
        for (int i = 0; i < n; i++) {
            row[i] = figures.get(i).text(r, "");
            shown[i] |= !row[i].isEmpty();
        }
        String ctr = containers.get(c.path());
        row[n] = branch
                + name.replace(" ", "\\x20")
                + CgroupCells.marks(c)
                + (ctr == null ? "" : " [ctr " + Escape.terminal(ctr) + "]");
        rows.add(row);
        List<Cgroup> kids = new ArrayList<>();
        for (String k : c.children()) r.tree().cgroup(k).ifPresent(kids::add);
        List<Integer> members =
                processes != null && c.procs().known() ? c.procs().get() : List.of();
        int count = members.size() + kids.size();
        int i = 0;
        for (int pid : members) {
            boolean last = ++i == count;
            String[] prow = new String[n + 1];
            String cmd = processes.apply(pid);
            prow[n] = under + (last ? "└─" : "├─") + pid + (cmd == null || cmd.isEmpty() ? "" : " " + cmd);
            rows.add(prow);
        }
        for (Cgroup k : kids) {
            boolean last = ++i == count;
            add(
                    rows,
                    shown,
                    new CgroupRow(r.tree(), k, r.cpu()),
                    k.name(),
                    under + (last ? "└─" : "├─"),
                    under + (last ? "  " : "│ "),
                    figures,
                    processes,
                    containers);
        }
    }
}
