package nscope.probes.phase;

import static nscope.probes.model.TestTasks.id;
import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static nscope.probes.model.TestTasks.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Task;
import org.junit.jupiter.api.Test;

class NamespacesPhaseTest {
    static Map<NsId, Namespace> namespaces(Task... tasks) {
        Map<Integer, Task> m = new LinkedHashMap<>();
        for (Task t : tasks) m.put(t.tid(), t);
        return NamespacesPhase.of(m);
    }

    @Test void membersAreSortedAndLeadersAreProcesses() {
        // given in descending order: the result must not depend on it
        Map<NsId, Namespace> m = namespaces(task(1001, 1000, 5, links(0)), task(1000, 1000, 5, links(0)),
                task(21, 20, 5, links(0)), task(20, 20, 5, links(0)), task(3, 3, 5, links(0)));
        Namespace net = m.get(id(NsKind.NET.ordinal()));
        assertEquals(NsKind.NET, net.kind());
        assertEquals(List.of(3, 20, 21, 1000, 1001), net.tasks());
        assertEquals(List.of(3, 20, 1000), net.processes());
        assertEquals(List.of(), net.pendingFor());
        assertEquals(NsKind.values().length, m.size());
    }

    @Test void threadInItsOwnNamespace() {
        Map<NsId, Namespace> m = namespaces(task(20, 20, 5, links(0)), task(21, 20, 5, with(links(0), NsLink.NET, 500)));
        assertEquals(List.of(21), m.get(id(500)).tasks());
        assertEquals(List.of(), m.get(id(500)).processes());
        assertEquals(List.of(20), m.get(id(NsKind.NET.ordinal())).tasks());
    }

    @Test void pidForChildrenElsewhereIsPending() {
        // 20 called unshare(CLONE_NEWPID): its next child is born in 600, it stays where it is
        Map<NsId, Namespace> m = namespaces(task(20, 20, 5, with(links(0), NsLink.PID_FOR_CHILDREN, 600)),
                task(30, 30, 5, links(0)));
        Namespace pending = m.get(id(600));
        assertEquals(NsKind.PID, pending.kind());
        assertEquals(List.of(), pending.tasks());
        assertEquals(List.of(20), pending.pendingFor());
        Namespace own = m.get(id(NsKind.PID.ordinal()));
        assertEquals(List.of(20, 30), own.tasks());
        assertEquals(List.of(), own.pendingFor(), "pid_for_children that equals pid is not pending");
    }

    @Test void unreadableLinksAreSkipped() {
        Map<NsId, Namespace> m = namespaces(task(20, 20, 5, without(links(0), NsLink.NET)), task(30, 30, 5, links(0)));
        assertEquals(List.of(30), m.get(id(NsKind.NET.ordinal())).tasks());
        // pid unknown: a known pid_for_children is counted as pending, since we cannot tell it is the same
        Map<NsId, Namespace> p = namespaces(task(40, 40, 5, without(links(0), NsLink.PID)));
        assertEquals(List.of(40), p.get(id(NsKind.PID.ordinal())).pendingFor());
        assertEquals(List.of(), p.get(id(NsKind.PID.ordinal())).tasks());
    }
}
