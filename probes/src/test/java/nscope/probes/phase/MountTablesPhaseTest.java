package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import org.junit.jupiter.api.Test;

/** The mount tables phase on the recorded container host: each mount namespace's table, read through a member. */
class MountTablesPhaseTest {
    @Test
    void everyMountNamespaceHasItsTableReadThroughAMember() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        assertNull(s.mounts(), "not read before the phase");
        int problems = s.problems().size();
        new MountTablesPhase().run(s);
        Set<NsId> mnt = s.namespaces().values().stream()
                .filter(n -> n.kind() == NsKind.MNT)
                .map(Namespace::id)
                .collect(Collectors.toSet());
        assertEquals(mnt, s.mounts().tables().keySet());
        assertTrue(mnt.size() >= 8, "the host's, each container's and each nested one's: " + mnt.size());
        s.mounts().tables().forEach((id, table) -> {
            assertTrue(table.known(), id + ": " + table);
            int via = s.mounts().readThrough().get(id);
            assertTrue(s.namespaces().get(id).tasks().contains(via), "read through a member of " + id);
        });
        assertEquals(
                s.mounts().problems(),
                s.problems().subList(problems, s.problems().size()));
    }
}
