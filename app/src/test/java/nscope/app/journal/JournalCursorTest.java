package nscope.app.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import nscope.probes.model.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay screen's cursor: every move, forwards by deltas or back from the keyframe, gives the reader's host. */
class JournalCursorTest {
    @TempDir
    Path dir;

    @Test
    void everyMoveGivesTheHostTheReaderGivesForThatEntry() throws IOException {
        Path f = dir.resolve("rec");
        Snapshot base = JournalTest.fixture("synth-host", Instant.parse("2026-03-01T03:14:00Z"));
        SampleJournal.write(base, f, Instant.parse("2026-03-01T03:14:00Z"));
        JournalReader r = JournalReader.open(f);
        assertEquals(5, r.entries().size());
        JournalCursor c = new JournalCursor(r);
        for (int i : new int[] {0, 1, 2, 3, 4, 2, 0, 4, 4, 1, 3}) {
            Snapshot got = c.to(i);
            assertEquals(i, c.at());
            JournalTest.assertSame(r.snapshot(i), got);
        }
    }
}
