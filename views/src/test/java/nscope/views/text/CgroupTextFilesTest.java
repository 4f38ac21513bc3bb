package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/**
 * `nscope cgroups` reads only {@link CgroupFigures#FILES} (without its CPU files when it scans once): on every
 * fixture its text (every column, CPU% and mark) is the text of a scan that read every file.
 */
class CgroupTextFilesTest {
    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(Repo.of("fixtures"))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("nsfs.ids")))
                    .sorted()
                    .toList();
        }
    }

    private static String text(Snapshot s, boolean cpu) {
        CgroupCpu c = cpu ? CgroupCpu.between(s.cgroups(), s.cgroups()) : CgroupCpu.none();
        StringBuilder b = new StringBuilder();
        for (CgroupTree t : s.cgroups().trees()) {
            b.append(CgroupTreeText.title(t)).append('\n');
            b.append(CgroupTreeText.render(t, t.hierarchy().mountRoot(), c, null, true));
        }
        return b.toString();
    }

    @Test
    void theTextOfTheFilesItShowsIsTheTextOfEveryFile() throws IOException {
        List<Path> all = fixtures();
        assertTrue(all.size() >= 4, "fixtures: " + all);
        int marks = 0;
        for (Path fx : all) {
            Snapshot whole = new Collector(
                            Host.under(fx),
                            Scope.PROCESSES,
                            EnumSet.of(Collector.Phase.CGROUPS, Collector.Phase.CGROUP_THREADS))
                    .collect();
            Snapshot shown = Collector.cgroupsAlone(Host.under(fx), true, null, CgroupFigures.FILES)
                    .collect();
            for (boolean cpu : new boolean[] {false, true})
                assertEquals(text(whole, cpu), text(shown, cpu), fx + (cpu ? " with CPU%" : ""));
            // one scan (no --interval) shows no CPU %: its files are not read
            Snapshot once = Collector.cgroupsAlone(Host.under(fx), true, null, CgroupFigures.FILES_WITHOUT_CPU)
                    .collect();
            assertEquals(text(whole, false), text(once, false), fx + " without the CPU files");
            marks += text(whole, false).split("\\[", -1).length - 1;
        }
        assertTrue(marks > 0, "some fixture shows a mark ([threaded], [frozen], [oom_kill N], ...)");
    }
}
