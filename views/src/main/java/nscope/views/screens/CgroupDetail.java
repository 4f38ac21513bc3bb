package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.columns.CgroupCells;
import nscope.views.tree.RowKey;

/**
 * What the cgroups screen's detail says about one cgroup: where it is, each
 * figure its hierarchy offers with its unit (none left dangling where the
 * hierarchy has no such figure), the pressure with every average labelled,
 * how many members, and a link to each member process and to each thread
 * that sits in it apart from its process.
 */
final class CgroupDetail {
    private CgroupDetail() {}

    /** At most this many links of each kind. */
    static final int SHOWN = 20;

    private static final String[] PRESSURE = {"cpu", "memory", "io"};

    static Detail of(Snapshot s, CgroupTree t, String path, Cgroup c) {
        Hierarchy h = t.hierarchy();
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add(
                (h.version() == 2 ? "v2" : "v1 " + h.label()) + ":" + path + (c.id() != 0 ? " (id " + c.id() + ")" : "")
                        + ", mounted on " + h.mountPoint() + CgroupCells.marks(c));
        String figures = figures(c);
        if (!figures.isEmpty()) lines.add(figures);
        lines.add("members: " + count(c.procs(), "process", "processes") + ", "
                + count(c.threads(), "thread", "threads") + " (threads include each process's leader)");
        if (!c.procs().known()) lines.add("processes: " + c.procs().why().detail());
        if (!c.threads().known()) lines.add("threads: " + c.threads().why().detail());
        for (String res : PRESSURE) pressure(c, res).ifPresent(lines::add);
        if (c.procs().known()) processes(s, h, path, c, links);
        if (c.threads().known()) threadsApart(s, h, path, c, links);
        return new Detail(lines, links);
    }

    /** "memory 12.3M in use of a 512M limit, pids 3 of at most 16": the figures this hierarchy offers, with units. */
    static String figures(Cgroup c) {
        List<String> parts = new ArrayList<>();
        Optional<Long> mem = CgroupFigures.memoryCurrent(c);
        Optional<CgValue.Num> memMax = CgroupFigures.memoryLimit(c);
        if (mem.isPresent() || memMax.isPresent())
            parts.add("memory " + mem.map(CgroupCells::bytes).orElse("?") + " in use"
                    + memMax.map(m -> m.unlimited() ? ", no limit" : " of a " + CgroupCells.bytes(m.value()) + " limit")
                            .orElse(""));
        Optional<Long> pids = CgroupFigures.pidsCurrent(c);
        Optional<CgValue.Num> pidsMax = CgroupFigures.pidsMax(c);
        if (pids.isPresent() || pidsMax.isPresent())
            parts.add("pids " + pids.map(String::valueOf).orElse("?") + " tasks"
                    + pidsMax.map(m -> m.unlimited() ? ", no limit" : " of at most " + Long.toUnsignedString(m.value()))
                            .orElse(""));
        CgroupFigures.cpuUsageUsec(c)
                .ifPresent(u -> parts.add("CPU time " + String.format(Locale.ROOT, "%.2f", u / 1e6) + " s in all"));
        return String.join(", ", parts);
    }

    private static String count(nscope.probes.readout.Readout<List<Integer>> r, String one, String many) {
        if (!r.known()) return "? " + many;
        int n = r.get().size();
        return n + " " + (n == 1 ? one : many);
    }

    /** "cpu pressure (% of time stalled): some avg10 28.61 avg60 0.00 avg300 0.00; full ..." */
    static Optional<String> pressure(Cgroup c, String res) {
        return c.value(res + ".pressure")
                .filter(CgValue.Pressure.class::isInstance)
                .map(v -> {
                    CgValue.Pressure p = (CgValue.Pressure) v;
                    return res + " pressure (% of time stalled): some " + averages(p.some())
                            + (p.full() != null ? "; full " + averages(p.full()) : "");
                });
    }

    private static String averages(CgValue.Line l) {
        return String.format(Locale.ROOT, "avg10 %.2f avg60 %.2f avg300 %.2f", l.avg10(), l.avg60(), l.avg300());
    }

    /** A link to each member process; one there only through a thread of it says so. */
    private static void processes(Snapshot s, Hierarchy h, String path, Cgroup c, List<Link> links) {
        int shown = 0;
        for (int pid : c.procs().get()) {
            Task p = s.leader(pid).orElse(null);
            if (p == null) continue;
            if (shown++ == SHOWN) break;
            String own = s.cgroups().pathOf(pid, pid, h).orElse(null);
            String why = own == null || own.equals(path) ? "" : " (only a thread of it is here; it is in " + own + ")";
            links.add(new Link("process " + pid + " " + p.comm() + why, RowKey.Task.process(p)));
        }
    }

    /** A link to each thread in this cgroup whose process is in another one of this hierarchy. */
    private static void threadsApart(Snapshot s, Hierarchy h, String path, Cgroup c, List<Link> links) {
        int shown = 0;
        for (int tid : c.threads().get()) {
            Task t = s.task(tid).orElse(null);
            if (t == null || t.leader()) continue;
            String its = s.cgroups().pathOf(t.tgid(), t.tgid(), h).orElse(null);
            if (its == null || its.equals(path)) continue;
            if (shown++ == SHOWN) break;
            links.add(new Link(
                    "thread " + tid + " {" + t.comm() + "} of PID " + t.tgid() + ", apart from its process (in " + its
                            + ")",
                    RowKey.Task.thread(t)));
        }
    }
}
