package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Task;
import nscope.views.actions.Actions;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab on the screen at 80x24, over a driver of plain data (the app's engine is tested live): T's menu
 * with a refusal before any step, Space and n run the steps and the tree follows each step's object (a
 * process, then a namespace), b shows an earlier step again, q leaves the lab and q again quits; the help
 * lists the lab's keys while one is open, and outside a lab Space, n, b and q keep their meanings.
 */
class LabScreenTest extends SynthHostScreen {
    Task threads;
    NsId pidNs;
    FakeLabs labs;

    @BeforeEach
    void wire() {
        threads = LensScreenTest.threads();
        pidNs = threads.ns(NsLink.PID).get();
        labs = new FakeLabs(threads.tid(), "pid", pidNs.ino());
        ui.labs(labs);
        ui.actions(Actions.showOnly());
    }

    /** A frame after the loop's poll (the lab's futures) and, when asked, a refresh of the same host. */
    String frame() throws IOException {
        ui.rowsReady();
        if (ui.refreshNow()) ui.show(Screens.of(snap, CgroupCpu.none(), ""), HostFacts.recorded("synth-host"), false);
        ui.rowsReady();
        String t = text();
        assertEquals(25, t.split("\n", -1).length, "24 rows");
        for (String line : t.split("\n")) {
            assertTrue(line.length() <= 80, "fits 80 columns: " + line);
            assertFalse(line.chars().anyMatch(c -> c < 0x20 || c == 0x7f), line);
        }
        return t;
    }

    /** Every line of the lab pane, paged through with PgDn (then back to its top). */
    String paged() throws IOException {
        StringBuilder all = new StringBuilder(frame());
        for (int i = 0; i < 10; i++) {
            keys(KeyType.PageDown);
            all.append(frame());
        }
        for (int i = 0; i < 10; i++) keys(KeyType.PageUp);
        return all.toString();
    }

    @Test
    void tListsTheLabsAndARefusedOneSaysWhyBeforeAnyStep() throws IOException {
        keys('T');
        String menu = frame();
        assertTrue(
                menu.contains("fake     a lab over plain data") && menu.contains("refused  a lab that cannot"), menu);
        assertTrue(menu.contains("it runs here: Enter starts it"), menu);
        keys(KeyType.ArrowDown);
        assertTrue(frame().contains("cannot run here: it needs the cgroup v1 memory"), frame());
        keys(KeyType.Enter);
        String after = frame();
        assertTrue(flat(after).contains("cgroup v1 memory controller, which this host does not mount"), after);
        assertFalse(ui.labOpen(), "nothing opened");
        assertEquals(List.of(), labs.calls);
        keys('T', 'q');
        assertFalse(frame().contains("Labs: a lesson"), "q closes the menu");
    }

    @Test
    void aLabRunsStepByStepTheTreeFollowsAndQLeavesIt() throws IOException {
        keys('T', KeyType.Enter);
        assertTrue(ui.labOpen());
        String first = paged();
        assertTrue(first.contains("lab fake, step 1/2: start a process"), first);
        assertTrue(first.contains("what it does: It starts one."), first);
        assertTrue(first.contains("$ unshare --pid -- nscope-init lab puppet"), first);
        assertTrue(first.contains("Space/n: next step  b: back"), first);
        assertTrue(first.contains("? help  q leave lab"), first);

        keys(' ');
        String one = paged();
        assertTrue(one.contains("step 1/2 done: start a process (1 NOT SEEN)"), one);
        assertTrue(one.contains("seen: the caller stays where it was: pid:[1]"), one);
        assertTrue(one.contains("NOT SEEN: pid_for_children unreadable: readable"), one);
        assertTrue(one.contains("evil \\x1b[31mred"), "the host's output escaped\n" + one);
        assertTrue(one.contains("why: Because the kernel says so (seed 000)."), one);
        assertTrue(one.contains("next, step 2/2: a namespace"), one);
        assertEquals(AllScreens.PROCESSES, ui.screen());
        assertEquals(
                RowKey.Task.process(threads), ui.state(AllScreens.PROCESSES).selected(), "the tree follows");
        assertTrue(one.contains("selected: process " + threads.tid()), one);
        assertTrue(one.contains("[lab step 1]"), "its row is marked\n" + one);
        assertTrue(
                ui.state(AllScreens.PROCESSES).isExpanded(RowKey.Task.process(threads)), "its row is opened: threads");

        keys('n');
        String two = paged();
        assertTrue(two.contains("step 2/2 done: a namespace (every observation seen)"), two);
        assertTrue(two.contains("That was the last step: q leaves the lab"), two);
        assertEquals(AllScreens.NAMESPACES, ui.screen(), "a namespace's step turns to the namespaces");
        assertEquals(
                new RowKey.Namespace(NsKind.PID, pidNs),
                ui.state(AllScreens.NAMESPACES).selected());

        keys('b');
        String back = paged();
        assertTrue(back.contains("step 1/2 done: start a process"), back);
        assertTrue(back.contains("an earlier step"), back);
        assertEquals(
                RowKey.Task.process(threads), ui.state(AllScreens.PROCESSES).selected());
        assertEquals(AllScreens.PROCESSES, ui.screen());
        keys('b');
        assertTrue(frame().contains("no step before this one"), frame());
        keys(' ');
        assertTrue(paged().contains("step 2/2 done"), "Space after b: the next explanation");
        assertEquals(List.of("open fake", "next 0", "next 1"), labs.calls, "no step ran twice");
        keys(' ');
        assertTrue(flat(frame()).contains("that was the lab's last step"), frame());

        keys('q');
        String left = frame();
        assertTrue(flat(left).contains("left the lab fake: everything it made was removed"), left);
        assertFalse(ui.labOpen());
        assertEquals("close", labs.calls.get(labs.calls.size() - 1));
        assertTrue(left.contains("? help  q quit"), left);
        assertFalse(left.contains("[lab step"), "the mark goes with the lab\n" + left);
        assertFalse(ui.key(new KeyStroke('q', false, false)), "q again quits");
    }

