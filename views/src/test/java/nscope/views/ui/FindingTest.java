package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Task;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Link;
import nscope.views.screens.Screen;
import nscope.views.tree.Forest;
import nscope.views.tree.Forests;
import nscope.views.tree.Node;
import nscope.views.tree.Row;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.Test;

/** Issue 15, item 15 at 80x24: a filter opens the tree to its matches; Backspace restores the link; names rank first. */
class FindingTest extends SynthHostScreen {
    void type(String s) {
        for (char c : s.toCharArray()) keys(c);
    }

    @Test
    void aFilterOpensTheTreeToEveryMatchAndSelectsTheFirst() throws IOException {
        List<Node> sleeps = Forests.inOrder(ui.state(AllScreens.PROCESSES).forest()).stream()
                .filter(n -> n.cells().get(n.cells().size() - 1).contains("sleep"))
                .toList();
        assertTrue(sleeps.size() > 1, "the fixture's containers sleep");
        Set<RowKey> visible = ids(ui.state(AllScreens.PROCESSES).rows());
        assertTrue(sleeps.stream().anyMatch(n -> !visible.contains(n.id())), "some are in collapsed rows before");
        keys('f');
        type("sleep");
        keys(KeyType.Enter);
        String t = text();
        Set<RowKey> now = ids(ui.state(AllScreens.PROCESSES).rows());
        for (Node n : sleeps) assertTrue(now.contains(n.id()), "visible: " + n.cells() + "\n" + t);
        assertEquals(sleeps.get(0).id(), ui.state(AllScreens.PROCESSES).selected(), "the first match is selected");
        assertTrue(t.contains("sleep"), t);
        // a refresh under the same filter keeps what the user closed closed
        keys(KeyType.Home);
        RowKey top = ui.state(AllScreens.PROCESSES).selected();
        keys(KeyType.ArrowLeft);
        int closed = ui.state(AllScreens.PROCESSES).rows().size();
        ui.show(Screens.of(snap, CgroupCpu.none(), "sleep"), HostFacts.recorded("synth-host"), false);
        text();
        assertEquals(closed, ui.state(AllScreens.PROCESSES).rows().size(), "still closed at " + top);
    }

    static Set<RowKey> ids(List<Row> rows) {
        return rows.stream().map(r -> r.node().id()).collect(Collectors.toSet());
    }

    @Test
    void backspaceComesBackWithTheLinkThatWasFollowedChosen() throws IOException {
        Task c = snap.tasks().values().stream()
                .filter(x -> x.leader() && x.comm().equals("sleep"))
                .findFirst()
                .orElseThrow();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(c)));
        List<Link> links =
                AllScreens.PROCESSES.detail(snap, RowKey.Task.process(c)).links();
        assertTrue(links.size() > 3, links.toString());
        keys(']', ']', ']', KeyType.Enter);
        assertEquals(links.get(3).to(), ui.state(ui.screen()).selected(), "the fourth link followed");
        keys(KeyType.Backspace);
        assertEquals(AllScreens.PROCESSES, ui.screen());
        String t = text();
        assertTrue(t.contains("<" + links.get(3).label() + ">"), "the link followed is chosen again: " + t);
        keys(KeyType.Enter);
        assertEquals(links.get(3).to(), ui.state(ui.screen()).selected(), "Enter follows it again");
    }

    static Node task(int pid, String command) {
        return new Node(
                new RowKey.Task(pid, pid, false),
                List.of("" + pid, "" + pid, "" + pid, "" + pid, "S", "root", command),
                List.of());
    }

    @Test
    void searchFindsTheCommandNameBeforeAnArgumentThatHoldsIt() throws IOException {
        Map<Screen, Forest> f =
                new HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        Node init = new Node(
                new RowKey.Task(9001, 9001, false),
                List.of("9001", "9001", "9001", "9001", "S", "root", "init"),
                List.of(
                        task(9002, "env EDITOR=vim LANG=C.UTF-8 make"),
                        task(9003, "/usr/bin/python3 -m http.server"),
                        task(9004, "vim notes.txt"),
                        task(9005, "sh -c VIMRC=/dev/null true"),
                        task(9006, "/usr/bin/vim /etc/hosts")));
        f.put(AllScreens.PROCESSES, new Forest(List.of(init)));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        keys('/');
        type("vim");
        keys(KeyType.Enter);
        assertEquals(
                new RowKey.Task(9004, 9004, false),
                ui.state(AllScreens.PROCESSES).selected(),
                text());
        assertTrue(text().contains("found: vim (match 1 of 4: 2 by name, then 2 in other text)"), text());
        keys('n');
        assertEquals(
                new RowKey.Task(9006, 9006, false),
                ui.state(AllScreens.PROCESSES).selected(),
                "/usr/bin/vim");
        keys('n');
        assertEquals(
                new RowKey.Task(9002, 9002, false),
                ui.state(AllScreens.PROCESSES).selected(),
                "then EDITOR=vim");
        keys('n', 'n');
        assertEquals(
                new RowKey.Task(9004, 9004, false),
                ui.state(AllScreens.PROCESSES).selected(),
                "round again");
        keys('N');
        assertEquals(
                new RowKey.Task(9005, 9005, false),
                ui.state(AllScreens.PROCESSES).selected(),
                "N goes back");
    }
}
