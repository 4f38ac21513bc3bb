package nscope.probes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.phase.CgroupsPhase;
import nscope.probes.phase.FactsPhase;
import nscope.probes.phase.FdHoldersPhase;
import nscope.probes.phase.MountFactsPhase;
import nscope.probes.phase.MountHoldersPhase;
import nscope.probes.phase.MountTablesPhase;
import nscope.probes.phase.NamespacesPhase;
import nscope.probes.phase.RelationsPhase;
import nscope.probes.phase.Scan;
import nscope.probes.phase.ScanPhase;
import nscope.probes.phase.TasksPhase;
import nscope.probes.phase.UserNamesPhase;
import nscope.probes.read.TaskReader;
import nscope.probes.source.Host;

/**
 * Builds one {@link Snapshot} of a {@link Host} by running its scan phases
 * in a fixed order over one {@link Scan} ({@link #PHASES}: every phase, and
 * which of the optional {@link Phase}s asked for make it run). Never throws
 * for anything the host does; what it could not read is in
 * {@link Snapshot#problems()} or in a task's unknown fields.
 */
public final class Collector {
    /** The optional phases, beyond tasks and their links. */
    public enum Phase {
        /** Namespaces held by open file descriptors (/proc/PID/fd) and by nsfs bind mounts. */
        HOLDERS,
        /** Parents and owners (nsfs ioctls); namespaces reached only that way become nodes. */
        RELATIONS,
        /** Every cgroup hierarchy as a tree, with members, limits, usage, pressure, and each process's cgroups. */
        CGROUPS,
        /**
         * With CGROUPS: every v1 cgroup's thread list (tasks), the kernel's own.
         * A v1 thread may sit apart from its process; the kernel builds each
         * list under one global lock, a task at a time, so on a host with many
         * v1 cgroups it costs more than all the rest of the cgroup phase, and
         * a live refresh leaves it out: a scan of every task then places each
         * thread by whichever costs less, its own /proc/PID/task/TID/cgroup or
         * the tasks lists (see CgroupsPhase). v2 thread lists (cgroup.threads)
         * are always read.
         */
        CGROUP_THREADS,
        /** What each namespace holds: hostname, interfaces, IPC objects, id maps, time offsets, pid level, cgroup roots, mount tables. */
        FACTS
    }

    /** One row of the phase table: how this collector gets the phase, and what asked for makes it run. */
    private record Row(Function<Collector, ScanPhase> phase, Set<Phase> when) {}

    private static final Set<Phase> ALWAYS = EnumSet.noneOf(Phase.class);

    /**
     * Every scan phase, in the order it runs (as lxkns lists its
     * discoverers), with the optional phases that make it run: any one of
     * them asked for; none listed: it always runs.
     */
    private static final List<Row> PHASES = List.of(
            new Row(c -> new TasksPhase(), ALWAYS),
            new Row(c -> new NamespacesPhase(), ALWAYS),
            new Row(c -> new FdHoldersPhase(), EnumSet.of(Phase.HOLDERS)),
            new Row(c -> new MountTablesPhase(), EnumSet.of(Phase.HOLDERS, Phase.FACTS)),
            new Row(c -> new MountHoldersPhase(), EnumSet.of(Phase.HOLDERS)),
            new Row(c -> new RelationsPhase(), EnumSet.of(Phase.RELATIONS)),
            new Row(c -> c.cgroups, EnumSet.of(Phase.CGROUPS)),
            new Row(c -> new FactsPhase(), EnumSet.of(Phase.FACTS)),
            new Row(c -> new MountFactsPhase(), EnumSet.of(Phase.FACTS)),
            new Row(c -> new UserNamesPhase(), ALWAYS));

    private final Host host;
    private final Scope scope;
    /** Whether the tasks' namespace links are read (not for cgroupsAlone). */
    private final boolean links;
    /** This collector's cgroup phase: it keeps the cgroup namespaces' roots between scans. */
    private final CgroupsPhase cgroups;

    private final List<ScanPhase> phases;
    private volatile long cgroupNanos = -1;

    /** A collector of everything: every task (threads included) and every phase. */
    public Collector(Host host) {
        this(host, Scope.TASKS, EnumSet.allOf(Phase.class));
    }

    /** Tasks and their links only (what lsns reads, and the foundation snapshot). */
    public Collector(Host host, Scope scope) {
        this(host, scope, EnumSet.noneOf(Phase.class));
    }

    /** A collector that runs exactly these phases (see {@link #cgroupsAlone}). */
    private Collector(Host host, CgroupsPhase cgroups, List<ScanPhase> phases) {
        this.host = host;
        this.scope = Scope.PROCESSES;
        this.links = false;
        this.cgroups = cgroups;
        this.phases = List.copyOf(phases);
    }

    /**
     * The cgroup hierarchies and their member processes alone, what `nscope
     * cgroups` prints as text: the list of processes in /proc (none of their
     * files, no namespace links) and the cgroup phase without the cgroup
     * namespaces' roots (a hop into each, and libc bound for it). A one-shot
     * command's cold start pays for every file read and class loaded, so the
     * rest of a scan is left out; its snapshot holds no tasks or namespaces.
     *
     * @param v1Threads read every v1 cgroup's tasks list (see {@link Phase#CGROUP_THREADS})
     * @param only      walk only the hierarchies this --hierarchy name picks (the others are there, with no
     *                  cgroups); null: every one
     * @param files     read only these interface files (e.g. {@link nscope.probes.cgroups.CgroupFigures#FILES},
     *                  all the text shows); null: every one
     */
    public static Collector cgroupsAlone(Host host, boolean v1Threads, String only, Set<String> files) {
        CgroupsPhase c = CgroupsPhase.processListOnly(v1Threads, only, files);
        return new Collector(host, c, List.of(TasksPhase.listOnly(), c));
    }

    public Collector(Host host, Scope scope, Set<Phase> asked) {
        this.host = host;
        this.scope = scope;
        this.links = true;
        this.cgroups = new CgroupsPhase(asked.contains(Phase.CGROUP_THREADS));
        List<ScanPhase> run = new ArrayList<>();
        for (Row r : PHASES)
            if (r.when().isEmpty() || r.when().stream().anyMatch(asked::contains))
                run.add(r.phase().apply(this));
        this.phases = List.copyOf(run);
    }

    /**
     * Thread group leaders with their namespace links, nothing else: the live
     * screen's first frame (every process and its namespaces), drawn before
     * the first whole scan, which reads every thread, descriptor, mount table
     * and cgroup (seconds on a host with 12,000 tasks, a tenth of that here).
     */
    public static Collector processesFirst(Host host) {
        return new Collector(host, Scope.PROCESSES);
    }

    public Host host() {
        return host;
    }

    /** How long the cgroup phase of the last collection took, in nanoseconds; -1 when it did not run. */
    public long lastCgroupNanos() {
        return cgroupNanos;
    }

    public Snapshot collect() {
        Scan scan = new Scan(host, scope, new TaskReader(host, scope, links));
        for (ScanPhase p : phases) p.run(scan);
        cgroupNanos = scan.cgroupNanos();
        return scan.snapshot();
    }

    /** The phases this collector runs, in order. */
    List<ScanPhase> phases() {
        return phases;
    }

    /** This collector's cgroup phase, whether it runs it or not (a refresher runs it on its own scans). */
    CgroupsPhase cgroupsPhase() {
        return cgroups;
    }
}
