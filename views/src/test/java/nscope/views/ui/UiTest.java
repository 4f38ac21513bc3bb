package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.actions.Actions;
import nscope.views.keys.Binding;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.Test;

/** The screen on Lanterna's virtual terminal, fed the synth-host fixture: keys in, text out. */
class UiTest extends SynthHostScreen {
    @Test
    void opensOnTheProcessTreeWithAHeaderTabsAndTheDetailPane() throws IOException {
        String t = text();
        assertTrue(t.startsWith("nscope  recorded synth-host"), t);
        assertTrue(
                t.contains(snap.threadGroups().size() + " processes, "
                        + snap.tasks().size() + " threads"),
                t);
        assertTrue(t.contains(" 2 Processes "), t);
        assertTrue(t.contains("PID    TGID     TID"), t);
        assertTrue(t.contains("/process_api"), t);
        assertTrue(t.contains("links [ ] Enter:"), t);
        for (String line : t.split("\n")) assertTrue(line.length() <= 80, "fits 80 columns: " + line);
    }

    @Test
    void followingALinkAndGoingBack() throws IOException {
        Task c = snap.tasks().values().stream()
                .filter(x -> x.leader() && x.comm().equals("sleep"))
                .findFirst()
                .orElseThrow();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(c)));
        String t = text();
        assertTrue(t.contains("process " + c.tid() + " of thread group"), t);
        // the first link is its parent; ] moves to the next: its cgroup namespace's link comes first among namespaces
        keys(KeyType.Enter);
        assertEquals(AllScreens.PROCESSES, ui.screen(), "the parent is a process");
        assertEquals(
                RowKey.Task.process(snap.leader(c.ppid()).orElseThrow()),
                ui.state(AllScreens.PROCESSES).selected());
        keys(KeyType.Backspace);
        assertEquals(
                RowKey.Task.process(c),
                ui.state(AllScreens.PROCESSES).selected(),
                "back where the link was followed from");
        keys(']', KeyType.Enter);
        assertEquals(AllScreens.NAMESPACES, ui.screen(), "its first namespace");
        assertTrue(
                ui.state(AllScreens.NAMESPACES).selected() instanceof RowKey.Namespace,
                String.valueOf(ui.state(AllScreens.NAMESPACES).selected()));
        keys('b');
        assertEquals(AllScreens.PROCESSES, ui.screen());
    }

    @Test
    void searchFindsAndHelpComesFromTheKeyMap() throws IOException {
        keys('/', 'n', 's', 'c', 'o', 'p', 'e', '-', 't', 'e', 's', 't', '-', 'f', 'x', '-', 'c', '2', KeyType.Enter);
        assertTrue(text().contains("found: nscope-test-fx-c2"));
        keys('?');
        StringBuilder all = new StringBuilder(text());
        for (int i = 0; i < 60; i++) { // the columns and the marks come first
            keys(KeyType.ArrowDown);
            all.append(text());
        }
        String t = all.toString();
        for (Binding b : ui.keyTable().offered(Mode.NORMAL, false))
            assertTrue(t.contains(b.shown()), "help lists " + b.shown() + "\n" + t);
        assertFalse(t.contains("K, F9"), "read-only: no key that changes the host is offered\n" + t);
        keys('x');
        assertFalse(text().contains("any key closes"));
    }

    @Test
    void numberKeysSwitchScreens() throws IOException {
        keys('1');
        int pids = snap.namespaces(nscope.probes.model.NsKind.PID).size();
        String t = text();
        assertTrue(t.contains("NPROCS NTASKS     PID NAMESPACE") && t.contains("pid (" + pids + " namespaces"), t);
        keys('3');
        t = text();
        assertTrue(t.contains("PROCS TASKS") && t.contains("- v2 on /sys/fs/cgr"), t); // cut at column 80
        keys('4');
        t = text();
        assertTrue(t.contains("FSTYPE    PROPAGATION") && t.contains("mnt:["), t);
        keys(KeyType.Tab);
        assertEquals(AllScreens.NAMESPACES, ui.screen());
    }

    @Test
    void belowTheMinimumSizeItAsksForRoomAndRecovers() throws IOException {
        vt.setTerminalSize(new TerminalSize(60, 20));
        screen.doResizeIfNecessary();
        assertTrue(text().contains("needs at least 80x24 (this is 60x20)"));
        vt.setTerminalSize(new TerminalSize(200, 60));
        screen.doResizeIfNecessary();
        String t = text();
        assertTrue(t.contains(" 2 Processes "), t);
        assertEquals(60, t.split("\n", -1).length - 1);
    }

    @Test
    void hostileNamesAreEscapedOnScreen() throws IOException {
        Map<Screen, nscope.views.tree.Forest> f =
                new java.util.HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        nscope.views.tree.Node evil = new nscope.views.tree.Node(
                new RowKey.Task(666, 1, false),
                List.of("666", "666", "666", "666", "S", "root", "\u001b[2J\u001b]0;owned\u0007evil\nname\u009b31m"),
                List.of());
        f.put(AllScreens.PROCESSES, new nscope.views.tree.Forest(List.of(evil)));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        String t = text();
        assertTrue(t.contains("\\x1b[2J\\x1b]0;owned\\x07evil\\nn"), t); // the rest lies past column 80
        for (int y = 0; y < 24; y++)
            for (int x = 0; x < 80; x++) {
                char c = vt.getCharacter(x, y).getCharacterString().charAt(0);
                assertFalse(
                        c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0),
                        "a control character reached the screen at " + x + "," + y);
            }
    }

    @Test
    void aRefreshInWhichTheSelectedProcessVanishes() throws IOException {
        Task c = snap.tasks().values().stream()
                .filter(x -> x.leader() && x.comm().equals("sleep"))
                .findFirst()
                .orElseThrow();
        RowKey id = RowKey.Task.process(c);
        ui.state(AllScreens.PROCESSES).select(id);
        Map<Screen, nscope.views.tree.Forest> f =
                new java.util.HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        f.put(AllScreens.PROCESSES, without(f.get(AllScreens.PROCESSES), id));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        RowKey now = ui.state(AllScreens.PROCESSES).selected();
        assertFalse(now.equals(id));
        RowKey parent = RowKey.Task.process(snap.leader(c.ppid()).orElseThrow());
        assertTrue(
                now.equals(parent)
                        || f.get(AllScreens.PROCESSES)
                                .parent(now)
                                .map(parent::equals)
                                .orElse(false),
                "a sibling under the same parent, or the parent: " + now);
        assertTrue(text().contains(" 2 Processes "));
    }

    @Test
    void newGoneAndMovedRowsAreCountedOnTheStatusLine() throws IOException {
        Map<Screen, nscope.views.tree.Forest> f =
                new java.util.HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        nscope.views.tree.Node a = new nscope.views.tree.Node(
                new RowKey.Task(1, 1, false),
                List.of("1", "1", "1", "1", "S", "root", "init"),
                List.of(
                        new nscope.views.tree.Node(
                                new RowKey.Task(2, 2, false),
                                List.of("2", "2", "2", "2", "S", "root", "sshd"),
                                List.of(new nscope.views.tree.Node(
                                        new RowKey.Task(3, 3, false),
                                        List.of("3", "3", "3", "3", "S", "root", "bash"),
                                        List.of()))),
                        new nscope.views.tree.Node(
                                new RowKey.Task(4, 4, false),
                                List.of("4", "4", "4", "4", "S", "root", "cron"),
                                List.of())));
        f.put(AllScreens.PROCESSES, new nscope.views.tree.Forest(List.of(a)));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        // sshd exits: bash is re-parented to init; cron goes; a new process comes
        nscope.views.tree.Node b = new nscope.views.tree.Node(
                new RowKey.Task(1, 1, false),
                List.of("1", "1", "1", "1", "S", "root", "init"),
                List.of(
                        new nscope.views.tree.Node(
                                new RowKey.Task(3, 3, false),
                                List.of("3", "3", "3", "3", "S", "root", "bash"),
                                List.of()),
                        new nscope.views.tree.Node(
                                new RowKey.Task(5, 5, false),
                                List.of("5", "5", "5", "5", "S", "root", "new"),
                                List.of())));
        Map<Screen, nscope.views.tree.Forest> g = new java.util.HashMap<>(f);
        g.put(AllScreens.PROCESSES, new nscope.views.tree.Forest(List.of(b)));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), g), HostFacts.recorded("synth-host"), false);
        assertTrue(
                text().contains("since the last refresh: 1 new (marked [new]), 2 gone, 1 moved (marked [moved])"),
                "without colour, the marks as drawn: " + text());
    }

    static nscope.views.tree.Forest without(nscope.views.tree.Forest f, RowKey id) {
        return new nscope.views.tree.Forest(f.roots().stream()
                .map(n -> drop(n, id))
                .filter(java.util.Objects::nonNull)
                .toList());
    }

    static nscope.views.tree.Node drop(nscope.views.tree.Node n, RowKey id) {
        if (n.id().equals(id)) return null;
        return new nscope.views.tree.Node(
                n.id(),
                n.cells(),
                n.mark(),
                n.children().stream()
                        .map(k -> drop(k, id))
                        .filter(java.util.Objects::nonNull)
                        .toList());
    }

    @Test
    void sortKeyCyclesThroughTheColumns() throws IOException {
        keys('s');
        assertEquals(Map.of(AllScreens.PROCESSES, 0), ui.sortBy());
        assertTrue(text().contains("sorted by PID"), text());
        // the rows are rebuilt, sorted (figures biggest first, as top does), when the screen is drawn next
        for (nscope.views.tree.Node n : ui.state(AllScreens.PROCESSES).forest().roots()) {
            List<Integer> pids = n.children().stream()
                    .map(c -> Integer.parseInt(c.cells().get(0).strip()))
                    .toList();
            assertEquals(
                    pids.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                    pids,
                    "children of " + n.id() + " by PID");
            assertTrue(pids.size() > 1, "siblings to sort");
        }
        for (int i = 0; i < AllScreens.PROCESSES.columns().size(); i++) keys('s');
        assertEquals(Map.of(), ui.sortBy(), "after the last column, the tree's own order");
    }

    @Test
    void refusedReadsAreSaidPlainly() throws IOException {
        long refused = snap.tasks().values().stream()
                .filter(t -> java.util.Arrays.stream(nscope.probes.model.NsLink.values())
                        .anyMatch(l -> !t.ns(l).known()
                                && t.ns(l).why().reason() == nscope.probes.readout.Unknown.Reason.PERMISSION))
                .count();
        assertTrue(refused > 0, "the fixture's PID 1 and its threads refuse even root");
        assertTrue(text().contains("the kernel refused the namespaces of " + refused + " tasks"), text());
    }

    @Test
    void quitKeys() {
        assertFalse(ui.key(new KeyStroke('q', false, false)));
        assertFalse(ui.key(new KeyStroke('c', true, false)), "Ctrl-C");
        assertFalse(ui.key(new KeyStroke(KeyType.EOF)));
    }

    @Test
    void noColorMeansNoColor() {
        assertFalse(Palette.from(Map.of("NO_COLOR", "1"), false).color());
        assertFalse(Palette.from(Map.of(), true).color());
        assertTrue(Palette.from(Map.of(), false).color());
        assertTrue(
                Palette.from(Map.of("NO_COLOR", ""), false).color(),
                "an empty NO_COLOR is unset, as no-color.org says");
    }

    @Test
    void aScreenALiveRefreshDidNotBuildIsBuiltOffTheKeyWhenTurnedTo() throws IOException {
        List<Runnable> builds = new java.util.ArrayList<>();
        Ui fresh = new Ui(new Palette(false), builds::add);
        fresh.show(
                Screens.of(snap, CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.PROCESSES)),
                HostFacts.recorded("synth-host"),
                true);
        assertTrue(fresh.state(AllScreens.NAMESPACES).forest().roots().isEmpty(), "only the processes were built");
        ui = fresh;
        keys('1');
        String t = text();
        assertTrue(
                t.contains("building the Namespaces rows from the last refresh..."),
                "the key is answered at once: " + t);
        assertEquals(1, builds.size(), "one build, however often the screen is drawn meanwhile: " + text());
        builds.remove(0).run();
        assertTrue(fresh.rowsReady());
        t = text();
        assertTrue(t.contains("NPROCS NTASKS") && t.contains("pid:[") && t.contains("mnt:["), t);
        assertEquals(
                NsKindCount.groups(snap),
                fresh.state(AllScreens.NAMESPACES).forest().roots().size(),
                "one group per namespace type");
        assertTrue(builds.isEmpty(), "built once for this refresh");
    }

    @Test
    void aLinkFollowedToAScreenBeingBuiltSelectsItsTargetWhenTheRowsArrive() throws IOException {
        List<Runnable> builds = new java.util.ArrayList<>();
        Ui fresh = new Ui(new Palette(false), builds::add);
        fresh.show(
                Screens.of(snap, CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.PROCESSES)),
                HostFacts.recorded("synth-host"),
                true);
        ui = fresh;
        text();
        keys(KeyType.Enter); // the first link of PID 1's detail: one of its cgroups
        Screen target = fresh.screen();
        assertEquals(AllScreens.CGROUPS, target);
        assertTrue(fresh.state(target).forest().roots().isEmpty(), "not built yet");
        builds.remove(0).run();
        text();
        RowKey sel = fresh.state(target).selected();
        assertEquals(
                AllScreens.PROCESSES
                        .detail(snap, RowKey.Task.process(snap.tasks().get(1)))
                        .links()
                        .get(0)
                        .to(),
                sel,
                "the cgroup the link named");
        assertTrue(text().contains("cgroup"), text());
        keys('b');
        assertEquals(AllScreens.PROCESSES, fresh.screen());
        assertEquals(
                RowKey.Task.process(snap.tasks().get(1)),
                fresh.state(AllScreens.PROCESSES).selected(),
                "back where the link was followed");
    }

    @Test
    void thePinnedProcessIsTheSelectedProcessOrThreadsGroup() {
        Task thread = snap.tasks().values().stream()
                .filter(x -> !x.leader())
                .findFirst()
                .orElseThrow();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.thread(thread)));
        keys('j', 'k'); // pinned is taken after each key
        assertEquals(thread.tgid(), ui.pinned(), "a thread pins its process");
        keys('1');
        assertEquals(0, ui.pinned(), "a namespace row pins no process");
    }

    @Test
    void theHeaderSaysHowOldWhatARefreshCarriedOverIs() throws IOException {
        ui.freshness(new nscope.probes.Refresher.Freshness(40, 12, 20));
        assertTrue(
                text().split("\n")[1].startsWith("refreshed ")
                        && text().split("\n")[1].contains("(others <=40s)"),
                text());
        ui.freshness(new nscope.probes.Refresher.Freshness(0, 0, 1));
        assertFalse(text().contains("others <="), "a cycle of one refresh carries nothing over");
    }

    @Test
    void aRefreshThatFoundNothingNewClearsTheMarksAndKeepsTheRows() throws IOException {
        ui.show(
                Screens.of(snap, CgroupCpu.none(), ""),
                HostFacts.recorded("synth-host"),
                false); // past the quick first frame
        Map<Screen, nscope.views.tree.Forest> f =
                new java.util.HashMap<>(Screens.of(snap, CgroupCpu.none(), "").forests());
        f.put(
                AllScreens.PROCESSES,
                without(
                        f.get(AllScreens.PROCESSES),
                        f.get(AllScreens.PROCESSES)
                                .roots()
                                .get(0)
                                .children()
                                .get(0)
                                .id()));
        ui.show(new Screens(snap, CgroupCpu.none(), "", Map.of(), f), HostFacts.recorded("synth-host"), false);
        assertTrue(text().contains("since the last refresh: 0 new (marked [new]), 1 gone"), text());
        int rows = ui.state(AllScreens.PROCESSES).rows().size();
        ui.unchanged(null);
        assertFalse(text().contains("since the last refresh"), text());
        assertEquals(rows, ui.state(AllScreens.PROCESSES).rows().size());
    }

    /** Actions that record what they were asked to do. */
    static final class Recorded implements Actions {
        final List<String> sent = new java.util.ArrayList<>();

        @Override
        public String refusal() {
            return null;
        }

        @Override
        public List<String> signals() {
            return List.of("TERM", "KILL");
        }

        @Override
        public String signal(List<Target> targets, String signal) {
            for (Target t : targets) sent.add(signal + " " + t.pid() + "@" + t.startTime());
            return "SIG" + signal + " sent to " + targets.size();
        }

        @Override
        public String cgroup(CgroupTarget target, String change) {
            sent.add(change + " " + target.label() + " at " + target.mountPoint());
            return change + " done";
        }

        @Override
        public String mkdir(CgroupTarget parent, String name) {
            sent.add("mkdir " + parent.label() + " " + name);
            return "made " + name;
        }

        @Override
        public String set(CgroupTarget target, Map<String, String> values) {
            sent.add("set " + target.label() + " " + values);
            return "set " + values;
        }

        @Override
        public String move(Target process, int tid, List<CgroupTarget> into) {
            sent.add("move " + process.pid() + "@" + process.startTime() + " tid " + tid + " into "
                    + into.stream().map(CgroupTarget::label).toList());
            return "moved";
        }

        /** A session that records its request when made and when run; "refuse" as the user refuses it. */
        Session session(String what, String user) {
            if ("refuse".equals(user)) return Session.refused("refused: " + what);
            sent.add("prepared " + what);
            return new Session() {
                @Override
                public String refusal() {
                    return null;
                }

                @Override
                public String run() {
                    sent.add("ran " + what);
                    return "back from " + what;
                }
            };
        }

        @Override
        public Session enter(Target process, EnterChoice c) {
            return session("enter " + process.pid() + "@" + process.startTime() + " " + c, c.user());
        }

        @Override
        public Session enterNamespace(NsTarget ns, EnterChoice c) {
            return session("enterNs " + ns + " " + c, c.user());
        }

        @Override
        public Session unshare(UnshareChoice c) {
            return session("unshare " + c, c.hostname());
        }

        @Override
        public Session run(RunChoice c) {
            return session("run " + c, c.name());
        }

        @Override
        public String runDetached(RunChoice c) {
            sent.add("runDetached " + c);
            return "started " + c.name();
        }

        @Override
        public List<String> containers() {
            return List.of("NAME  STATE    PID", "web   running  " + containerPid, "old   exited   -");
        }

        int containerPid;

        @Override
        public String container(String name, String change) {
            sent.add(change + " container " + name);
            return change + " " + name + " done";
        }
    }

    @Test
    void aSignalToEveryProcessOfANamespaceAsksFirstNamingThem() throws IOException {
        Recorded rec = new Recorded();
        ui.actions(rec);
        keys('?');
        StringBuilder help = new StringBuilder(text());
        for (int i = 0; i < 3 * ui.keyTable().all().size(); i++) { // the columns, the marks, then the keys
            keys(KeyType.ArrowDown);
            help.append(text());
        }
        assertTrue(help.toString().contains("K, F9"), "with actions, the help offers them");
        keys('x', '1');
        nscope.probes.model.Namespace uts = snap.namespaces().values().stream()
                .filter(n -> n.kind() == nscope.probes.model.NsKind.UTS
                        && n.processes().size() > 1
                        && n.processes().stream()
                                .noneMatch(p -> p == 1 || snap.tasks().get(p).kernelThread()))
                .findFirst()
                .orElseThrow();
        assertTrue(ui.state(AllScreens.NAMESPACES).select(new RowKey.Namespace(uts.kind(), uts.id())));
        keys('K');
        String t = text();
        assertTrue(t.contains("Send SIGTERM to " + uts.processes().size() + " processes?"), t);
        assertTrue(
                t.contains("PID " + uts.processes().get(0) + " (started at tick "
                        + snap.tasks().get(uts.processes().get(0)).startTime() + ")"),
                t);
        keys('s');
        assertTrue(text().contains("Send SIGKILL"), "s: the next signal");
        keys('y');
        assertEquals(uts.processes().size(), rec.sent.size());
        assertTrue(rec.sent.get(0).startsWith("KILL " + uts.processes().get(0) + "@"), rec.sent.toString());
        assertTrue(text().contains("SIGKILL sent to " + uts.processes().size()), text());
        assertTrue(ui.refreshNow(), "the loop refreshes at once");
        keys('2', 'K', 'x');
        assertTrue(text().contains("nothing changed"), "any other key cancels");
        assertEquals(uts.processes().size(), rec.sent.size());
    }

    @Test
    void aSignalToANamespaceOrCgroupLeavesOutTheHostsInitAndKernelThreadsAndNamesAPid1() throws IOException {
        Recorded rec = new Recorded();
        ui.actions(rec);
        keys('1');
        // the host's pid namespace (kthreadd's): every process but its kernel threads
        nscope.probes.model.Namespace host = snap.namespaces().values().stream()
                .filter(n -> n.kind() == nscope.probes.model.NsKind.PID
                        && n.processes().contains(2))
                .findFirst()
                .orElseThrow();
        long kernel = host.processes().stream()
                .filter(p -> snap.tasks().get(p).kernelThread())
                .count();
        assertTrue(kernel > 1, "the fixture has kernel threads");
        assertTrue(ui.state(AllScreens.NAMESPACES).select(new RowKey.Namespace(host.kind(), host.id())));
        keys('K');
        String t = text().replace("\n", " ");
        int kept = host.processes().size() - (int) kernel - (host.processes().contains(1) ? 1 : 0);
        assertTrue(t.contains("Send SIGTERM to " + kept + " processes?"), t);
        assertTrue(t.contains("left out: " + kernel + " kernel threads (PID 2 kthreadd, "), t);
        keys('y');
        assertEquals(kept, rec.sent.size(), rec.sent.toString());
        // a container's pid namespace: its PID 1 named, with how many die with it
        nscope.probes.model.Task init = snap.tasks().values().stream()
                .filter(x -> x.leader()
                        && x.nsPid().known()
                        && x.nsPid().get().size() > 1
                        && x.nsPid().get().get(x.nsPid().get().size() - 1) == 1)
                .findFirst()
                .orElseThrow();
        nscope.probes.model.NsId ns = init.ns(nscope.probes.model.NsLink.PID).get();
        assertTrue(ui.state(AllScreens.NAMESPACES).select(new RowKey.Namespace(nscope.probes.model.NsKind.PID, ns)));
        keys('K');
        t = text().replace("\n", " ");
        assertTrue(
                t.contains("PID " + init.tgid() + " is PID 1 of pid:[" + Long.toUnsignedString(ns.ino()) + "]: its "),
                "named as such: " + t);
        assertTrue(t.contains("it ignores signals it has no handler for (KILL and STOP still work)"), t);
        keys('n');
        // a root cgroup holds the host's PID 1: left out
        nscope.probes.cgroups.CgroupTree tree = snap.cgroups().trees().stream()
                .filter(x -> x.cgroups().get("/") != null
                        && x.cgroups().get("/").procs().known()
                        && x.cgroups().get("/").procs().get().contains(1))
                .findFirst()
                .orElseThrow();
        keys('3');
        text();
        assertTrue(ui.state(AllScreens.CGROUPS)
                .select(new RowKey.Cgroup(tree.hierarchy().device(), "/")));
        int before = rec.sent.size();
        keys('K');
        t = text().replace("\n", " ");
        assertTrue(t.contains("left out: the host's PID 1 (PID 1 "), t);
        keys('y');
        assertTrue(
                rec.sent.subList(before, rec.sent.size()).stream().noneMatch(x -> x.startsWith("TERM 1@")),
                "never the host's PID 1: " + rec.sent);
    }

    @Test
    void aCgroupIsFrozenOrRemovedAfterAsking() throws IOException {
        Recorded rec = new Recorded();
        ui.actions(rec);
        keys('d');
        assertTrue(text().contains("not a cgroup row"), "a process row: " + text());
        nscope.probes.cgroups.CgroupTree tree = snap.cgroups().trees().stream()
                .filter(t -> t.cgroups().size() > 1)
                .findFirst()
                .orElseThrow();
        String path = tree.cgroups().keySet().stream()
                .filter(p -> !p.equals("/"))
                .sorted()
                .findFirst()
                .orElseThrow();
        keys('3');
        text();
        assertTrue(ui.state(AllScreens.CGROUPS)
                .select(new RowKey.Cgroup(tree.hierarchy().device(), path)));
        keys('z');
        String t = text();
        String label = tree.hierarchy().label() + ":" + path;
        assertTrue(
                t.contains("Freeze every process of the cgroup " + label + "?")
                        || t.contains("Thaw the cgroup " + label + "?"),
                t);
        assertTrue(t.contains("y: yes   any other key: cancel"), t);
        keys('y');
        assertTrue(
                rec.sent
                        .get(0)
                        .matches("(freeze|thaw) "
                                + java.util.regex.Pattern.quote(
                                        label + " at " + tree.hierarchy().mountPoint())),
                rec.sent.toString());
        keys('d');
        assertTrue(text().contains("Remove the cgroup " + label + "?"), text());
        keys('n');
        assertEquals(1, rec.sent.size(), "cancelled: nothing asked of the host");
        keys('d', 'y');
        assertEquals("rmdir " + label + " at " + tree.hierarchy().mountPoint(), rec.sent.get(1));
        assertTrue(text().contains("rmdir done"), text());
    }

    @Test
    void aScreenFirstShownEmptyOpensItsTopLevelWhenItsRowsCome() throws IOException {
        // the quick first scan has no cgroup trees: the cgroup screen turned to then is empty, and opens with the full
        // scan
        Snapshot none = new Snapshot(
                snap.takenAt(), snap.source(), snap.scope(), snap.tasks(), snap.namespaces(), Map.of(), List.of());
        Ui fresh = new Ui(new Palette(false));
        fresh.show(Screens.of(none, CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.CGROUPS)), null, true);
        assertTrue(fresh.state(AllScreens.CGROUPS).forest().roots().isEmpty());
        fresh.show(Screens.of(snap, CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.CGROUPS)), null, false);
        int hierarchies = snap.cgroups().trees().size();
        assertTrue(
                fresh.state(AllScreens.CGROUPS).rows().size() > hierarchies,
                "each hierarchy open to its root cgroup: "
                        + fresh.state(AllScreens.CGROUPS).rows().size() + " rows for " + hierarchies + " hierarchies");
    }

    @Test
    void readOnlySaysWhyWhenTheKeyIsPressed() throws IOException {
        ui.actions(Actions.readOnly("started with --read-only"));
        keys('K');
        assertTrue(text().contains("read-only: started with --read-only"), text());
        assertFalse(text().contains("Send SIG"));
    }

    /** How many namespace types the fixture has (a group row each). */
    static final class NsKindCount {
        static int groups(Snapshot s) {
            return (int) s.namespaces().values().stream()
                    .map(n -> n.kind())
                    .distinct()
                    .count();
        }
    }
}
