package nscope.probes.cgroups;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One hierarchy and every cgroup in it, by path. */
public record CgroupTree(Hierarchy hierarchy, Map<String, Cgroup> cgroups) {
    public CgroupTree {
        cgroups = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(cgroups));
    }

    public Optional<Cgroup> cgroup(String path) {
        return Optional.ofNullable(cgroups.get(path));
    }

    /** The controllers this hierarchy offers: v1's own, v2's root cgroup.controllers. */
    public List<String> controllers() {
        if (hierarchy.version() == 1) return hierarchy.controllers();
        return cgroup(hierarchy.mountRoot())
                .flatMap(c -> c.value("cgroup.controllers"))
                .filter(CgValue.Words.class::isInstance)
                .map(v -> ((CgValue.Words) v).words())
                .orElse(List.of());
    }
}
