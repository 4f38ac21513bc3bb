package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nscope.probes.model.NsLink;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks phase on recorded hosts: every thread group, task and link; a proc root it cannot list. */
class TasksPhaseTest {
    @Test
    void everyThreadGroupTaskAndLinkOfTheRecordedHost() throws IOException {
        Host host = Scans.fixture("synth-host");
        Scan s = Scans.after(host, Scope.TASKS, new TasksPhase());
        List<Integer> dirs;
        try (Stream<Path> l = Files.list(host.roots().proc())) {
            dirs = l.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+"))
                    .map(Integer::valueOf)
                    .sorted()
                    .toList();
        }
        assertEquals(dirs, s.tgids(), "every PID directory, in order");
        // as its expected/snapshot.json lists them
        assertEquals(91, s.tasks().values().stream().filter(Task::leader).count());
        assertEquals(124, s.tasks().size(), "threads included");
        for (Task t : s.tasks().values()) assertTrue(s.tgids().contains(t.tgid()), t.toString());
        assertTrue(s.namespaces().isEmpty(), "namespaces are made by the phase after");
        // PID 1 of that VM refuses even root its links: unknown, with why
        assertEquals(
                Unknown.Reason.PERMISSION, s.tasks().get(1).ns(NsLink.NET).why().reason());
        assertTrue(s.tasks().values().stream()
                .filter(t -> t.tgid() != 1)
                .allMatch(t -> t.ns(NsLink.NET).known()));
    }

    @Test
    void aProcessesScanReadsTheLeadersOnly() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.PROCESSES, new TasksPhase());
        assertEquals(91, s.tasks().size());
        assertTrue(s.tasks().values().stream().allMatch(Task::leader));
    }

    @Test
    void aProcRootThatCannotBeListedIsAProblem(@TempDir Path tree) throws IOException {
        Files.createDirectories(tree.resolve("proc/7/task/7"));
        Files.writeString(tree.resolve("nsfs.ids"), "");
        Files.writeString(tree.resolve("outcomes"), "EACCES proc\n");
        Scan s = Scans.after(Host.under(tree), Scope.TASKS, new TasksPhase());
        assertEquals(List.of(), s.tgids());
        assertTrue(s.tasks().isEmpty());
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertEquals(tree.resolve("proc").toString(), s.problems().get(0).path());
        assertEquals(Unknown.Reason.PERMISSION, s.problems().get(0).why().reason());
    }
}
