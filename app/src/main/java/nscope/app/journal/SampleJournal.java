package nscope.app.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;

/**
 * A small recording made from one snapshot (a fixture's), for the replay screen's screenshot and tests,
 * without root or a live host: five entries two seconds apart in which the last process (the highest
 * PID) vanishes, stays gone, comes back, and then another process moves under PID 1.
 */
public final class SampleJournal {
    private SampleJournal() {}

    /** The process that vanishes and comes back, and the one that moves under PID 1. */
    public record Plot(int vanishing, int moving) {}

    /** Writes the recording to {@code file}, its first entry at {@code start}; what changes in it. */
    public static Plot write(Snapshot base, Path file, Instant start) throws IOException {
        int last = base.threadGroups().lastKey();
        int moving = movable(base, last);
        Snapshot gone = without(base, last);
        List<Snapshot> steps = List.of(base, gone, gone, base, moved(base, moving));
        try (JournalWriter w = new JournalWriter(file, 0, Duration.ofSeconds(600), 0)) {
            for (int i = 0; i < steps.size(); i++) {
                Instant at = start.plusSeconds(2L * i);
                w.append(steps.get(i), at, 1_000_000_000L * (100 + 2L * i));
            }
        }
        return new Plot(last, moving);
    }

    /** A process whose parent is neither PID 1 nor 0 nor the vanishing one's (so moving it shows). */
    private static int movable(Snapshot s, int not) {
        for (int tgid : s.threadGroups().keySet()) {
            Task t = s.task(tgid).orElseThrow();
            if (tgid != not && t.ppid() > 1 && !t.kernelThread() && t.ppid() != not) return tgid;
        }
        throw new IllegalArgumentException("the snapshot has no process to move under PID 1");
    }

    private static Snapshot without(Snapshot s, int tgid) {
        HostState h = HostState.of(s);
        h.maps.get(0).values().removeIf(t -> ((Task) t).tgid() == tgid);
        return h.snapshot();
    }

    private static Snapshot moved(Snapshot s, int tgid) {
        HostState h = HostState.of(s);
        List<Task> group = new ArrayList<>();
        for (Object o : h.maps.get(0).values()) if (((Task) o).tgid() == tgid) group.add((Task) o);
        for (Task t : group)
            h.maps.get(0)
                    .put(
                            t.tid(),
                            new Task(
                                    t.tid(),
                                    t.tgid(),
                                    1,
                                    t.state(),
                                    t.comm(),
                                    t.startTime(),
                                    t.pgrp(),
                                    t.session(),
                                    t.kernelThread(),
                                    t.uids(),
                                    t.gids(),
                                    t.nsPid(),
                                    t.nsTgid(),
                                    t.nsPgid(),
                                    t.nsSid(),
                                    t.cmdline(),
                                    t.namespaces()));
        return h.snapshot();
    }
}
