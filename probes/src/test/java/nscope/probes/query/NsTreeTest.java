package nscope.probes.query;

import static nscope.probes.model.TestTasks.id;
import static nscope.probes.model.TestTasks.links;
import static nscope.probes.model.TestTasks.ns;
import static nscope.probes.model.TestTasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/** The tree of `ls --tree`: who hangs under whom, and the drawing before each row. */
class NsTreeTest {
    /** pid 10 <- 11 <- 12, pid 10 <- 13; pid 14's parent is unknown; owners all user 1. */
    private static Snapshot snapshot() {
        List<Task> tasks = List.of(task(1, 1, 5, links(100)));
        List<Namespace> nss = new ArrayList<>();
        for (long ino : new long[] {10, 11, 12, 13, 14}) nss.add(ns(NsKind.PID, ino, List.of(1), List.of(1)));
        nss.add(ns(NsKind.USER, 1, List.of(1), List.of(1)));
        Map<NsId, Readout<NsRelations>> rel = Map.of(
                id(10), Readout.of(new NsRelations(null, id(1), null)),
                id(11), Readout.of(new NsRelations(id(10), id(1), null)),
                id(12), Readout.of(new NsRelations(id(11), id(1), null)),
                id(13), Readout.of(new NsRelations(id(10), id(1), null)),
                id(14), Readout.unknown(Unknown.Reason.PERMISSION, "EACCES"),
                id(1), Readout.of(new NsRelations(null, null, 0L)));
        Map<Integer, Task> byTid = new java.util.HashMap<>();
        for (Task t : tasks) byTid.put(t.tid(), t);
        Map<NsId, Namespace> byId = new java.util.HashMap<>();
        for (Namespace n : nss) byId.put(n.id(), n);
        return new Snapshot(Instant.EPOCH, "test", Scope.TASKS, byTid, byId, Map.of(), List.of(), rel);
    }

    private static List<String> drawn(NsTree.Relation rel) {
        Snapshot s = snapshot();
        List<NsListing.Row> rows = NsListing.rows(s, EnumSet.allOf(NsKind.class), false, null);
        List<String> out = new ArrayList<>();
        for (NsTree.Node n : NsTree.flatten(NsTree.forest(rows, s, rel)))
            out.add(n.prefix() + n.row().ns().id());
        return out;
    }

    @Test
    void parentsNestAndUnknownParentsAreRoots() {
        assertEquals(List.of("1", "10", "├─11", "│ └─12", "└─13", "14"), drawn(NsTree.Relation.PARENT));
    }

    @Test
    void ownersNestEverythingUnderTheUserNamespace() {
        assertEquals(List.of("1", "├─10", "├─11", "├─12", "└─13", "14"), drawn(NsTree.Relation.OWNER));
    }

    @Test
    void depthCountsLevels() {
        Snapshot s = snapshot();
        List<NsListing.Row> rows = NsListing.rows(s, EnumSet.of(NsKind.PID), false, null);
        List<Integer> depths = NsTree.flatten(NsTree.forest(rows, s, NsTree.Relation.PARENT)).stream()
                .map(NsTree.Node::depth)
                .toList();
        assertEquals(List.of(0, 1, 2, 1, 0), depths);
    }
}
