package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import org.junit.jupiter.api.Test;

/** The fd holders phase on the recorded container host, where fd 3 of a sleep holds a network namespace no task is in. */
class FdHoldersPhaseTest {
    static final NsId HELD = new NsId(4, 4026532477L);

    @Test
    void aNamespaceHeldOnlyByADescriptorBecomesANode() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        int before = s.namespaces().size();
        assertFalse(s.namespaces().containsKey(HELD), "no task is in it");
        new FdHoldersPhase().run(s);
        Namespace n = s.namespaces().get(HELD);
        assertEquals(NsKind.NET, n.kind());
        assertEquals(List.of(), n.tasks());
        assertEquals(List.of(new Holder.Fd(20645, 3)), n.holders());
        assertEquals("sleep", s.tasks().get(20645).comm());
        assertEquals(
                before + 1, s.namespaces().size(), "the other descriptors are no namespaces, or none held only so");
    }

    @Test
    void onlyTheProcessesAskedForAreRead() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        new FdHoldersPhase()
                .read(s, s.tgids().stream().filter(pid -> pid != 20645).toList(), true);
        assertFalse(s.namespaces().containsKey(HELD));
        new FdHoldersPhase().read(s, List.of(20645), false); // the refresher's way: on this thread
        assertEquals(List.of(new Holder.Fd(20645, 3)), s.namespaces().get(HELD).holders());
    }
}