    @Test
    void theHelpListsTheLabsKeysWhileOneRunsAndTheScreensOtherwise() throws IOException {
        List<Binding> lab = ui.keyTable().offered(Mode.LAB, true);
        assertEquals(
                List.of("Space, n", "b", "PgUp/PgDn", "q, Esc"),
                lab.stream().map(Binding::shown).toList());
        for (Key k : List.of(Key.of(' '), Key.of('n'), Key.of('b'), Key.of('q'), Key.of(KeyType.Escape)))
            assertTrue(ui.keyTable().find(Mode.LAB, k).isPresent(), k.label());
        assertEquals(
                "expand or collapse",
                ui.keyTable().find(Mode.NORMAL, Key.of(' ')).orElseThrow().help());

        String outside = helpText();
        assertTrue(outside.contains("labs: a lesson"), outside);
        assertFalse(outside.contains("these keys are the lab's"), outside);
        assertTrue(outside.contains("expand or collapse"), outside);
        keys('T', KeyType.Enter);
        frame();
        String inside = helpText();
        assertTrue(inside.contains("In the lab fake, these keys are the lab's:"), inside);
        assertTrue(inside.contains("in a lab: run its next step"), inside);
        assertTrue(inside.contains("in a lab: leave it"), inside);
        assertFalse(inside.contains("expand or collapse"), "Space is the lab's while it runs\n" + inside);
        assertTrue(inside.contains("(in the lab, n is the lab's)"), inside);
    }

    @Test
    void outsideALabSpaceNAndBKeepTheirMeanings() throws IOException {
        RowKey sel = ui.state(AllScreens.PROCESSES).selected();
        boolean open = ui.state(AllScreens.PROCESSES).isExpanded(sel);
        keys(' ');
        assertEquals(!open, ui.state(AllScreens.PROCESSES).isExpanded(sel), "Space opens or closes the row");
        keys('b');
        assertTrue(frame().contains("nothing to go back to"), frame());
        assertEquals(List.of(), labs.calls, "no lab was opened or stepped");
    }

    @Test
    void aReadOnlyScreenRefusesTheStepAndStillLeaves() throws IOException {
        ui.openLab("fake");
        frame();
        ui.actions(Actions.readOnly("started with --read-only"));
        keys(' ');
        assertTrue(flat(frame()).contains("Space changes the host, but this screen is read-only"), frame());
        keys(KeyType.Escape);
        frame();
        assertFalse(ui.labOpen(), "Esc leaves");
        assertEquals(List.of("open fake", "close"), labs.calls);
    }

    @Test
    void quittingLeavesAnOpenLabAndSaysSo() throws IOException {
        assertNull(ui.endLab(), "no lab open: nothing to say");
        ui.openLab("fake");
        frame();
        keys(' ');
        frame();
        assertEquals("left the lab fake: everything it made was removed", ui.endLab());
        assertEquals("close", labs.calls.get(labs.calls.size() - 1));
    }

    @Test
    void withoutLabsTSaysWhere() throws IOException {
        ui.labs(null);
        keys('T');
        assertTrue(flat(frame()).contains("labs run on the live host"), frame());
    }

    /** The frame's text with its line ends and runs of spaces as one space (a message wraps at 80). */
    static String flat(String t) {
        return t.replaceAll("\\s+", " ");
    }

    String helpText() throws IOException {
        keys('?');
        StringBuilder all = new StringBuilder(text());
        for (int i = 0; i < 12; i++) {
            keys(KeyType.PageDown);
            all.append(text());
        }
        keys('x');
        return all.toString();
    }
}
