package nscope.views.columns;

import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.views.columns.Column.Align;

/**
 * The cgroup columns: the cgroups screen and `nscope cgroups` (text) draw
 * these. `nscope cgroups -J` writes every interface file as read, by its own
 * name, not these short cells: so none has a JSON name.
 */
public final class CgroupColumns {
    private CgroupColumns() {}

    /** A cgroup, its tree, and the CPU use between the last two reads. */
    public record CgroupRow(CgroupTree tree, Cgroup cgroup, CgroupCpu cpu) {}

    public static final Column<CgroupRow> PROCS = new Column<>(
            "PROCS",
            5,
            Align.RIGHT,
            null,
            null,
            "member processes: each whose /proc/PID/cgroup names it, and (v1) each with a thread in it;"
                    + " '-' where the kernel offers none (a v2 threaded cgroup)",
            r -> CgroupCells.count(r.cgroup().procs()));
    public static final Column<CgroupRow> TASKS = new Column<>(
            "TASKS",
            5,
            Align.RIGHT,
            null,
            null,
            "member threads (v2 cgroup.threads; v1 tasks, or each thread's own /proc/PID/task/TID/cgroup);"
                    + " '-' where not read (a scan of processes only), '?' where a read failed",
            r -> CgroupCells.count(r.cgroup().threads()));
    public static final Column<CgroupRow> MEMORY = new Column<>(
            "MEMORY",
            13,
            Align.RIGHT,
            null,
            null,
            "memory in use / its limit, bytes in binary units (v2 memory.current/memory.max,"
                    + " v1 memory.usage_in_bytes/memory.limit_in_bytes; max: no limit)",
            r -> CgroupCells.memory(r.cgroup()));
    public static final Column<CgroupRow> CPU = new Column<>(
            "CPU%",
            6,
            Align.RIGHT,
            null,
            null,
            "CPU time it and its children used between the last two reads, in % of one CPU (200.0: two CPUs' worth); blank until a second read",
            r -> CgroupCells.percent(
                    r.cpu().percent(r.tree().hierarchy(), r.cgroup().path())));
    public static final Column<CgroupRow> PIDS = new Column<>(
            "PIDS",
            9,
            Align.RIGHT,
            null,
            null,
            "tasks (processes and threads) counted by the pids controller / its limit (pids.current/pids.max;"
                    + " max: no limit)",
            r -> CgroupCells.pids(r.cgroup()));
    public static final Column<CgroupRow> PSI = new Column<>(
            "PSI-SOME10",
            17,
            Align.RIGHT,
            null,
            null,
            "pressure stall, 'some' avg10 of cpu/memory/io: % of the last 10 s in which some task of it"
                    + " waited for that resource ('-': that file not offered; the detail gives avg60 and avg300)",
            r -> CgroupCells.pressure(r.cgroup()));
    public static final Column<CgroupRow> CGROUP = new Column<>(
            "CGROUP",
            0,
            Align.LEFT,
            null,
            null,
            "each hierarchy (v2, or v1 with its controllers) as a tree of cgroups, a child under its parent; then what stands out: [threaded], [frozen], [oom_kill N] processes killed for lack of memory, [pids.max hit N] forks refused",
            r -> r.cgroup().name());

    /** Every column, in the order both the screen and the text show them (the text leaves out those no cgroup fills). */
    public static final List<Column<CgroupRow>> ALL = List.of(PROCS, TASKS, MEMORY, CPU, PIDS, PSI, CGROUP);
}
