package nscope.probes.phase;

import static nscope.probes.model.TestTasks.id;
import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static nscope.probes.model.TestTasks.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.mounts.MountTable;
import org.junit.jupiter.api.Test;

/** The mount facts phase: each mount namespace's table set against the host's, on the recorded container host. */
class MountFactsPhaseTest {
    static final NsId HOST_MNT = new NsId(4, 4026531832L), C1_MNT = new NsId(4, 4026532177L);

    @Test
    void eachTableSetAgainstTheHosts() throws IOException {
        Scan s = Scans.after(
                Scans.fixture("synth-host"),
                Scope.TASKS,
                new TasksPhase(),
                new NamespacesPhase(),
                new MountTablesPhase());
        new MountFactsPhase().run(s);
        assertEquals(s.mounts().tables().keySet(), s.facts().keySet(), "a fact for each table, nothing else");
        NsFacts.Mnt host = (NsFacts.Mnt) s.facts().get(HOST_MNT).get();
        assertEquals(s.mounts().tables().get(HOST_MNT).get(), host.table());
        assertEquals(List.of(), host.sharedWithHost(), "the host's table is not set against itself");
        assertNull(host.rootOnHost());
        NsFacts.Mnt c1 = (NsFacts.Mnt) s.facts().get(C1_MNT).get();
        MountTable hostTable = host.table();
        assertEquals(c1.table().sharedWith(hostTable), c1.sharedWithHost());
        assertEquals(c1.table().rootOn(hostTable).orElse(null), c1.rootOnHost());
        assertTrue(c1.rootOnHost() != null, "a container's root lies in the host's tree");
    }

    @Test
    void theHostNamespaceIsTheLowestTasksWhoseLinkWasRead() {
        Map<Integer, Task> tasks = new HashMap<>();
        for (Task t : List.of(
                task(1, 1, 5, without(links(0), NsLink.MNT)),
                task(2, 2, 5, with(links(0), NsLink.MNT, 700)),
                task(30, 30, 5, with(links(0), NsLink.MNT, 800)))) tasks.put(t.tid(), t);
        assertEquals(id(700), MountFactsPhase.hostNamespace(tasks), "PID 1's link refused: the next task's");
        assertNull(MountFactsPhase.hostNamespace(Map.of()));
    }
}
