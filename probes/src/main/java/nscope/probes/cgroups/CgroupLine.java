package nscope.probes.cgroups;

import java.util.Arrays;
import java.util.List;

/**
 * One line of /proc/PID/cgroup: hierarchy ID (0 for v2), its controllers
 * ("" for v2), and the cgroup's path relative to the reader's cgroup
 * namespace root (it starts with "/.." when the cgroup lies outside it).
 */
public record CgroupLine(int id, String controllers, String path) {
    public List<String> controllerList() {
        return controllers.isEmpty() ? List.of() : Arrays.asList(controllers.split(","));
    }

    @Override
    public String toString() {
        return id + ":" + controllers + ":" + path;
    }
}
