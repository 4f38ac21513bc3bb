package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nscope.kernel.Child;
import nscope.probes.Refresher;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * The live screen's refresher against real processes: new ones are read
 * whole at once (their new namespaces with their facts), vanished ones go at
 * once, the pinned (selected) process is exact on every refresh, and any
 * other change a refresh carried over is seen within one cycle, while
 * {@link Refresher#freshness()} says how old what it carries is.
 */
@LiveTest
class LiveRefresherTest {
    private static final Duration EVERY = Duration.ofSeconds(2);

    @Test
    void newProcessesAreReadWholeAndVanishedOnesGoAtOnce() throws Exception {
        Host host = Host.liveRefreshed();
        try {
            Refresher r = new Refresher(host, 1000);
            r.refresh(0, false, EVERY);
            Snapshot s;
            int pid;
            try (Child c = new Child(
                    "unshare",
                    "--uts",
                    "--ipc",
                    "--net",
                    "--",
                    "sh",
                    "-c",
                    "hostname nscope-test-refresh; echo ready; exec sleep 1000")) {
                assertEquals("ready", c.lines(1).get(0));
                c.settled();
                pid = c.pid();
                s = r.refresh(0, false, EVERY);
                Task t = s.tasks().get(pid);
                assertTrue(t != null, "the new process is in the next refresh");
                for (NsLink l : NsLink.values())
                    assertEquals(link(pid, l), t.ns(l).get().ino(), l.fileName() + " of the new process");
                NsId uts = t.ns(NsLink.UTS).get();
                assertTrue(s.namespaces().containsKey(uts), "its new uts namespace is a node");
                assertEquals(
                        "nscope-test-refresh",
                        ((NsFacts.Uts) s.facts().get(uts).get()).hostname(),
                        "read inside the new namespace");
                assertTrue(s.facts().get(t.ns(NsLink.NET).get()).known(), "the new network namespace's interfaces");
            }
            s = r.refresh(0, false, EVERY);
            assertFalse(s.tasks().containsKey(pid), "gone at the next refresh");
            assertFalse(
                    s.namespaces().values().stream().anyMatch(n -> n.tasks().contains(pid)),
                    "and from every namespace's members");
        } finally {
            host.release();
        }
    }

    @Test
    void thePinnedProcessIsExactAndTheOthersWithinACycle() throws Exception {
        Host host = Host.liveRefreshed();
        // two processes that change their uts namespace in place (same PID, same start time)
        String[] later = {"sh", "-c", "echo started; sleep 1.5; exec unshare --uts -- sleep 1000"};
        try (Child pinned = new Child(later);
                Child other = new Child(later)) {
            pinned.lines(1);
            other.lines(1);
            Refresher slow = new Refresher(host, 1000), cycle3 = new Refresher(host, 3);
            long hostUts = link((int) ProcessHandle.current().pid(), NsLink.UTS);
            Snapshot a = slow.refresh(0, false, EVERY);
            cycle3.refresh(0, false, EVERY);
            assertEquals(
                    hostUts, a.tasks().get(other.pid()).ns(NsLink.UTS).get().ino());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((link(pinned.pid(), NsLink.UTS) == hostUts || link(other.pid(), NsLink.UTS) == hostUts)
                    && System.nanoTime() < deadline) Thread.sleep(50);
            assertNotEquals(hostUts, link(other.pid(), NsLink.UTS), "the helper did not unshare");
            Thread.sleep(1100); // so the carried-over part is at least a second old

            Snapshot b = slow.refresh(pinned.pid(), false, EVERY);
            assertEquals(
                    link(pinned.pid(), NsLink.UTS),
                    b.tasks().get(pinned.pid()).ns(NsLink.UTS).get().ino(),
                    "the pinned process is exact");
            assertEquals(
                    hostUts,
                    b.tasks().get(other.pid()).ns(NsLink.UTS).get().ino(),
                    "another one, not in this refresh's slice, is carried over as it was");
            assertTrue(
                    slow.freshness().linksSeconds() >= 1, "and the refresh says how old that is: " + slow.freshness());

            long now = link(other.pid(), NsLink.UTS);
            Snapshot c = null;
            for (int i = 0; i < 3; i++) c = cycle3.refresh(0, false, EVERY);
            assertEquals(
                    now,
                    c.tasks().get(other.pid()).ns(NsLink.UTS).get().ino(),
                    "within one cycle every process is read whole");
            assertTrue(c.namespaces()
                    .get(c.tasks().get(other.pid()).ns(NsLink.UTS).get())
                    .processes()
                    .contains(other.pid()));
        } finally {
            host.release();
        }
    }

    @Test
    void theCgroupTreesKeepTheirDescriptorsAcrossRefreshes() throws Exception {
        Host host = Host.liveRefreshed();
        try {
            nscope.probes.source.NativeFiles files = (nscope.probes.source.NativeFiles) host.files();
            Refresher r = new Refresher(host, 1000);
            r.refresh(0, true, EVERY);
            int kept = files.keptOpen();
            assertTrue(kept > 0, "a live refresh keeps the cgroup files it reads again open");
            r.refresh(0, false, EVERY);
            // within a tenth: processes and cgroups of the machine's own may come and go meanwhile
            assertEquals(
                    kept, files.keptOpen(), kept / 10.0, "a refresh that skips the cgroup trees lets none of them go");
            // the first scan places v1 threads by their own cgroup files; later ones by whichever costs less (the
            // tasks lists on a host of few threads per cgroup): from the second read of the trees on, the same set
            r.refresh(0, true, EVERY);
            long before = cgroupDirs();
            int steady = files.keptOpen();
            assertTrue(steady > 0 && steady <= nscope.probes.source.NativeFiles.keptBudget(), "kept: " + steady);
            r.refresh(0, true, EVERY);
            // as many per cgroup as before (others' cgroups may come or go); within the budget, which then varies
            int budget = nscope.probes.source.NativeFiles.keptBudget();
            double expected = Math.min(steady * (double) cgroupDirs() / before, budget);
            // near the budget (a host of thousands of cgroups) the kept set is trimmed to it: compare within a quarter
            double slack = Math.max(steady, expected) >= budget * 0.8 ? budget / 4.0 : expected / 10.0;
            assertEquals(expected, files.keptOpen(), slack, "and one that reads them again reads through them");
        } finally {
            host.release();
        }
    }

    /** How many cgroups the machine has now, in every hierarchy. */
    private static long cgroupDirs() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> all =
                java.nio.file.Files.walk(java.nio.file.Path.of("/sys/fs/cgroup"))) {
            return all.filter(java.nio.file.Files::isDirectory).count();
        } catch (java.io.UncheckedIOException e) {
            return 1; // a cgroup went while walking: the next call counts again
        }
    }

    /** The inode a task's namespace link names now, as readlink shows it. */
    private static long link(int pid, NsLink l) throws Exception {
        String t = Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", l.fileName()))
                .toString();
        return Long.parseLong(t.substring(t.indexOf('[') + 1, t.length() - 1));
    }
}
