package nscope.views.ui.replay;

import java.time.LocalDateTime;
import nscope.probes.model.Snapshot;

/** A recording as the replay screen moves along it: its entries, their times, the host at each. */
public interface Timeline {
    /** How many entries the recording holds (at least one). */
    int size();

    /** Entry i's time on the recording host's wall clock. */
    LocalDateTime local(int i);

    /**
     * The host at entry i. The next entry after the last asked for is cheap (one delta applied); any
     * other decodes from the keyframe before it. A recording that cannot be read throws, with words
     * for the status line.
     */
    Snapshot snapshot(int i);

    /**
     * The last entry at or before a time as the user typed it (HH:MM:SS[.fff], an ISO date-time,
     * +SECONDS); IllegalArgumentException, with words for the status line, when it is not a time or is
     * before the first entry.
     */
    int entryAt(String time);

    /** What was going on at entry i as the recording says (a lab's step), or null. */
    default String label(int i) {
        return null;
    }
}
