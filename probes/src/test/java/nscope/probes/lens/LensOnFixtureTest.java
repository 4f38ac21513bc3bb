package nscope.probes.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.model.NsLink;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lens on the recorded synth-host: process 20601 ("threads", 4 tasks) is PID 6 of a container's pid
 * namespace whose PID 1 is 20593; 20604 is PID 1 of a namespace nested one level below. What only the live
 * host can answer (ns_last_pid, the on-demand files) says it is not available for a recording.
 */
class LensOnFixtureTest {
    static Host host;

    @BeforeAll
    static void open() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        host = Host.under(repo.resolve("fixtures/synth-host"));
    }

    static TaskLens lens(int tid) {
        Readout<TaskLens> r = new LensReader(host).read(tid);
        assertTrue(r.known(), String.valueOf(r));
        return r.get();
    }

    @Test
    void aProcessInAContainerHasTwoLevelsWithEachNamespacesPid1() {
        TaskLens l = lens(20601);
        assertFalse(l.subject().thread());
        assertFalse(l.live());
        List<Level> levels = l.levels().get();
        assertEquals(2, levels.size());
        assertEquals(List.of(20601, 6), levels.stream().map(Level::pid).toList());
        assertEquals(List.of(20601, 6), levels.stream().map(Level::tgid).toList());
        assertEquals(1, levels.get(0).init().get(), "the host's PID 1, though it hides its links");
        assertEquals(20593, levels.get(1).init().get());
        for (Level v : levels) {
            assertNull(v.lastPid());
            assertEquals(Reads.RECORDING, v.lastPidGap().reason());
        }
        assertEquals(4, l.group().threads().get().size());
        assertEquals(20601, l.group().threads().get().get(0).tid(), "the leader first");
        assertTrue(l.cgroups().known(), "a leader's cgroups come from /proc/PID/cgroup, which the capture records");
        assertTrue(l.cgroups().get().stream()
                .anyMatch(c -> c.hierarchy().equals("memory") && c.path().equals("/nscope-test-fx/c1")));
        assertEquals(20593, l.family().parent().get().pid());
        assertEquals(1, l.family().parentInNs().get(), "its parent is PID 1 of its namespace");
        assertEquals(20593, l.family().reaper().get().pid());
        assertFalse(l.family().init());
        assertTrue(l.caps().get().stream()
                .anyMatch(c -> c.name().equals("CapEff") && c.names().contains("SYS_ADMIN")));
        assertEquals(0L, l.users().get().get(0).uid().get());
    }

    @Test
    void aThreadShowsItsTidAtEveryLevelAndWhatARecordingLacks() {
        int tid = lens(20601).group().threads().get().get(1).tid();
        TaskLens l = lens(tid);
        assertTrue(l.subject().thread());
        assertEquals(20601, l.subject().tgid());
        Level inner = l.levels().get().get(1);
        assertEquals(6, inner.tgid());
        assertTrue(inner.pid() != 6, "a thread's number at a level is its TID there");
        assertFalse(l.cgroups().known());
        assertTrue(
                l.cgroups().why().detail().startsWith(Reads.RECORDING),
                l.cgroups().why().detail());
        Member me = l.group().threads().get().stream()
                .filter(m -> m.tid() == tid)
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(), List.copyOf(me.nsDiffers().get()));
    }

    @Test
    void pid1OfANestedNamespaceHasThreeLevels() {
        TaskLens l = lens(20604);
        assertEquals(
                List.of(20604, 8, 1), l.levels().get().stream().map(Level::pid).toList());
        assertEquals(20604, l.levels().get().get(2).init().get());
        assertTrue(l.family().init());
        assertEquals(NsLink.PID_FOR_CHILDREN, l.pidForChildren().link());
        assertFalse(l.pidForChildren().differs());
    }

    @Test
    void eachNamespacesPid1IsFoundAmongTheAncestorsWithoutListingEveryProcess() {
        Reads reads = new Reads(host);
        Census census = new Census(reads, 20604);
        Reads.Seen t = reads.task(20604, 20604).get();
        assertEquals(20604, census.init(t.link(NsLink.PID).get(), 2).get());
        assertEquals(
                List.of(20604, 20593),
                census.ancestors().stream().limit(2).map(Census.Proc::pid).toList());
        assertEquals(
                20593, census.init(census.ancestors().get(1).pidNs().get(), 1).get());
        assertFalse(census.listedEveryone(), "the ancestors held both: /proc was not listed");
    }

    @Test
    void aTaskThatIsNotThereIsAResultNotAnException() {
        Readout<TaskLens> r = new LensReader(host).read(999_999);
        assertFalse(r.known());
        assertEquals(Unknown.Reason.EXITING, r.why().reason());
    }
}
