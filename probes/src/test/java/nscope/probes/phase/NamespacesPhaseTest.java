package nscope.probes.phase;

import static nscope.probes.model.TestTasks.id;
import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static nscope.probes.model.TestTasks.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import org.junit.jupiter.api.Test;

/** The namespaces phase: nodes from the tasks' links (hand-built tasks and the recorded container host), and holders joining them. */
class NamespacesPhaseTest {
    static Map<NsId, Namespace> namespaces(Task... tasks) {
        Map<Integer, Task> m = new LinkedHashMap<>();
        for (Task t : tasks) m.put(t.tid(), t);
        return NamespacesPhase.of(m);
    }

    @Test
    void membersAreSortedAndLeadersAreProcesses() {
        // given in descending order: the result must not depend on it
        Map<NsId, Namespace> m = namespaces(
                task(1001, 1000, 5, links(0)),
                task(1000, 1000, 5, links(0)),
                task(21, 20, 5, links(0)),
                task(20, 20, 5, links(0)),
                task(3, 3, 5, links(0)));
        Namespace net = m.get(id(NsKind.NET.ordinal()));
        assertEquals(NsKind.NET, net.kind());
        assertEquals(List.of(3, 20, 21, 1000, 1001), net.tasks());
        assertEquals(List.of(3, 20, 1000), net.processes());
        assertEquals(List.of(), net.pendingFor());
        assertEquals(NsKind.values().length, m.size());
    }

    @Test
    void threadInItsOwnNamespace() {
        Map<NsId, Namespace> m =
                namespaces(task(20, 20, 5, links(0)), task(21, 20, 5, with(links(0), NsLink.NET, 500)));
        assertEquals(List.of(21), m.get(id(500)).tasks());
        assertEquals(List.of(), m.get(id(500)).processes());
        assertEquals(List.of(20), m.get(id(NsKind.NET.ordinal())).tasks());
    }

    @Test
    void pidForChildrenElsewhereIsPending() {
        // 20 called unshare(CLONE_NEWPID): its next child is born in 600, it stays where it is
        Map<NsId, Namespace> m =
                namespaces(task(20, 20, 5, with(links(0), NsLink.PID_FOR_CHILDREN, 600)), task(30, 30, 5, links(0)));
        Namespace pending = m.get(id(600));
        assertEquals(NsKind.PID, pending.kind());
        assertEquals(List.of(), pending.tasks());
        assertEquals(List.of(20), pending.pendingFor());
        Namespace own = m.get(id(NsKind.PID.ordinal()));
        assertEquals(List.of(20, 30), own.tasks());
        assertEquals(List.of(), own.pendingFor(), "pid_for_children that equals pid is not pending");
    }

    @Test
    void unreadableLinksAreSkipped() {
        Map<NsId, Namespace> m = namespaces(task(20, 20, 5, without(links(0), NsLink.NET)), task(30, 30, 5, links(0)));
        assertEquals(List.of(30), m.get(id(NsKind.NET.ordinal())).tasks());
        // pid unknown: a known pid_for_children is counted as pending, since we cannot tell it is the same
        Map<NsId, Namespace> p = namespaces(task(40, 40, 5, without(links(0), NsLink.PID)));
        assertEquals(List.of(40), p.get(id(NsKind.PID.ordinal())).pendingFor());
        assertEquals(List.of(), p.get(id(NsKind.PID.ordinal())).tasks());
    }

    @Test
    void holdersJoinTheirNamespaceOrMakeANodeOfIt() {
        Map<NsId, Namespace> m = namespaces(task(20, 20, 5, links(0)));
        NsId net = id(NsKind.NET.ordinal()), hidden = id(900);
        NamespacesPhase.addHolders(
                Map.of(net, List.of(new Holder.Fd(20, 3)), hidden, List.of(new Holder.Fd(20, 4))),
                Map.of(net, NsKind.NET, hidden, NsKind.NET),
                m);
        assertEquals(List.of(20), m.get(net).tasks(), "a member keeps its place");
        assertEquals(List.of(new Holder.Fd(20, 3)), m.get(net).holders());
        assertEquals(NsKind.NET, m.get(hidden).kind());
        assertEquals(List.of(), m.get(hidden).tasks(), "held only: a node with no member");
        assertEquals(List.of(new Holder.Fd(20, 4)), m.get(hidden).holders());
    }

