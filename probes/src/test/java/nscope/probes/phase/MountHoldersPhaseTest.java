package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.read.MountTables;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/** The mount holders phase on the recorded container host, where a bind mount under /run/netns holds a network namespace no task is in. */
class MountHoldersPhaseTest {
    static final NsId HELD = new NsId(4, 4026532406L);

    @Test
    void aNamespaceHeldOnlyByABindMountBecomesANode() throws IOException {
        Scan s = Scans.after(
                Scans.fixture("synth-host"),
                Scope.TASKS,
                new TasksPhase(),
                new NamespacesPhase(),
                new MountTablesPhase());
        assertFalse(s.namespaces().containsKey(HELD), "no task is in it");
        new MountHoldersPhase().run(s);
        Namespace n = s.namespaces().get(HELD);
        assertEquals(NsKind.NET, n.kind());
        assertEquals(List.of(), n.tasks());
        assertEquals(1, n.holders().size());
        Holder.Mount m = (Holder.Mount) n.holders().get(0);
        assertEquals("/run/netns/nscope-test-fx-h1", m.mountPoint());
        assertEquals(
                s.mounts().readThrough().get(m.mountNs()),
                m.viaPid(),
                "seen through the member its table was read through");
        assertEquals(NsKind.MNT, s.namespaces().get(m.mountNs()).kind());
    }

    @Test
    void tablesNotReadHoldNothing() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        Map<NsId, Namespace> before = new TreeMap<>(s.namespaces());
        TreeMap<NsId, Readout<nscope.probes.mounts.MountTable>> unknown = new TreeMap<>();
        for (Namespace n : before.values())
            if (n.kind() == NsKind.MNT) unknown.put(n.id(), Readout.unknown(Unknown.Reason.PERMISSION, "EACCES"));
        s.mounts(new MountTables.Result(unknown, new TreeMap<>(), List.of()));
        new MountHoldersPhase().run(s);
        assertEquals(before, s.namespaces());
    }
}
