package nscope.views.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.views.text.TextTable.Column;

/**
 * One cgroup hierarchy as a tree, like systemd-cgls, with the figures
 * systemd-cgls leaves out: PROCS and TASKS (member processes and threads),
 * MEMORY (current/limit), CPU% (between two scans, when there were two), PIDS (current/max) and
 * PSI (cpu/memory/io "some" avg10). A column the hierarchy does not offer
 * is left out. With processes, each cgroup's member processes are listed
 * under it, "PID COMMAND", as systemd-cgls does.
 */
public final class CgroupTreeText {
    private CgroupTreeText() {}

    /** The title line of a hierarchy: "memory on /sys/fs/cgroup/memory", "v2 on ... (controllers: ...)". */
    public static String title(CgroupTree t) {
        StringBuilder b = new StringBuilder("cgroup ");
        b.append(t.hierarchy().version() == 2 ? "v2" : "v1 " + t.hierarchy().label());
        b.append(" on ").append(t.hierarchy().mountPoint());
        if (!t.hierarchy().mountRoot().equals("/")) b.append(" (its ").append(t.hierarchy().mountRoot()).append(")");
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
    public static String render(CgroupTree tree, String from, CgroupCpu cpu, IntFunction<String> processes, boolean headings) {
        return render(tree, from, cpu, processes, headings, java.util.Map.of());
    }

    /** @param containers cgroup path -> the name of the nscope container it is, shown as [ctr NAME] */
    public static String render(CgroupTree tree, String from, CgroupCpu cpu, IntFunction<String> processes, boolean headings,
                                java.util.Map<String, String> containers) {
        Cgroup top = tree.cgroup(from).orElseThrow(() -> new IllegalArgumentException("no cgroup " + from));
        List<Cgroup> all = new ArrayList<>();
        collect(tree, top, all);
        boolean mem = all.stream().anyMatch(c -> !CgroupCells.memory(c).isEmpty());
        // CPU % needs two scans: no column when there was one (a recorded fixture, --interval 0)
        boolean cpuCol = all.stream().anyMatch(c -> cpu.percent(tree.hierarchy(), c.path()).isPresent());
        boolean pids = all.stream().anyMatch(c -> !CgroupCells.pids(c).isEmpty());
        boolean psi = all.stream().anyMatch(c -> !CgroupCells.pressure(c).isEmpty());
        List<Column> cols = new ArrayList<>(List.of(new Column("PROCS", true), new Column("TASKS", true)));
        if (mem) cols.add(new Column("MEMORY", true));
        if (cpuCol) cols.add(new Column("CPU%", true));
        if (pids) cols.add(new Column("PIDS", true));
        if (psi) cols.add(new Column("PSI-SOME10", true));
        cols.add(new Column("CGROUP", false));
        TextTable t = new TextTable(cols);
        add(t, tree, top, top.path(), "", "", cpu, processes, mem, cpuCol, pids, psi, containers);
        return t.render(headings);
    }

    private static void collect(CgroupTree tree, Cgroup c, List<Cgroup> out) {
        out.add(c);
        for (String k : c.children()) tree.cgroup(k).ifPresent(x -> collect(tree, x, out));
    }

    private static void add(TextTable t, CgroupTree tree, Cgroup c, String name, String branch, String under, CgroupCpu cpu,
                            IntFunction<String> processes, boolean mem, boolean cpuCol, boolean pids, boolean psi,
                            java.util.Map<String, String> containers) {
        List<String> row = new ArrayList<>(List.of(CgroupCells.count(c.procs()), CgroupCells.count(c.threads())));
        if (mem) row.add(CgroupCells.memory(c));
        if (cpuCol) row.add(CgroupCells.percent(cpu.percent(tree.hierarchy(), c.path())));
        if (pids) row.add(CgroupCells.pids(c));
        if (psi) row.add(CgroupCells.pressure(c));
        String ctr = containers.get(c.path());
        row.add(branch + name.replace(" ", "\\x20") + CgroupCells.marks(c) + (ctr == null ? "" : " [ctr " + Escape.terminal(ctr) + "]"));
        t.add(row.toArray());
        List<Cgroup> kids = new ArrayList<>();
        for (String k : c.children()) tree.cgroup(k).ifPresent(kids::add);
        List<Integer> members = processes != null && c.procs().known() ? c.procs().get() : List.of();
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
            add(t, tree, k, k.name(), under + (last ? "└─" : "├─"), under + (last ? "  " : "│ "), cpu, processes, mem, cpuCol, pids, psi,
                    containers);
        }
    }
}
