package nscope.probes.cgroups;

import java.util.Optional;

/**
 * The headline figures of a cgroup, from whichever file its hierarchy
 * offers: v2's names first, then v1's. Each says which file it came from
 * only through its value; nothing is made up when neither file is there.
 */
public final class CgroupFigures {
    private CgroupFigures() {}

    /**
     * Every interface file the figures here read (and v2's root cgroup.controllers, which {@link CgroupTree}
     * reads): all that `nscope cgroups` prints as text needs, a third of the files a whole scan reads.
     */
    public static final java.util.Set<String> FILES = java.util.Set.of(
            "cgroup.controllers",
            "cgroup.type",
            "cgroup.events",
            "memory.current",
            "memory.usage_in_bytes",
            "memory.max",
            "memory.limit_in_bytes",
            "memory.events",
            "memory.oom_control",
            "cpu.stat",
            "cpuacct.usage",
            "pids.current",
            "pids.max",
            "pids.events",
            "freezer.state",
            "cpu.pressure",
            "memory.pressure",
            "io.pressure");

    /** The files only CPU % reads (two scans: `nscope cgroups --interval`); the text of one scan goes without. */
    public static final java.util.Set<String> CPU_FILES = java.util.Set.of("cpu.stat", "cpuacct.usage");

    /** {@link #FILES} without {@link #CPU_FILES}: what a text without CPU % shows (400 reads fewer on 200 containers). */
    public static final java.util.Set<String> FILES_WITHOUT_CPU = without(FILES, CPU_FILES);

    private static java.util.Set<String> without(java.util.Set<String> all, java.util.Set<String> less) {
        java.util.Set<String> out = new java.util.HashSet<>(all);
        out.removeAll(less);
        return java.util.Set.copyOf(out);
    }

    /** memory.current (v2) or memory.usage_in_bytes (v1), in bytes. */
    public static Optional<Long> memoryCurrent(Cgroup c) {
        return first(c.num("memory.current"), c.num("memory.usage_in_bytes")).map(CgValue.Num::value);
    }

    /** memory.max (v2) or memory.limit_in_bytes (v1); its value is null when unlimited. */
    public static Optional<CgValue.Num> memoryLimit(Cgroup c) {
        return first(c.num("memory.max"), c.num("memory.limit_in_bytes"));
    }

    /** CPU time used by the cgroup and its descendants, in microseconds: cpu.stat usage_usec (v2) or cpuacct.usage (v1, ns). */
    public static Optional<Long> cpuUsageUsec(Cgroup c) {
        Optional<Long> v2 = c.field("cpu.stat", "usage_usec");
        if (v2.isPresent()) return v2;
        return c.num("cpuacct.usage").map(n -> n.value() == null ? null : Long.divideUnsigned(n.value(), 1000));
    }

    public static Optional<Long> pidsCurrent(Cgroup c) {
        return c.num("pids.current").map(CgValue.Num::value);
    }

    public static Optional<CgValue.Num> pidsMax(Cgroup c) {
        return c.num("pids.max");
    }

    /** Frozen: v2 cgroup.events "frozen 1"; v1 freezer.state FROZEN (FREEZING counts as not yet). */
    public static Optional<Boolean> frozen(Cgroup c) {
        Optional<Long> v2 = c.field("cgroup.events", "frozen");
        if (v2.isPresent()) return Optional.of(v2.get() == 1);
        return c.value("freezer.state").map(v -> ((CgValue.Text) v).text().equals("FROZEN"));
    }

    /** v2 cgroup.events "populated": a live process in it or below. */
    public static Optional<Boolean> populated(Cgroup c) {
        return c.field("cgroup.events", "populated").map(v -> v == 1);
    }

    /** v2 cgroup.type: domain, threaded, "domain threaded", "domain invalid" (absent on the root). */
    public static Optional<String> type(Cgroup c) {
        return c.value("cgroup.type").map(v -> ((CgValue.Text) v).text());
    }

    /** OOM kills: v2 memory.events oom_kill, v1 memory.oom_control oom_kill. */
    public static Optional<Long> oomKills(Cgroup c) {
        return first(c.field("memory.events", "oom_kill"), c.field("memory.oom_control", "oom_kill"));
    }

    /** How often a fork failed on pids.max (pids.events "max"). */
    public static Optional<Long> pidsMaxHits(Cgroup c) {
        return c.field("pids.events", "max");
    }

    /** A PSI file's "some" avg10, in percent. */
    public static Optional<Double> pressureSome10(Cgroup c, String file) {
        return c.value(file)
                .filter(CgValue.Pressure.class::isInstance)
                .map(v -> ((CgValue.Pressure) v).some().avg10());
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... options) {
        for (Optional<T> o : options) if (o.isPresent()) return o;
        return Optional.empty();
    }
}
