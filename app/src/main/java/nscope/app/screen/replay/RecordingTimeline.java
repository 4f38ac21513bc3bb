package nscope.app.screen.replay;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import nscope.app.journal.Frame;
import nscope.app.journal.JournalCursor;
import nscope.app.journal.JournalReader;
import nscope.app.journal.ReplayTime;
import nscope.probes.model.Snapshot;
import nscope.views.ui.replay.Timeline;

/** A recording as the replay screen's timeline: the journal's index, and a cursor that keeps the decoded host. */
public final class RecordingTimeline implements Timeline {
    private final JournalReader reader;
    private final JournalCursor cursor;
    private Snapshot last;
    /** Labels read so far (an entry's label is read from its body, once). */
    private final java.util.Map<Integer, java.util.Optional<String>> labels = new java.util.HashMap<>();

    public RecordingTimeline(JournalReader reader) {
        this.reader = reader;
        this.cursor = new JournalCursor(reader);
    }

    @Override
    public int size() {
        return reader.entries().size();
    }

    @Override
    public LocalDateTime local(int i) {
        Frame f = reader.entries().get(i).frame();
        return LocalDateTime.ofInstant(f.wall(), ZoneOffset.ofTotalSeconds(f.utcOffsetSeconds()));
    }

    @Override
    public Snapshot snapshot(int i) {
        if (i == cursor.at() && last != null) return last;
        try {
            return last = cursor.to(i);
        } catch (IOException | RuntimeException e) {
            last = null;
            throw new IllegalStateException("cannot read entry " + (i + 1) + " of the recording: " + e.getMessage(), e);
        }
    }

    @Override
    public int entryAt(String time) {
        Frame first = reader.entries().get(0).frame();
        Instant t = ReplayTime.parse(time, first)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + time + "' is not a time: HH:MM:SS[.fff], an ISO date-time or +SECONDS"));
        int i = reader.indexAt(t);
        if (i < 0)
            throw new IllegalArgumentException("the recording begins at "
                    + local(0).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")) + ", after " + time);
        return i;
    }

    @Override
    public String label(int i) {
        return labels.computeIfAbsent(i, k -> {
                    try {
                        return java.util.Optional.ofNullable(reader.label(k));
                    } catch (IOException e) {
                        return java.util.Optional.empty(); // an unreadable entry says so when it is shown
                    }
                })
                .orElse(null);
    }
}
