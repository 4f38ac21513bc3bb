package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.query.PidLevels;
import nscope.probes.read.TaskReader;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * #15 items 2 and 8 on real pid namespaces made with util-linux unshare: a
 * task that unshared one and has not forked (pid_for_children: no PID 1
 * yet, not "exiting"), and two nested levels whose PID 1 and members'
 * numbers must be what /proc/PID/status says.
 */
@LiveTest
class LivePidLevelsTest {
    @Test
    void unshareWithoutForkHasNoPid1YetNotAnExitingTask() throws Exception {
        try (Child c = new Child("unshare", "--pid", "--", "sleep", "300")) {
            int pid = c.pid();
            waitForExec(pid, "sleep");
            Snapshot s = new Collector(Host.liveNative()).collect();
            Task t = s.task(pid).orElseThrow();
            Readout<NsId> next = t.ns(NsLink.PID_FOR_CHILDREN);
            assertFalse(next.known(), "the kernel answers ENOENT: " + next);
            assertEquals(Unknown.Reason.NO_PID1_YET, next.why().reason());
            assertEquals("no PID 1 yet", next.why().reason().label());
            assertEquals(TaskReader.NO_PID1_YET, next.why().detail());
            assertTrue(next.why().detail().contains("the next child becomes PID 1"));
            assertEquals(
                    List.of(t),
                    PidLevels.awaitingInit(s, t.ns(NsLink.PID).get()).stream()
                            .filter(x -> x.tid() == pid)
                            .toList(),
                    "its own pid namespace knows a child namespace waits for its PID 1");
            assertTrue(t.ns(NsLink.PID).known(), "its own pid namespace is still the old one");
        }
    }

    @Test
    void nestedPidNamespacesKnowTheirPid1AndEachMembersNumber() throws Exception {
        // level 1: sh (its PID 1) execs unshare, whose child is PID 1 of level 2: a sleep
        try (Child c =
                new Child("unshare", "--pid", "--fork", "--", "sh", "-c", "exec unshare --pid --fork -- sleep 300")) {
            int outer = c.pid(); // the first unshare, in our namespace
            int init1 = waitForChild(outer);
            waitForExec(init1, "unshare");
            int init2 = waitForChild(init1);
            waitForExec(init2, "sleep");
            Snapshot s = new Collector(Host.liveNative()).collect();
            Task t1 = s.task(init1).orElseThrow(), t2 = s.task(init2).orElseThrow();
            Namespace n1 = s.namespace(t1.ns(NsLink.PID).get()).orElseThrow();
            Namespace n2 = s.namespace(t2.ns(NsLink.PID).get()).orElseThrow();
            int base = PidLevels.level(
                            s,
                            s.namespace(s.task(outer)
                                            .orElseThrow()
                                            .ns(NsLink.PID)
                                            .get())
                                    .orElseThrow())
                    .orElseThrow();
            assertEquals(base + 1, PidLevels.level(s, n1).orElseThrow());
            assertEquals(base + 2, PidLevels.level(s, n2).orElseThrow());
            assertEquals(init1, PidLevels.init(s, n1).orElseThrow().tid(), "PID 1 of level 1, as the host numbers it");
            assertEquals(init2, PidLevels.init(s, n2).orElseThrow().tid(), "PID 1 of level 2");
            // each member's PID at each level, as /proc/PID/status NSpid gives it
            assertEquals(nsPid(init2), t2.nsPid().get());
            assertEquals(1, PidLevels.at(t2, base + 2).orElseThrow());
            assertEquals(nsPid(init2).get(base + 1), PidLevels.at(t2, base + 1).orElseThrow());
            assertEquals(1, PidLevels.at(t1, base + 1).orElseThrow());
            assertEquals(init2, PidLevels.at(t2, 0).orElseThrow());
            assertTrue(PidLevels.at(t1, base + 2).isEmpty(), "it has no number in the level below it");
            // pid_for_children of the outer unshare is level 1: known now that it has its PID 1
            assertEquals(
                    n1.id(),
                    s.task(outer).orElseThrow().ns(NsLink.PID_FOR_CHILDREN).get());
        }
    }

    /** The NSpid line of /proc/PID/status. */
    static List<Integer> nsPid(int pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status")))
            if (l.startsWith("NSpid:")) {
                List<Integer> out = new ArrayList<>();
                for (String f : l.substring(6).trim().split("\\s+")) out.add(Integer.parseInt(f));
                return out;
            }
        throw new AssertionError("no NSpid in /proc/" + pid + "/status");
    }

    /** The first child of a process, once it has one. */
    static int waitForChild(int pid) throws Exception {
        Path f = Path.of("/proc", Integer.toString(pid), "task", Integer.toString(pid), "children");
        for (int i = 0; i < 500; i++) {
            String kids = Files.exists(f) ? Files.readString(f).strip() : "";
            if (!kids.isEmpty()) return Integer.parseInt(kids.split(" ")[0]);
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " made no child");
    }

    /** Waits until the process runs this program (its exec done). */
    static void waitForExec(int pid, String comm) throws Exception {
        Path f = Path.of("/proc", Integer.toString(pid), "comm");
        for (int i = 0; i < 500; i++) {
            if (Files.exists(f) && Files.readString(f).strip().equals(comm)) return;
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " is not " + comm);
    }
}
