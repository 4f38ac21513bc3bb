package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsKind;
import nscope.probes.model.Task;
import nscope.views.actions.Actions;
import nscope.views.keys.Binding;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import nscope.views.tree.RowKey;
import nscope.views.ui.action.ActionKeys;
import nscope.views.ui.dialog.CgroupPicker;
import nscope.views.ui.dialog.Help;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keys that enter, unshare, move and make cgroups and set limits, on the
 * synth-host fixture at 80x24: what each dialog names and what the host is
 * asked to do after it (recorded, not done: the live tests do it for real).
 */
class UiActionKeysTest extends SynthHostScreen {
    UiTest.Recorded rec;

    @BeforeEach
    void wire() {
        rec = new UiTest.Recorded();
        ui.actions(rec);
    }

    void type(String s) {
        for (char c : s.toCharArray()) keys(c);
    }

    /** A sleeping process of the fixture, selected on the processes screen. */
    Task selectSleeper() {
        Task p = sleeper();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(p)));
        return p;
    }

    static Task sleeper() {
        return UiTest.snap.tasks().values().stream()
                .filter(x -> x.leader() && x.comm().equals("sleep"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eEntersTheSelectedProcessBoundToItsStartTimeAndTheLoopGetsTheSessionOnce() throws IOException {
        Task p = selectSleeper();
        keys('e');
        assertEquals(
                List.of("prepared enter " + p.tgid() + "@" + p.startTime() + " " + Actions.EnterChoice.ALL), rec.sent);
        Actions.Session s = ui.takeSession();
        assertEquals("back from enter " + p.tgid() + "@" + p.startTime() + " " + Actions.EnterChoice.ALL, s.run());
        assertNull(ui.takeSession(), "taken once");
        ui.sessionEnded(s, "exit status 0: a shell");
        assertTrue(text().contains("exit status 0: a shell"), text());
        assertTrue(ui.refreshNow(), "the tree is read again at once");
    }

    @Test
    void aSessionPutAsideIsKeptForRAndSaidWhenItEnds() throws IOException {
        keys('r');
        assertTrue(text().contains("no session was put aside"), text());
        boolean[] alive = {true};
        Actions.Session s = new Actions.Session() {
            @Override
            public String refusal() {
                return null;
            }

            @Override
            public String run() {
                return "put aside";
            }

            @Override
            public boolean detached() {
                return alive[0];
            }

            @Override
            public String ended() {
                return alive[0] ? null : "a session put aside ended, exit status 0: x";
            }
        };
        ui.sessionEnded(s, s.run());
        assertFalse(ui.pollAside(), "still running");
        keys('r');
        assertTrue(ui.takeSession() == s, "r goes back to it");
        ui.sessionEnded(s, s.run());
        alive[0] = false;
        assertTrue(ui.pollAside());
        assertTrue(text().contains("a session put aside ended, exit status 0: x"), text());
        assertFalse(ui.pollAside(), "said once");
        keys('r');
        assertTrue(text().contains("no session was put aside"), text());
    }

    @Test
    void capitalEAsksForTypesCgroupsUserAndCommandAndARefusalKeepsTheFormOpen() throws IOException {
        Task p = selectSleeper();
        keys('E');
        String t = text();
        assertTrue(t.contains("Enter PID " + p.tgid() + " (sleep)"), t);
        assertTrue(t.contains("[x] mnt"), t);
        keys(' '); // mnt off
        keys(
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown);
        keys(KeyType.ArrowDown, ' '); // join cgroups on
        keys(KeyType.ArrowDown);
        type("refuse");
        keys(KeyType.Enter);
        assertTrue(text().contains("refused: enter"), "the refusal is said in the form, which stays: " + text());
        for (int i = 0; i < 6; i++) keys(KeyType.Backspace);
        type("1000:1000");
        keys(KeyType.ArrowDown);
        type("ps  -ef");
        keys(KeyType.Enter);
        assertEquals(
                "prepared enter " + p.tgid() + "@" + p.startTime()
                        + " EnterChoice[types=[uts, ipc, net, pid, user, cgroup, time],"
                        + " cgroups=true, user=1000:1000, command=[ps, -ef]]",
                rec.sent.get(0));
        assertTrue(ui.takeSession() != null);
    }

    @Test
    void eOnAHiddenNamespaceEntersItThroughItsHolderOnly() throws IOException {
        Namespace hidden = UiTest.snap.namespaces().values().stream()
                .filter(n ->
                        n.kind() == NsKind.NET && n.hidden() && !n.holders().isEmpty())
                .findFirst()
                .orElseThrow();
        keys('1');
        text();
        assertTrue(ui.state(AllScreens.NAMESPACES).select(new RowKey.Namespace(hidden.kind(), hidden.id())));
        keys('e');
        Actions.NsTarget ns = ActionKeys.nsTarget(hidden);
        assertTrue(
                ns.files().stream().allMatch(f -> f.matches("/proc/\\d+/(fd/\\d+|root/.+)")),
                ns.files().toString());
        assertEquals("/", ns.shellRoot());
        assertEquals(List.of("prepared enterNs " + ns + " " + Actions.EnterChoice.ALL), rec.sent);
    }

    @Test
    void uUnsharesWithTheChosenTypesHostnameAndCommand() throws IOException {
        keys('u');
        String t = text();
        assertTrue(t.contains("Unshare: a shell in new namespaces"), t);
        assertTrue(t.contains("[x] mnt") && t.contains("[ ] user"), t);
        for (int i = 0; i < 11; i++) keys(KeyType.ArrowDown);
        type("box1");
        keys(KeyType.Enter);
        assertEquals(
                "prepared unshare UnshareChoice[types=[mnt, uts, ipc, net, pid, cgroup], fork=true, mountProc=true,"
                        + " mapRoot=false, hostname=box1, command=[]]",
                rec.sent.get(0));
    }

    /** A cgroup of the fixture below a hierarchy's root, with its tree. */
    static CgroupTree treeWithChildren() {
        return UiTest.snap.cgroups().trees().stream()
                .filter(x -> x.hierarchy().version() == 2 && x.cgroups().size() > 1)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void mMovesAProcessIntoACgroupPickedFromTheTreeAfterAsking() throws IOException {
        Task p = selectSleeper();
        keys('m');
        String t = text();
        assertTrue(t.contains("Move PID " + p.tgid() + " (sleep) with all its threads into"), t);
        CgroupTree tree = treeWithChildren();
        String path = tree.cgroups().keySet().stream()
                .filter(x -> !x.equals("/"))
                .sorted()
                .findFirst()
                .orElseThrow();
        while (!text().contains("< " + tree.hierarchy().label() + " at ")) keys(KeyType.ArrowRight);
        type(path);
        keys(KeyType.Enter);
        t = text();
        assertTrue(t.contains("Move PID " + p.tgid() + " (sleep) with all its threads into this cgroup?"), t);
        assertTrue(t.contains(tree.hierarchy().label() + ":" + path), t);
        keys('y');
        assertEquals(
                "move " + p.tgid() + "@" + p.startTime() + " tid 0 into ["
                        + tree.hierarchy().label() + ":" + path + "]",
                rec.sent.get(0));
        assertTrue(ui.refreshNow());
    }

    @Test
    void mOnAThreadMovesTheThreadAloneAndAllHierarchiesTakeThePathWhereverItIs() throws IOException {
        Task thread = UiTest.snap.tasks().values().stream()
                .filter(x -> !x.leader())
                .findFirst()
                .orElseThrow();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.thread(thread)), "thread row " + thread.tid());
        keys('m');
        assertTrue(text().contains("Move thread " + thread.tid()), text());
        while (!text().contains("< all hierarchies")) keys(KeyType.ArrowLeft);
        keys(KeyType.Enter); // the first row: the root, which every hierarchy has
        String t = text();
        long hierarchies = UiTest.snap.cgroups().trees().size();
        assertTrue(t.contains("into " + hierarchies + " cgroups?"), t);
        keys('n');
        assertTrue(rec.sent.isEmpty(), "cancelled: nothing moved");
    }

    @Test
    void aMakesAChildCgroupAndRefusesAHostileName() throws IOException {
        CgroupTree tree = treeWithChildren();
        keys('3');
        text();
        assertTrue(ui.state(AllScreens.CGROUPS)
                .select(new RowKey.Cgroup(tree.hierarchy().device(), "/")));
        keys('a');
        type("../etc");
        keys(KeyType.Enter);
        assertTrue(text().contains("cannot hold /"), text());
        for (int i = 0; i < 6; i++) keys(KeyType.Backspace);
        type("nscope-test-new");
        keys(KeyType.Enter);
        assertTrue(text().contains("Make the cgroup " + tree.hierarchy().label() + ":/nscope-test-new?"), text());
        keys('y');
        assertEquals("mkdir " + tree.hierarchy().label() + ":/ nscope-test-new", rec.sent.get(0));
    }

    @Test
    void lSetsTheLimitsGivenAndOnlyThose() throws IOException {
        CgroupTree tree = treeWithChildren();
        String path = tree.cgroups().keySet().stream()
                .filter(x -> !x.equals("/"))
                .sorted()
                .findFirst()
                .orElseThrow();
        keys('3');
        text();
        assertTrue(ui.state(AllScreens.CGROUPS)
                .select(new RowKey.Cgroup(tree.hierarchy().device(), path)));
        keys('L');
        String t = text();
        assertTrue(t.contains("memory.max") && t.contains("pids.max") && t.contains("cpu.max"), t);
        keys(KeyType.Enter);
        assertTrue(text().contains("no value given"), text());
        type("32M");
        keys(KeyType.ArrowDown, KeyType.ArrowDown);
        type("50000 100000");
        keys(KeyType.Enter);
        t = text();
        assertTrue(
                t.contains("memory.max = 32M") && t.contains("cpu.max = 50000 100000") && !t.contains("pids.max ="), t);
        keys('y');
        assertEquals(
                "set " + tree.hierarchy().label() + ":" + path + " {memory.max=32M, cpu.max=50000 100000}",
                rec.sent.get(0));
    }

    @Test
    void readOnlyOffersNoActionKeyAndSaysWhy() throws IOException {
        ui.actions(Actions.readOnly("started with --read-only"));
        for (char c : new char[] {'e', 'E', 'u', 'm', 'a', 'L'}) {
            keys(c);
            assertTrue(text().contains("read-only: started with --read-only"), c + ": " + text());
            assertNull(ui.takeSession());
        }
        keys('?');
        StringBuilder all = new StringBuilder(text());
        for (int i = 0; i < 30; i++) {
            keys(KeyType.ArrowDown);
            all.append(text());
        }
        for (Binding b : ui.keyTable().all())
            if (b.mutates())
                assertFalse(all.toString().contains("\n" + b.shown() + " "), "no " + b.shown() + " in the help");
    }

    /** The fixture's container c2 (synth-host's): its PID 1, as nscope's state would name it. */
    static ContainerMarks.Container c2(List<String> namespaces) {
        Task init = UiTest.snap.tasks().values().stream()
                .filter(t -> t.leader()
                        && t.nsPid().known()
                        && t.nsPid().get().size() > 1
                        && t.nsPid().get().get(t.nsPid().get().size() - 1) == 1
                        && UiTest.snap
                                .leader(t.ppid())
                                .map(p -> p.commandLine().contains("c2.sh"))
                                .orElse(false))
                .findFirst()
                .orElseThrow();
        CgroupTree pids = UiTest.snap.cgroups().trees().stream()
                .filter(t -> t.hierarchy().label().equals("pids"))
                .findFirst()
                .orElseThrow();
        String path = pids.cgroups().keySet().stream()
                .filter(p -> p.endsWith("/c2"))
                .findFirst()
                .orElseThrow();
        return new ContainerMarks.Container("web", init.tgid(), init.startTime(), namespaces, List.of("pids:" + path));
    }

    @Test
    void aContainersRowsAreMarkedOnEveryScreenAndOnlyItsOwnNamespaces() throws IOException {
        ContainerMarks.Container c = c2(List.of("pid", "mnt", "uts", "ipc", "net", "cgroup"));
        ui.containers(() -> List.of(c));
        ui.show(Screens.of(UiTest.snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        Task init = UiTest.snap.tasks().get(c.pid());
        assertEquals("web", ui.containerOf(RowKey.Task.process(init)));
        assertEquals(
                "web",
                ui.containerOf(new RowKey.Namespace(
                        NsKind.UTS, init.ns(nscope.probes.model.NsLink.UTS).get())));
        assertNull(
                ui.containerOf(new RowKey.Namespace(
                        NsKind.USER, init.ns(nscope.probes.model.NsLink.USER).get())),
                "the host's user namespace is not the container's");
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(init)));
        assertTrue(text().contains("[ctr web]"), text());
        keys('1');
        text();
        assertTrue(ui.state(AllScreens.NAMESPACES)
                .select(new RowKey.Namespace(
                        NsKind.UTS, init.ns(nscope.probes.model.NsLink.UTS).get())));
        assertTrue(text().contains("[ctr web]"), text());
        Task shim = UiTest.snap.leader(init.ppid()).orElseThrow();
        assertEquals(
                "web", ui.containerOf(RowKey.Task.process(shim)), "the monitor above its PID 1 is the container's too");
        keys('2');
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(shim)));
        keys('e');
        assertEquals(
                "prepared enter " + init.tgid() + "@" + init.startTime() + " " + Actions.EnterChoice.ALL,
                rec.sent.get(rec.sent.size() - 1),
                "e on the monitor enters the container's PID 1");
        ContainerMarks.Container gone =
                new ContainerMarks.Container("old", c.pid(), c.startTime() + 1, c.namespaces(), c.cgroups());
        ui.containers(() -> List.of(gone));
        ui.show(Screens.of(UiTest.snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        assertNull(ui.containerOf(RowKey.Task.process(init)), "a PID with another start time is not the container");
    }

    @Test
    void cMakesAContainerFromTheFormAndXStopsOrRemovesTheOneARowBelongsTo() throws IOException {
        keys('c');
        assertTrue(text().contains("New container (nscope run)"), text());
        keys(KeyType.Enter);
        assertTrue(text().contains("give an image"), text());
        type("/img");
        keys(KeyType.ArrowDown);
        type("sleep 9");
        keys(KeyType.ArrowDown);
        type("web");
        for (int i = 0; i < 4; i++) keys(KeyType.ArrowDown);
        keys(KeyType.ArrowDown);
        for (int i = 0; i < 8; i++) keys(KeyType.Backspace);
        type("bridge");
        keys(
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown,
                KeyType.ArrowDown); // past address, user and time namespaces
        keys(' '); // in the background
        keys(KeyType.Enter);
        assertEquals(
                "runDetached RunChoice[name=web, image=/img, command=[sleep, 9], hostname=, memory=, pids=, cpu=, net=bridge, ip=,"
                        + " userns=false, timens=false]",
                rec.sent.get(0));
        assertTrue(text().contains("started web"), text());
        keys('x');
        assertTrue(text().contains("select a row marked [ctr NAME]"), "not a container's row: " + text());
        ContainerMarks.Container c = c2(List.of("pid"));
        ui.containers(() -> List.of(c));
        ui.show(Screens.of(UiTest.snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        assertTrue(ui.state(AllScreens.PROCESSES)
                .select(RowKey.Task.process(UiTest.snap.tasks().get(c.pid()))));
        keys('x');
        assertTrue(text().contains("Stop the container web?"), text());
        keys('s');
        assertTrue(text().contains("Remove the container web and all it made?"), text());
        keys('y');
        assertEquals("rm container web", rec.sent.get(1));
    }

    @Test
    void capitalCListsTheContainersToShowEnterStopOrRemoveOne() throws IOException {
        ContainerMarks.Container c = c2(List.of("pid"));
        rec.containerPid = c.pid();
        ui.containers(() -> List.of(c));
        ui.show(Screens.of(UiTest.snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        keys('3', 'C');
        String t = text();
        assertTrue(
                t.contains("nscope's containers (nscope ps)")
                        && t.contains("web   running  " + c.pid())
                        && t.contains("old   exited"),
                t);
        keys(KeyType.Enter);
        assertEquals(AllScreens.PROCESSES, ui.screen(), "Enter shows its PID 1");
        assertEquals(
                RowKey.Task.process(UiTest.snap.tasks().get(c.pid())),
                ui.state(AllScreens.PROCESSES).selected());
        keys('C', 'e');
        assertEquals(
                "prepared enter " + c.pid() + "@" + c.startTime() + " " + Actions.EnterChoice.ALL,
                rec.sent.get(rec.sent.size() - 1));
        ui.takeSession();
        keys('C', KeyType.ArrowDown, 'e');
        assertTrue(text().contains("old is not running"), text());
        keys('C', KeyType.ArrowDown, 'x');
        assertTrue(text().contains("Stop the container old?"), text());
        keys('y');
        assertEquals("stop container old", rec.sent.get(rec.sent.size() - 1));
    }

    @Test
    void theCgroupPickerListsParentsBeforeChildren() {
        List<String> sorted = new java.util.ArrayList<>(List.of("/a-c", "/a/b", "/b", "/", "/a"));
        sorted.sort(CgroupPicker.TREE_ORDER);
        assertEquals(List.of("/", "/a", "/a/b", "/a-c", "/b"), sorted);
    }

    @Test
    void helpLinesWrapWithoutLosingAWord() {
        List<Binding> help = ui.keyTable().offered(Mode.NORMAL, true);
        List<String> lines = Help.lines(help, 73);
        assertTrue(lines.stream().allMatch(l -> l.length() <= 73), lines.toString());
        String joined = String.join(" ", lines).replaceAll("\\s+", " ");
        for (Binding b : help) assertTrue(joined.contains(b.shown() + " " + b.help()), b.help());
    }

    @Test
    void theWholeHelpCanBeReadAt80x24() throws IOException {
        keys('?');
        StringBuilder all = new StringBuilder(text());
        assertTrue(all.toString().contains("Up/Down: more"), all.toString());
        for (int i = 0; i < 3 * ui.keyTable().all().size(); i++) { // the columns, the marks, then the keys
            keys(KeyType.ArrowDown);
            all.append(text());
        }
        for (Binding b : ui.keyTable().offered(Mode.NORMAL, true))
            assertTrue(all.toString().contains(b.shown() + " "), "help shows " + b.shown());
        keys('x');
        assertFalse(text().contains("nscope keys"), "any other key closes it");
    }
}
