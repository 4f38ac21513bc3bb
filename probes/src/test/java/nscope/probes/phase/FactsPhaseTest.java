package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/**
 * The facts phase on the recorded container host: uts, ipc and net as the
 * capture recorded them from inside, pid, time and user from member files.
 */
class FactsPhaseTest {
    static NsId ns(long ino) {
        return new NsId(4, ino);
    }

    @Test
    void eachKindFromWhereItIsRead() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        new FactsPhase().run(s);
        Map<NsId, Readout<NsFacts>> f = s.facts();
        assertEquals(
                new NsFacts.Uts("nscope-test-fx-c1", "(none)"),
                f.get(ns(4026532178L)).get());
        assertEquals(new NsFacts.Ipc(0, 0, 0), f.get(ns(4026532179L)).get());
        assertEquals(
                "lo",
                ((NsFacts.Net) f.get(ns(4026531833L)).get()).interfaces().get(0).name());
        assertEquals(
                new NsFacts.Pid(0, Readout.of(20759L)),
                f.get(ns(4026531836L)).get(),
                "our own pid namespace: ns_last_pid");
        NsFacts.Pid nested = (NsFacts.Pid) f.get(ns(4026532253L)).get();
        assertEquals(2, nested.level());
        assertEquals(Unknown.Reason.NOT_PROVIDED, nested.lastPid().why().reason());
        assertEquals(FactsPhase.LAST_PID_ELSEWHERE, nested.lastPid().why().detail());
        assertEquals(new NsFacts.Time(0, 0, 0, 0), f.get(ns(4026532251L)).get(), "read through a process bound for it");
        NsFacts.User user = (NsFacts.User) f.get(ns(4026531837L)).get();
        assertEquals(List.of(new NsFacts.IdRange(0, 0, 4294967295L)), user.uidMap());
        assertEquals("allow", user.setgroups());
        // mnt and cgroup facts are other phases'
        s.namespaces().values().stream()
                .filter(n -> n.kind() == NsKind.MNT || n.kind() == NsKind.CGROUP)
                .forEach(n -> assertFalse(f.containsKey(n.id()), n.toString()));
    }

    @Test
    void onlyTheNamespacesAskedFor() throws IOException {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase(), new NamespacesPhase());
        Map<NsId, Readout<NsFacts>> f = FactsPhase.read(s, Set.of(ns(4026532178L), ns(4026532253L)));
        assertEquals(Set.of(ns(4026532178L), ns(4026532253L)), f.keySet());
        assertEquals(Map.of(), s.facts(), "the scan's facts are the phase's to add to");
    }
}
