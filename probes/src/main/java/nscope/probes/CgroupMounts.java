package nscope.probes;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.read.cgroup.Hierarchies;
import nscope.probes.source.Host;

/** The cgroup hierarchies mounted in nscope's mount namespace (v2 first), as the cgroup phase finds them: where a write goes. */
public final class CgroupMounts {
    private CgroupMounts() {}

    public static List<Hierarchy> of(Host host) {
        return Hierarchies.mounted(host, new ArrayList<>());
    }
}
