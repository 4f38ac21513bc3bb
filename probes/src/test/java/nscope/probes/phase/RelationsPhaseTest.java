package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Scope;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;
import nscope.probes.source.HostFiles;
import nscope.probes.source.RelationReader;
import org.junit.jupiter.api.Test;

/** The relations phase on the recorded container host, whose walk the capture recorded (a replay needs no ioctl). */
class RelationsPhaseTest {
    static final NsId USER = new NsId(4, 4026531837L), HOST_PID = new NsId(4, 4026531836L);
    static final NsId C1_PID = new NsId(4, 4026532180L), C1_NESTED_PID = new NsId(4, 4026532253L);

    @Test
    void everyNamespaceGetsItsParentAndOwner() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        new RelationsPhase().run(s);
        assertEquals(s.namespaces().keySet(), s.relations().keySet(), "every namespace, and only those");
        assertTrue(s.relations().values().stream().allMatch(Readout::known));
        assertEquals(
                new NsRelations(null, null, 0L),
                s.relations().get(USER).get(),
                "the initial user namespace, made by uid 0");
        assertEquals(
                new NsRelations(HOST_PID, USER, null), s.relations().get(C1_PID).get());
        assertEquals(
                new NsRelations(C1_PID, USER, null),
                s.relations().get(C1_NESTED_PID).get(),
                "nested one level down");
        assertNull(s.relations().get(HOST_PID).get().parent());
    }

    @Test
    void theWalkStartsFromTheNamespacesAskedForAndWhatItFindsBecomesANode() throws IOException {
        Scan recorded = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        Map<NsId, RelationReader.Start> asked = new TreeMap<>();
        NsId hidden = new NsId(4, 4026599999L);
        RelationReader walk = starts -> {
            asked.putAll(starts);
            return new RelationReader.Result(
                    Map.of(C1_NESTED_PID, Readout.of(new NsRelations(C1_PID, hidden, null))),
                    Map.of(hidden, NsKind.USER));
        };
        Scan s = new Scan(new Host(recorded.host().roots(), new Walking(walk), "test"), Scope.TASKS, recorded.reader());
        s.tasks(recorded.tasks());
        s.namespaces(new TreeMap<>(recorded.namespaces()));
        Map<NsId, Readout<NsRelations>> r = RelationsPhase.read(s, Set.of(C1_NESTED_PID));
        assertEquals(Set.of(C1_NESTED_PID), asked.keySet(), "only the namespace asked for");
        assertEquals(NsKind.PID, asked.get(C1_NESTED_PID).kind());
        Path proc = recorded.host().roots().proc();
        Namespace nested = s.namespaces().get(C1_NESTED_PID);
        for (Path via : asked.get(C1_NESTED_PID).via()) {
            // a member's own link, or the pid_for_children link of a task whose next child is born there
            int tid = Integer.parseInt(via.getParent().getParent().getFileName().toString());
            assertTrue(via.startsWith(proc), via.toString());
            assertTrue(
                    via.endsWith("ns/pid") && nested.tasks().contains(tid)
                            || via.endsWith("ns/pid_for_children")
                                    && nested.pendingFor().contains(tid),
                    via.toString());
        }
        assertTrue(asked.get(C1_NESTED_PID).via().get(0).endsWith("ns/pid"), "members first");
        assertEquals(Set.of(C1_NESTED_PID), r.keySet());
        Namespace found = s.namespaces().get(hidden);
        assertEquals(NsKind.USER, found.kind(), "an owner no task is in becomes a node");
        assertEquals(List.of(), found.tasks());
        asked.clear();
        assertEquals(Map.of(), RelationsPhase.read(s, Set.of()), "nothing asked, nothing walked");
        assertTrue(asked.isEmpty());
        assertTrue(s.relations().isEmpty(), "the scan's relations are the phase's to set");
    }

    /** Host files that only answer who walks the relations. */
    private record Walking(RelationReader walk) implements HostFiles {
        @Override
        public RelationReader relations() {
            return walk;
        }

        @Override
        public byte[] read(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] readToEnd(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String readLink(Path link) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> list(Path dir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(Path p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] nsDevIno(Path nsLink) {
            throw new UnsupportedOperationException();
        }
    }
}
