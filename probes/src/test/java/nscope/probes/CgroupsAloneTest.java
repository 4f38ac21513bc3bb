package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * The scan of cgroups alone (what `nscope cgroups` prints as text) finds on
 * every recorded fixture exactly the trees the whole scan of processes and
 * cgroups finds, every member and figure alike; asked for the text's files
 * only, the same trees with just those files; with a hierarchy name, the
 * hierarchies that name picks are walked as whole and the others left empty.
 */
class CgroupsAloneTest {
    private static final EnumSet<Collector.Phase> FULL =
            EnumSet.of(Collector.Phase.CGROUPS, Collector.Phase.CGROUP_THREADS);

    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(CgroupReplayTest.repo().resolve("fixtures"))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("nsfs.ids")))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theTreesAreTheWholeScansOnEveryFixture() throws IOException {
        List<Path> all = fixtures();
        assertTrue(all.size() >= 4, "fixtures: " + all);
        for (Path fx : all) {
            List<CgroupTree> whole = new Collector(Host.under(fx), Scope.PROCESSES, FULL)
                    .collect()
                    .cgroups()
                    .trees();
            Snapshot alone =
                    Collector.cgroupsAlone(Host.under(fx), true, null, null).collect();
            assertEquals(whole, alone.cgroups().trees(), fx.toString());
            assertTrue(alone.tasks().isEmpty(), fx + ": no task read");
            List<CgroupTree> text = Collector.cgroupsAlone(Host.under(fx), true, null, CgroupFigures.FILES)
                    .collect()
                    .cgroups()
                    .trees();
            assertEquals(only(whole, CgroupFigures.FILES), text, fx + ": the text's files alone");
        }
    }

    /** The trees with each cgroup's files cut to these. */
    static List<CgroupTree> only(List<CgroupTree> trees, Set<String> files) {
        List<CgroupTree> out = new ArrayList<>();
        for (CgroupTree t : trees) {
            Map<String, Cgroup> cgroups = new LinkedHashMap<>();
            t.cgroups().forEach((path, c) -> {
                Map<String, Readout<CgValue>> kept = new TreeMap<>(c.files());
                kept.keySet().retainAll(files);
                cgroups.put(path, new Cgroup(c.path(), c.id(), c.children(), c.procs(), c.threads(), kept));
            });
            out.add(new CgroupTree(t.hierarchy(), cgroups));
        }
        return out;
    }

    @Test
    void aHierarchyNameWalksOnlyWhatItPicks() throws IOException {
        for (Path fx : fixtures()) {
            List<CgroupTree> whole = new Collector(Host.under(fx), Scope.PROCESSES, FULL)
                    .collect()
                    .cgroups()
                    .trees();
            for (String name : List.of("systemd", "memory", "v2", "cpu", "pids", "nope")) {
                List<CgroupTree> some = Collector.cgroupsAlone(Host.under(fx), true, name, null)
                        .collect()
                        .cgroups()
                        .trees();
                assertEquals(whole.size(), some.size(), fx + " " + name + ": every hierarchy is there");
                for (int i = 0; i < whole.size(); i++) {
                    CgroupTree w = whole.get(i);
                    boolean picked = w.hierarchy().named(name, w.controllers());
                    if (picked) assertEquals(w, some.get(i), fx + " " + name);
                    else assertTrue(some.get(i).cgroups().isEmpty(), fx + " " + name + ": not walked");
                    assertEquals(w.hierarchy(), some.get(i).hierarchy());
                }
            }
            assertFalse(whole.isEmpty() && fx.getFileName().toString().startsWith("cgroup-"), fx.toString());
        }
    }
}
