package nscope.app.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import nscope.probes.model.Snapshot;

/**
 * A place in a recording that moves (the replay screen's timeline): it keeps the decoded host, so the
 * next entry is one delta applied to it, not the keyframe and every delta after it decoded again. A
 * move backwards, past a keyframe or into another file starts again from the keyframe before the
 * entry. Not thread-safe: one owner moves it.
 */
public final class JournalCursor {
    private final JournalReader reader;
    private HostState state;
    private int at = -1;

    public JournalCursor(JournalReader reader) {
        this.reader = reader;
    }

    public JournalReader reader() {
        return reader;
    }

    /** The entry the cursor is on (-1 before the first move). */
    public int at() {
        return at;
    }

    /** The host at entry {@code i}, the cursor moved there. */
    public Snapshot to(int i) throws IOException {
        if (i < 0 || i >= reader.entries().size())
            throw new IndexOutOfBoundsException(
                    "no entry " + i + " (the recording has " + reader.entries().size() + ")");
        if (state != null && i > at && sameFileFrom(i)) {
            JournalReader.Entry first = reader.entries().get(at + 1);
            try (RandomAccessFile f = new RandomAccessFile(first.file().toFile(), "r")) {
                for (int j = at + 1; j <= i; j++) {
                    HostState next = reader.entries().get(j).frame().keyframe() ? new HostState() : state;
                    JournalReader.apply(f, reader.entries().get(j).frame(), next);
                    state = next;
                }
            }
        } else if (i != at || state == null) state = reader.state(i);
        at = i;
        return state.snapshot();
    }

    /** Whether the entries after the cursor up to i are in the file of the cursor's entry (deltas apply on). */
    private boolean sameFileFrom(int i) {
        var file = reader.entries().get(at).file();
        for (int j = at + 1; j <= i; j++) if (!reader.entries().get(j).file().equals(file)) return false;
        return true;
    }
}
