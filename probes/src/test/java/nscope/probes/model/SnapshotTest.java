package nscope.probes.model;

import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.snapshot;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static nscope.probes.model.TestTasks.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.readout.Readout;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    static final long HOST = 4026531830L;
    final Map<NsLink, Readout<NsId>> host = links(HOST);
    final Task leader = task(700, 700, 50, host);

    @Test
    void threadInAnotherNetIsDivergent() {
        Task thread = task(703, 700, 60, with(host, NsLink.NET, 4026532500L));
        Snapshot s = snapshot(List.of(leader, thread), List.of());
        assertEquals(Set.of(NsLink.NET), s.divergentLinks(thread));
    }

    @Test
    void conformingThreadIsNot() {
        Task thread = task(701, 700, 55, host);
        assertEquals(Set.of(), snapshot(List.of(leader, thread), List.of()).divergentLinks(thread));
    }

    @Test
    void everyDivergentLinkIsReported() {
        Task thread = task(702, 700, 55, with(with(host, NsLink.MNT, 4026532501L), NsLink.UTS, 4026532502L));
        assertEquals(
                EnumSet.of(NsLink.MNT, NsLink.UTS),
                snapshot(List.of(leader, thread), List.of()).divergentLinks(thread));
    }

    @Test
    void leaderIsNeverDivergent() {
        Task thread = task(703, 700, 60, with(host, NsLink.NET, 4026532500L));
        assertEquals(Set.of(), snapshot(List.of(leader, thread), List.of()).divergentLinks(leader));
    }

    @Test
    void unknownLinksAndMissingLeaderAreNotDivergent() {
        Task blindThread = task(704, 700, 60, without(with(host, NsLink.IPC, 4026532503L), NsLink.NET));
        Task blindLeader = task(700, 700, 50, without(host, NsLink.IPC));
        assertEquals(
                Set.of(), snapshot(List.of(blindLeader, blindThread), List.of()).divergentLinks(blindThread));
        Task orphan = task(801, 800, 60, with(host, NsLink.NET, 4026532500L));
        assertEquals(Set.of(), snapshot(List.of(orphan), List.of()).divergentLinks(orphan));
    }

    @Test
    void threadGroupsListLeaderFirst() {
        // after PID wrap-around a thread may have a lower TID than its leader
        Snapshot s = snapshot(
                List.of(task(705, 700, 1, host), task(650, 700, 1, host), leader, task(9, 9, 1, host)), List.of());
        assertEquals(Map.of(9, List.of(9), 700, List.of(700, 650, 705)), s.threadGroups());
        assertEquals(List.of(9, 700), List.copyOf(s.threadGroups().keySet()));
    }
}
