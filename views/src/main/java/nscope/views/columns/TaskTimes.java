package nscope.views.columns;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;

/**
 * A task's start time in words: how long ago, and when, from its clock
 * ticks after boot (stat's field 22) and the host's boot time; the ticks
 * stay beside them, as the kernel gives them (`nscope kill --start` takes
 * them). Ages are counted to the snapshot's time, not to the moment the
 * text is drawn, so they agree with everything else the snapshot says.
 */
public final class TaskTimes {
    private TaskTimes() {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** "started 3 min 12 s ago, at 14:03:55 (tick 394423 after boot)"; without the boot time, the tick and why. */
    public static String started(Snapshot s, long ticks) {
        return started(s, ticks, ZoneId.systemDefault());
    }

    static String started(Snapshot s, long ticks, ZoneId zone) {
        Readout<Instant> boot = s.bootTime();
        String tick = "tick " + ticks + " after boot";
        if (!boot.known())
            return "started at " + tick + " (its time unknown: " + boot.why().detail() + ")";
        Instant at = boot.get().plusMillis(ticks * 1000 / Snapshot.TICKS_PER_SECOND);
        Duration age = Duration.between(at, s.takenAt());
        LocalDateTime when = LocalDateTime.ofInstant(at, zone);
        boolean today = when.toLocalDate()
                .equals(LocalDateTime.ofInstant(s.takenAt(), zone).toLocalDate());
        return "started " + age(age) + " ago, at " + (today ? TIME : DATE_TIME).format(when) + " (" + tick + ")";
    }

    /** For a line with little room: "started 3 min 12 s ago at 14:03:55, tick 394423"; "started at tick 394423" without the boot time. */
    public static String startedShort(Snapshot s, long ticks) {
        Readout<Instant> boot = s.bootTime();
        if (!boot.known()) return "started at tick " + ticks;
        Instant at = boot.get().plusMillis(ticks * 1000 / Snapshot.TICKS_PER_SECOND);
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneId.systemDefault());
        return "started " + age(Duration.between(at, s.takenAt())) + " ago at " + TIME.format(when) + ", tick " + ticks;
    }

    /** "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h": the two largest units. */
    public static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        if (s < 86400) return s / 3600 + " h " + s % 3600 / 60 + " min";
        return s / 86400 + " d " + s % 86400 / 3600 + " h";
    }
}
