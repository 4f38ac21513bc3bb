package nscope.probes.model;

import static nscope.probes.model.TestTasks.id;
import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.ns;
import static nscope.probes.model.TestTasks.snapshot;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static nscope.probes.model.TestTasks.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nscope.probes.model.SnapshotDiff.Move;
import nscope.probes.readout.Readout;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
    static final long HOST = 4026531830L;
    final Map<NsLink, Readout<NsId>> host = links(HOST);
    final Task init = task(1, 1, 10, host);
    final Task sshd = task(500, 500, 2000, host);
    final Task worker = task(501, 500, 2100, host);

    @Test
    void sameSnapshotIsEmpty() {
        Snapshot s = snapshot(List.of(init, sshd, worker), List.of(ns(NsKind.NET, HOST + 3, List.of(1), List.of(1))));
        SnapshotDiff d = SnapshotDiff.between(s, s);
        assertTrue(d.empty());
    }

    @Test
    void appearedAndVanishedTasks() {
        Task fresh = task(900, 900, 9000, host);
        SnapshotDiff d = SnapshotDiff.between(
                snapshot(List.of(init, sshd, worker), List.of()), snapshot(List.of(init, sshd, fresh), List.of()));
        assertEquals(List.of(new TaskKey(900, 9000)), d.appearedTasks());
        assertEquals(List.of(new TaskKey(501, 2100)), d.vanishedTasks());
        assertEquals(List.of(), d.moved());
        assertFalse(d.empty());
    }

    @Test
    void reusedTidIsVanishedPlusAppeared() {
        // 500 exited and a new, unrelated process got its PID, in another net namespace
        Task reuse = task(500, 500, 7777, with(host, NsLink.NET, 4026532999L));
        SnapshotDiff d = SnapshotDiff.between(
                snapshot(List.of(init, sshd), List.of()), snapshot(List.of(init, reuse), List.of()));
        assertEquals(List.of(new TaskKey(500, 7777)), d.appearedTasks());
        assertEquals(List.of(new TaskKey(500, 2000)), d.vanishedTasks());
        assertEquals(List.of(), d.moved(), "a new task did not move");
    }

    @Test
    void taskThatChangedNetIsAMove() {
        Task moved = task(501, 500, 2100, with(host, NsLink.NET, 4026532999L));
        SnapshotDiff d = SnapshotDiff.between(
                snapshot(List.of(init, sshd, worker), List.of()), snapshot(List.of(init, sshd, moved), List.of()));
        assertEquals(List.of(new Move(new TaskKey(501, 2100), NsLink.NET, id(HOST + 3), id(4026532999L))), d.moved());
        assertEquals(List.of(), d.appearedTasks());
        assertEquals(List.of(), d.vanishedTasks());
    }

    @Test
    void everyChangedLinkIsItsOwnMove() {
        Task after =
                task(500, 500, 2000, with(with(host, NsLink.MNT, 4026533001L), NsLink.PID_FOR_CHILDREN, 4026533002L));
        SnapshotDiff d = SnapshotDiff.between(snapshot(List.of(sshd), List.of()), snapshot(List.of(after), List.of()));
        assertEquals(
                List.of(
                        new Move(sshd.key(), NsLink.MNT, id(HOST + NsKind.MNT.ordinal()), id(4026533001L)),
                        new Move(
                                sshd.key(), NsLink.PID_FOR_CHILDREN, id(HOST + NsKind.PID.ordinal()), id(4026533002L))),
                d.moved());
    }

    @Test
    void unreadableLinkIsNotAMove() {
        Task blind = task(500, 500, 2000, without(host, NsLink.NET));
        assertTrue(SnapshotDiff.between(snapshot(List.of(sshd), List.of()), snapshot(List.of(blind), List.of()))
                .empty());
        assertTrue(SnapshotDiff.between(snapshot(List.of(blind), List.of()), snapshot(List.of(sshd), List.of()))
                .empty());
    }

    @Test
    void namespacesAppearedAndVanished() {
        Namespace a = ns(NsKind.NET, 4026531840L, List.of(1), List.of(1));
        Namespace b = ns(NsKind.NET, 4026532100L, List.of(500), List.of(500));
        Namespace c = ns(NsKind.UTS, 4026532200L, List.of(501), List.of());
        Namespace e = ns(NsKind.IPC, 4026532300L, List.of(900), List.of(900));
        SnapshotDiff d =
                SnapshotDiff.between(snapshot(List.of(), List.of(a, b, e)), snapshot(List.of(), List.of(e, c, a)));
        assertEquals(List.of(c.id()), d.appearedNamespaces());
        assertEquals(List.of(b.id()), d.vanishedNamespaces());
        assertEquals(List.of(), d.appearedTasks());
    }

    @Test
    void namespaceWithSameInodeOnAnotherDeviceIsAnotherNamespace() {
        Namespace here = new Namespace(NsKind.NET, new NsId(4, 4026531840L), List.of(), List.of(), List.of());
        Namespace there = new Namespace(NsKind.NET, new NsId(5, 4026531840L), List.of(), List.of(), List.of());
        SnapshotDiff d = SnapshotDiff.between(snapshot(List.of(), List.of(here)), snapshot(List.of(), List.of(there)));
        assertEquals(List.of(there.id()), d.appearedNamespaces());
        assertEquals(List.of(here.id()), d.vanishedNamespaces());
    }

    @Test
    void listsAreSorted() {
        SnapshotDiff d = SnapshotDiff.between(
                snapshot(List.of(), List.of()),
                snapshot(
                        List.of(task(30, 30, 1, host), task(4, 4, 1, host), task(200, 200, 1, host)),
                        List.of(ns(NsKind.NET, 9, List.of(), List.of()), ns(NsKind.NET, 3, List.of(), List.of()))));
        assertEquals(List.of(new TaskKey(4, 1), new TaskKey(30, 1), new TaskKey(200, 1)), d.appearedTasks());
        assertEquals(List.of(id(3), id(9)), d.appearedNamespaces());
    }
}
