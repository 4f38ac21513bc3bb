package nscope.probes.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.NsFacts;
import org.junit.jupiter.api.Test;

class CgroupNsPathsTest {
    @Test
    void pathsSeenFromARootAreWrittenAsTheKernelDoes() {
        assertEquals("/", CgroupNsPaths.relative("/a/b", "/a/b"));
        assertEquals("/c", CgroupNsPaths.relative("/a/b/c", "/a/b"));
        assertEquals("/../c", CgroupNsPaths.relative("/a/c", "/a/b"));
        assertEquals("/..", CgroupNsPaths.relative("/a", "/a/b"));
        assertEquals("/../../x", CgroupNsPaths.relative("/x", "/a/b"));
        assertEquals("/a/b", CgroupNsPaths.relative("/a/b", "/"));
        assertEquals("/../ab", CgroupNsPaths.relative("/ab", "/a"), "a prefix of a name is not an ancestor");
    }

    @Test
    void aNamespaceRootIsTheHostPathWithTheInsidePathTakenOff() {
        NsFacts.Cgroup c = new NsFacts.Cgroup(
                7,
                List.of(
                        new CgroupLine(0, "", "/inner"),
                        new CgroupLine(4, "memory", "/"),
                        new CgroupLine(5, "pids", "/../x")),
                List.of(
                        new CgroupLine(0, "", "/docker/abc/inner"),
                        new CgroupLine(4, "memory", "/docker/abc"),
                        new CgroupLine(5, "pids", "/x")));
        assertEquals(
                List.of(new CgroupLine(0, "", "/docker/abc"), new CgroupLine(4, "memory", "/docker/abc")),
                c.roots(),
                "a path climbing out of the root tells nothing about it");
        NsFacts.Cgroup moved = new NsFacts.Cgroup(
                7, List.of(new CgroupLine(0, "", "/inner")), List.of(new CgroupLine(0, "", "/elsewhere")));
        assertEquals(List.of(), moved.roots(), "the task moved between the two reads");
        NsFacts.Cgroup partial =
                new NsFacts.Cgroup(7, List.of(new CgroupLine(0, "", "/b")), List.of(new CgroupLine(0, "", "/ab")));
        assertEquals(List.of(), partial.roots(), "a suffix that is not a whole component");
    }

    @Test
    void hierarchiesMatchLinesAndNames() {
        Hierarchy cpu = new Hierarchy(1, List.of("cpu", "cpuacct"), "/sys/fs/cgroup/cpu,cpuacct", "/", "0:27");
        Hierarchy sd = new Hierarchy(1, List.of("name=systemd"), "/sys/fs/cgroup/systemd", "/", "0:23");
        Hierarchy v2 = new Hierarchy(2, List.of(), "/sys/fs/cgroup/unified", "/", "0:30");
        assertTrue(cpu.matches(new CgroupLine(3, "cpu,cpuacct", "/")));
        assertTrue(cpu.matches(new CgroupLine(3, "cpuacct,cpu", "/")));
        assertFalse(cpu.matches(new CgroupLine(3, "cpu", "/")));
        assertTrue(v2.matches(new CgroupLine(0, "", "/")));
        assertFalse(sd.matches(new CgroupLine(0, "", "/")));
        assertTrue(cpu.named("cpuacct", List.of()) && cpu.named("cpu,cpuacct", List.of()));
        assertTrue(sd.named("systemd", List.of()) && sd.named("name=systemd", List.of()));
        assertTrue(v2.named("unified", List.of())
                && v2.named("v2", List.of())
                && v2.named("memory", List.of("memory", "pids")));
        assertFalse(v2.named("memory", List.of("hugetlb")));
    }
}
