package nscope.probes.read.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.ScanProblem;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mounted cgroup hierarchies as nscope's own mountinfo lists them, on the hand-built fixtures and a hostile one. */
class HierarchiesTest {
    static Path fixture(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("fixtures").resolve(name)))
                return p.resolve("fixtures").resolve(name);
        throw new IllegalStateException("no fixtures/" + name);
    }

    @Test
    void v2FirstThenEachV1HierarchyByItsControllers() throws IOException {
        List<ScanProblem> problems = new ArrayList<>();
        List<Hierarchy> v1 = Hierarchies.mounted(Host.under(fixture("cgroup-v1")), problems);
        assertEquals(
                List.of("blkio", "cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "name=systemd", "pids"),
                v1.stream().map(Hierarchy::label).toList());
        assertTrue(v1.stream().allMatch(h -> h.version() == 1));
        List<Hierarchy> v2 = Hierarchies.mounted(Host.under(fixture("cgroup-v2")), problems);
        assertEquals(1, v2.size());
        assertEquals("/sys/fs/cgroup", v2.get(0).mountPoint());
        assertEquals(List.of(), problems);
    }

    @Test
    void aMountinfoThatCannotBeReadIsAProblemAndNoHierarchy(@TempDir Path tree) throws IOException {
        Files.createDirectories(tree.resolve("proc/7/task/7"));
        Files.writeString(tree.resolve("nsfs.ids"), "");
        Files.writeString(tree.resolve("outcomes"), "EACCES proc/self/mountinfo\n");
        List<ScanProblem> problems = new ArrayList<>();
        assertEquals(List.of(), Hierarchies.mounted(Host.under(tree), problems));
        assertEquals(1, problems.size());
        assertEquals(
                tree.resolve("proc/self/mountinfo").toString(), problems.get(0).path());
    }
}
