package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * The live screen's refresher on a recorded host, where nothing changes
 * between refreshes: what it carries over and what it reads again in
 * slices add up to what a full scan sees, and a refresh that found nothing
 * different gives the same snapshot back (so no rows are rebuilt), and a
 * task read again as it was is the very object it was.
 */
class RefresherReplayTest {
    @Test
    void slicesAddUpToAFullScanAndNothingNewGivesTheSameSnapshot() throws Exception {
        Host host = Host.under(CgroupReplayTest.repo().resolve("fixtures/synth-host"));
        Snapshot full = new Collector(
                        host, Scope.TASKS, EnumSet.complementOf(EnumSet.of(Collector.Phase.CGROUP_THREADS)))
                .collect();
        Refresher r = new Refresher(host, 3);
        Snapshot first = r.refresh(0, false, java.time.Duration.ofSeconds(2));
        for (int i = 1; i < 6; i++) {
            // every slice and the pinned process read again, all as recorded (the cycle's cgroup read comes at the
            // third)
            Snapshot s = r.refresh(full.threadGroups().lastKey(), false, java.time.Duration.ofSeconds(2));
            if (i % 3 == 0) {
                assertNotSame(first, s, "the cgroup trees were read again (live, their usage moves on)");
                assertEquals(first.tasks(), s.tasks());
                for (var t : s.tasks().values())
                    assertSame(
                            first.tasks().get(t.tid()),
                            t,
                            "read again the same, task " + t.tid() + " is the very object");
                first = s;
            } else {
                assertSame(first, s, "refresh " + i + " found nothing new");
            }
        }
        assertEquals(3, r.cycle());
        assertEquals(full.tasks(), first.tasks());
        assertEquals(full.namespaces(), first.namespaces());
        assertEquals(full.relations(), first.relations());
        assertEquals(full.facts(), first.facts());
        assertEquals(full.cgroups().trees().size(), first.cgroups().trees().size());
    }
}
