package nscope.app.cli.common;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import nscope.app.journal.Frame;
import nscope.app.journal.JournalReader;
import nscope.app.journal.ReplayTime;
import nscope.probes.model.Snapshot;

/** A recording opened for a read command: the host at the last entry at or before a time the user wrote. */
public final class Replay {
    private Replay() {}

    /** The recording at {@code file}, or the one-line error a user gets. */
    public static JournalReader open(Path file) {
        try {
            return JournalReader.open(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no recording " + file);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read the recording " + file + ": " + e.getMessage());
        }
    }

    /** The entry TIME means (null: the last one). */
    public static int entryAt(JournalReader r, String time) {
        if (time == null) return r.entries().size() - 1;
        Frame first = r.entries().get(0).frame();
        Instant t = ReplayTime.parse(time, first)
                .orElseThrow(() ->
                        new UserError("'" + time + "' is not a time: HH:MM:SS[.fff], an ISO date-time or +SECONDS", 2));
        int i = r.indexAt(t);
        if (i < 0) throw new UserError("the recording begins at " + local(first) + ", after " + time);
        return i;
    }

    /** The host at entry i. */
    public static Snapshot at(JournalReader r, int i) {
        try {
            return r.snapshot(i);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read entry " + i + " of the recording: " + e.getMessage());
        }
    }

    /** An entry's time on the recording host's clock, as TIME takes it. */
    public static String local(Frame f) {
        return LocalDateTime.ofInstant(f.wall(), ZoneOffset.ofTotalSeconds(f.utcOffsetSeconds()))
                .toString();
    }
}
