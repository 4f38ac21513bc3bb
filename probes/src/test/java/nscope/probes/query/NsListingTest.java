package nscope.probes.query;

import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.ns;
import static nscope.probes.model.TestTasks.snapshot;
import static nscope.probes.model.TestTasks.task;
import static nscope.probes.model.TestTasks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.Ids;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing.Row;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/**
 * A host with: init (1), a daemon 40 with threads 41 and 42 where 42 alone
 * unshared its net namespace, and a container process 300 with thread 301 in
 * their own net namespace. The namespaces are listed as the collector builds
 * them: members ascending.
 */
class NsListingTest {
    static final long HOST_NET = 4026531840L, THREAD_NET = 4026532100L, CT_NET = 4026532200L, HOST_UTS = 4026531838L;

    static final Snapshot SNAP = snapshot(
            List.of(
                    task(1, 1, 1, at(HOST_NET), ids(0), Readout.of(List.of("/sbin/init", "splash"))),
                    task(40, 40, 9, at(HOST_NET), ids(1000), Readout.of(List.of("daemon", "-f"))),
                    task(41, 40, 9, at(HOST_NET), ids(1000), Readout.of(List.of("daemon", "-f"))),
                    task(42, 40, 9, at(THREAD_NET), ids(1000), Readout.of(List.of("daemon", "-f"))),
                    task(
                            300,
                            300,
                            90,
                            at(CT_NET),
                            Readout.unknown(Unknown.Reason.PERMISSION, "EACCES"),
                            Readout.of(List.of())),
                    task(301, 300, 90, at(CT_NET), ids(4242), Readout.of(List.of()))),
            List.of(
                    ns(NsKind.NET, HOST_NET, List.of(1, 40, 41), List.of(1, 40)),
                    ns(NsKind.NET, THREAD_NET, List.of(42), List.of()),
                    ns(NsKind.NET, CT_NET, List.of(300, 301), List.of(300)),
                    ns(NsKind.UTS, HOST_UTS, List.of(1, 40, 41, 42, 300, 301), List.of(1, 40, 300))),
            Map.of(0L, "root", 1000L, "alice"));

    /** Links with this net and the host's uts; the other kinds at small inodes no namespace here has. */
    static Map<NsLink, Readout<NsId>> at(long net) {
        return with(with(links(0), NsLink.NET, net), NsLink.UTS, HOST_UTS);
    }

    static Readout<Ids> ids(long euid) {
        return Readout.of(new Ids(euid, euid, euid, euid));
    }

    static List<String> summary(List<Row> rows) {
        return rows.stream()
                .map(r -> r.ns().id() + " " + r.ns().kind().label() + " " + r.nprocs() + " " + r.ntasks() + " "
                        + r.pid() + " " + r.uid() + " " + r.user() + " [" + r.command() + "]")
                .toList();
    }

    @Test
    void processesOnly() {
        assertEquals(
                List.of("4026531840 net 2 3 1 0 root [/sbin/init splash]", "4026532200 net 1 2 300 -1 ? [prog300]"),
                summary(NsListing.rows(SNAP, Set.of(NsKind.NET), false, null)));
    }

    @Test
    void threadOnlyNamespaceNeedsThreads() {
        assertEquals(
                List.of(
                        "4026531840 net 2 3 1 0 root [/sbin/init splash]",
                        "4026532100 net 0 1 42 1000 alice [daemon -f]",
                        "4026532200 net 1 2 300 -1 ? [prog300]"),
                summary(NsListing.rows(SNAP, Set.of(NsKind.NET), true, null)));
    }

    @Test
    void namespaceWithNoMembersIsNeverListed() {
        Snapshot s = snapshot(List.of(), List.of(ns(NsKind.PID, 4026532900L, List.of(), List.of())));
        assertEquals(List.of(), NsListing.rows(s, EnumSet.allOf(NsKind.class), true, null));
    }

    @Test
    void representativeIsTheLowestPid() {
        Row uts = NsListing.rows(SNAP, Set.of(NsKind.UTS), false, null).get(0);
        assertEquals(1, uts.pid());
        assertEquals(3, uts.nprocs());
        assertEquals(6, uts.ntasks());
    }

    @Test
    void typeFilter() {
        assertEquals(
                List.of("4026531838 uts 3 6 1 0 root [/sbin/init splash]"),
                summary(NsListing.rows(SNAP, Set.of(NsKind.UTS), true, null)));
        assertEquals(List.of(), NsListing.rows(SNAP, Set.of(NsKind.IPC, NsKind.USER), true, null));
        assertEquals(List.of(), NsListing.rows(SNAP, Set.of(), true, null));
        assertEquals(
                4, NsListing.rows(SNAP, EnumSet.allOf(NsKind.class), true, null).size());
    }

    @Test
    void onlyPidFilter() {
        assertEquals(
                List.of("4026531838 uts 3 6 1 0 root [/sbin/init splash]", "4026532200 net 1 2 300 -1 ? [prog300]"),
                summary(NsListing.rows(SNAP, EnumSet.allOf(NsKind.class), false, 300)));
        assertEquals(
                List.of("4026531840 net 2 3 1 0 root [/sbin/init splash]"),
                summary(NsListing.rows(SNAP, Set.of(NsKind.NET), true, 40)));
        // a TID is not a process: nothing is its own
        assertEquals(List.of(), NsListing.rows(SNAP, EnumSet.allOf(NsKind.class), true, 42));
        assertEquals(List.of(), NsListing.rows(SNAP, EnumSet.allOf(NsKind.class), false, 99999));
    }

    @Test
    void userWithoutNameShowsTheNumber() {
        Snapshot s = snapshot(
                List.of(task(5, 5, 1, links(100), ids(4242), Readout.of(List.of("x")))),
                List.of(ns(NsKind.IPC, 100 + NsKind.IPC.ordinal(), List.of(5), List.of(5))));
        Row r = NsListing.rows(s, Set.of(NsKind.IPC), false, null).get(0);
        assertEquals(4242L, r.uid());
        assertEquals("4242", r.user());
    }
}
