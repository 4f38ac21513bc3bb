package nscope.probes.cgroups;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU % of each cgroup between two scans: the CPU time it used in between
 * over the wall time in between, in percent of one CPU (as top and
 * systemd-cgtop show it: a cgroup busy on two CPUs shows 200).
 */
public final class CgroupCpu {
    private final Map<String, Double> percent = new HashMap<>();

    private CgroupCpu() {}

    /** CPU % from an earlier scan to a later one; a cgroup in only one of them has none. */
    public static CgroupCpu between(Cgroups earlier, Cgroups later) {
        CgroupCpu out = new CgroupCpu();
        long wall = later.sampledNanos() - earlier.sampledNanos();
        if (wall <= 0) return out;
        for (CgroupTree t : later.trees()) {
            CgroupTree before = earlier.trees().stream()
                    .filter(b -> b.hierarchy().equals(t.hierarchy()))
                    .findFirst()
                    .orElse(null);
            if (before == null) continue;
            for (Cgroup c : t.cgroups().values()) {
                Optional<Long> now = CgroupFigures.cpuUsageUsec(c);
                Optional<Long> then = before.cgroup(c.path()).flatMap(CgroupFigures::cpuUsageUsec);
                if (now.isEmpty() || then.isEmpty() || now.get() == null || then.get() == null) continue;
                long used = now.get() - then.get();
                if (used < 0) continue; // a cgroup removed and made again under the same path
                out.percent.put(key(t.hierarchy(), c.path()), used * 1000.0 * 100.0 / wall);
            }
        }
        return out;
    }

    /** No second scan: no CPU % for anything. */
    public static CgroupCpu none() {
        return new CgroupCpu();
    }

    public Optional<Double> percent(Hierarchy h, String path) {
        return Optional.ofNullable(percent.get(key(h, path)));
    }

    private static String key(Hierarchy h, String path) {
        return h.device() + "\u0000" + path;
    }
}
