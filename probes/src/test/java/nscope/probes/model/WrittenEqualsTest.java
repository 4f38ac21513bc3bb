package nscope.probes.model;

import static nscope.testkit.Equality.same;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.mounts.DeviceNumber;
import org.junit.jupiter.api.Test;

/**
 * The records whose equals and hashCode are written out (a record's own costs a cold start its method-handle
 * bootstrap) still mean what a record's do: equal exactly when every component is.
 */
class WrittenEqualsTest {
    @Test
    void equalExactlyWhenEveryComponentIs() {
        same(new NsId(4, 4026531840L), new NsId(4, 4026531840L));
        assertNotEquals(new NsId(4, 4026531840L), new NsId(5, 4026531840L));
        assertNotEquals(new NsId(4, 4026531840L), new NsId(4, 4026531841L));
        assertNotEquals(new NsId(4, 1), "4:1");

        same(new DeviceNumber(0, 29), new DeviceNumber(0, 29));
        assertNotEquals(new DeviceNumber(0, 29), new DeviceNumber(29, 0));
        assertNotEquals(new DeviceNumber(0, 29), new DeviceNumber(0, 30));

        Hierarchy h = new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu", "/", "0:31");
        same(h, new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu", "/", "0:31"));
        assertNotEquals(h, new Hierarchy(2, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu", "/", "0:31"));
        assertNotEquals(h, new Hierarchy(1, List.of("cpu"), "/sys/fs/cgroup/cpu", "/", "0:31"));
        assertNotEquals(h, new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu2", "/", "0:31"));
        assertNotEquals(h, new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu", "/a", "0:31"));
        assertNotEquals(h, new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu", "/", null));
        same(new Hierarchy(2, List.of(), "/x", "/", null), new Hierarchy(2, List.of(), "/x", "/", null));
    }
}