    @Test
    void theRecordedHostsNamespacesFromItsTasksLinks() throws Exception {
        Scan s = Scans.after(Scans.fixture("synth-host"), Scope.TASKS, new TasksPhase());
        new NamespacesPhase().run(s);
        assertEquals(NamespacesPhase.of(s.tasks()), s.namespaces());
        for (Task t : s.tasks().values())
            for (NsLink l : NsLink.values())
                if (t.ns(l).known() && !l.forChildren())
                    assertTrue(s.namespaces().get(t.ns(l).get()).tasks().contains(t.tid()), t + " " + l);
        assertTrue(s.namespaces().values().stream().allMatch(n -> n.holders().isEmpty()), "holders are later phases'");
    }

    /**
     * updated() against of() over many random refreshes: tasks come, go, move a link, lose one, gain a
     * pending namespace, or are read again unchanged (a new object); a few of the others stay the same objects.
     */
    @Test
    void updatedGivesWhatOfGivesAfterEveryChange() {
        java.util.Random rnd = new java.util.Random(17);
        Map<Integer, Task> before = new java.util.HashMap<>();
        for (int tid = 100; tid < 160; tid++) before.put(tid, randomTask(rnd, tid, tid - tid % 3));
        for (int round = 0; round < 300; round++) {
            Map<Integer, Task> now = new java.util.HashMap<>(before);
            for (int k = rnd.nextInt(6); k > 0; k--) {
                int tid = 100 + rnd.nextInt(70);
                switch (rnd.nextInt(4)) {
                    case 0 -> now.remove(tid);
                    case 1 -> now.put(tid, randomTask(rnd, tid, rnd.nextBoolean() ? tid : tid - tid % 3));
                    case 2 -> { // read again, unchanged: equal but another object
                        Task t = now.get(tid);
                        if (t != null) now.put(tid, task(t.tid(), t.tgid(), t.startTime(), t.namespaces()));
                    }
                    default -> {}
                }
            }
            // what the last refresh held: of()'s nodes, with holders, and a node kept for its holder alone
            Map<NsId, Namespace> was = new java.util.TreeMap<>(NamespacesPhase.of(before));
            was.replaceAll((id, n) -> id.ino() % 2 == 0 ? n.withHolders(List.of(new Holder.Fd(1, 3))) : n);
            was.put(
                    id(9999),
                    new Namespace(NsKind.NET, id(9999), List.of(), List.of(), List.of(), List.of(new Holder.Fd(1, 4))));
            Map<NsId, Namespace> got = NamespacesPhase.updated(was, before, now);
            assertEquals(NamespacesPhase.of(now), got, "round " + round);
            for (Namespace n : got.values()) assertEquals(List.of(), n.holders(), "holders are added after it");
            before = now;
        }
    }

    private static Task randomTask(java.util.Random rnd, int tid, int tgid) {
        Map<NsLink, Readout<NsId>> ns = links(0);
        if (rnd.nextInt(3) == 0) ns = with(ns, NsLink.NET, 500 + rnd.nextInt(4));
        if (rnd.nextInt(4) == 0) ns = with(ns, NsLink.PID_FOR_CHILDREN, 600 + rnd.nextInt(3));
        if (rnd.nextInt(5) == 0) ns = with(ns, NsLink.UTS, 700 + rnd.nextInt(2));
        if (rnd.nextInt(8) == 0) ns = without(ns, NsLink.values()[rnd.nextInt(NsLink.values().length)]);
        return task(tid, tgid, 5, ns);
    }
}
