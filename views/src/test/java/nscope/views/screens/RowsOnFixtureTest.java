package nscope.views.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The screens' rows built from the recorded synth-host fixture (3 containers, a nested pid level, hidden netns). */
class RowsOnFixtureTest {
    static Snapshot snap;

    @BeforeAll
    static void read() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        snap = new Collector(Host.under(repo.resolve("fixtures/synth-host"))).collect();
    }

    static List<Node> all(Forest f) {
        List<Node> out = new ArrayList<>();
        List<Node> todo = new ArrayList<>(f.roots());
        while (!todo.isEmpty()) {
            Node n = todo.remove(0);
            out.add(n);
            todo.addAll(n.children());
        }
        return out;
    }

    @Test
    void everyTaskIsARowAndThreadsHangUnderTheirProcess() {
        Forest f = AllScreens.PROCESSES.rows(snap, CgroupCpu.none());
        assertEquals(snap.tasks().size(), f.size(), "one row per task");
        Task threaded = snap.tasks().values().stream()
                .filter(t -> !t.leader() && t.comm().startsWith("threads"))
                .findFirst()
                .orElseGet(() -> snap.tasks().values().stream()
                        .filter(t -> !t.leader())
                        .findFirst()
                        .orElseThrow());
        Node lead = f.node(RowKey.Task.process(snap.leader(threaded.tgid()).orElseThrow()))
                .orElseThrow();
        assertTrue(
                lead.children().stream().anyMatch(n -> n.id().equals(RowKey.Task.thread(threaded))),
                "the thread under its leader");
        Node t = f.node(RowKey.Task.thread(threaded)).orElseThrow();
        assertEquals(
                List.of(threaded.tgid(), threaded.tgid(), threaded.tid()),
                t.cells().subList(0, 3).stream().map(Integer::parseInt).toList(),
                "PID, TGID, TID side by side; a thread's PID is its process's, as ps -eLf shows it");
        assertTrue(t.cells().get(6).startsWith("{"), "a thread shows its own name: " + t.cells());
        // a process in a container's nested pid namespace has its PID at every level
        assertTrue(all(f).stream().anyMatch(n -> n.cells().get(3).split("/").length == 3), "NSpid with three levels");
        // every process row's parent is its parent process
        for (Task p : snap.tasks().values()) {
            if (!p.leader() || snap.leader(p.ppid()).isEmpty()) continue;
            assertEquals(
                    RowKey.Task.process(snap.leader(p.ppid()).get()),
                    f.parent(RowKey.Task.process(p)).orElseThrow());
        }
    }

    @Test
    void namespacesGroupedByTypeWithPidNamespacesNested() {
        Forest f = AllScreens.NAMESPACES.rows(snap, CgroupCpu.none());
        List<RowKey> groups = f.roots().stream().map(Node::id).toList();
        assertEquals(new RowKey.NsGroup(NsKind.PID), groups.get(0));
        Node pid = f.roots().get(0);
        // the host's pid namespace at the top, the containers' under it, their nested levels under those
        assertEquals(
                1,
                pid.children().size(),
                "one root pid namespace: "
                        + pid.children().stream().map(Node::cells).toList());
        Node host = pid.children().get(0);
        assertEquals(3, host.children().size(), "three containers");
        assertTrue(host.children().stream().allMatch(c -> c.children().size() == 1), "each with one nested level");
        assertTrue(host.cells().get(3).contains("level 0"), host.cells().toString());
        // hidden network namespaces carry what holds them
        List<Node> hidden =
                all(f).stream().filter(n -> n.mark().startsWith("hidden")).toList();
        assertEquals(2, hidden.size(), "the fixture's two hidden netns");
        assertTrue(hidden.stream().anyMatch(n -> n.mark().contains("fd "))
                && hidden.stream().anyMatch(n -> n.mark().contains("mount ")));
        // the uts namespaces name their hostnames
        Node uts = f.node(new RowKey.NsGroup(NsKind.UTS)).orElseThrow();
        assertTrue(uts.children().stream().anyMatch(n -> n.cells().get(3).contains("hostname nscope-test-fx-c1")));
        assertFalse(f.size() < snap.namespaces().size(), "every namespace is a row");
    }
}
