package nscope.probes.read.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.ScanProblem;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * A process placed by the walked thread lists (what `nscope cgroups` does
 * instead of reading every /proc/PID/cgroup) sits, in every hierarchy, in
 * the cgroup its own /proc/PID/cgroup line names, on the recorded fixtures
 * (a live host moves and reuses PIDs between the two reads).
 */
class PlacedByListsTest {
    private static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("fixtures/cgroup-v2"))) return p;
        throw new IllegalStateException("no fixtures above " + Path.of("").toAbsolutePath());
    }

    @Test
    void eachPlacedProcessIsWhereItsLineSays() throws IOException {
        List<Host> hosts = new ArrayList<>();
        try (Stream<Path> s = Files.list(repo().resolve("fixtures"))) {
            for (Path d : s.sorted().toList()) if (Files.isRegularFile(d.resolve("nsfs.ids"))) hosts.add(Host.under(d));
        }
        int placedSomewhere = 0;
        for (Host host : hosts) {
            List<ScanProblem> problems = new ArrayList<>();
            List<Hierarchy> hs = Hierarchies.mounted(host, problems);
            List<Map<String, Cgroup>> walked = new CgroupWalk(host, true).walk(hs, problems);
            List<Integer> processes = new ArrayList<>();
            for (String n : host.files().list(host.roots().proc()))
                if (PidName.parse(n) > 0) processes.add(PidName.parse(n));
            Map<Integer, String[]> placed = CgroupMembers.placed(walked, processes);
            if (placed == null || placed.isEmpty()) continue;
            placedSomewhere++;
            Map<Integer, Readout<List<CgroupLine>>> lines = new CgroupMembers(host).lines(placed.keySet());
            CgroupMembers.TreeOf treeOf = new CgroupMembers.TreeOf(hs);
            int checked = 0;
            for (Map.Entry<Integer, String[]> e : placed.entrySet()) {
                Readout<List<CgroupLine>> r = lines.get(e.getKey());
                if (r == null || !r.known()) continue;
                for (CgroupLine l : r.get()) {
                    int t = treeOf.of(l);
                    if (t >= 0) assertEquals(l.path(), e.getValue()[t], host.label() + " pid " + e.getKey() + " " + l);
                }
                checked++;
            }
            assertTrue(checked > 0, host.label());
        }
        assertTrue(placedSomewhere >= 2, "fixtures or hosts with every thread list: " + placedSomewhere);
    }
}
