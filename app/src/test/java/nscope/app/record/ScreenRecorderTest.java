package nscope.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nscope.app.journal.JournalReader;
import nscope.probes.Collector;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.probes.source.KernelRoots;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screen's recorder on a fixture's snapshot: a path that cannot be written is refused at start in
 * words, the file exists before its first entry, each entry carries the label set when it was handed over,
 * and a write that fails stops the recording, said once.
 */
class ScreenRecorderTest {
    @TempDir
    Path dir;

    private static Snapshot fixture() throws IOException {
        Path root = Repo.of("fixtures/synth-host");
        return new Collector(Host.with(KernelRoots.under(root), root)).collect();
    }

    private ScreenRecorder start(Path file, long maxSize) throws IOException {
        return ScreenRecorder.start(file, maxSize, Duration.ofMinutes(10), 0, false, dir);
    }

    @Test
    void aPathThatCannotBeWrittenIsRefusedAtStartInWords() throws IOException {
        Files.writeString(dir.resolve("plain"), "a file, not a directory");
        IOException e = assertThrows(IOException.class, () -> start(dir.resolve("plain/rec.nsj"), 0));
        assertEquals(dir.resolve("plain") + " is in the way: it is not a directory", ScreenRecorder.reason(e));
        e = assertThrows(IOException.class, () -> start(dir, 0));
        assertEquals("it is a directory", ScreenRecorder.reason(e));
    }

    @Test
    void theFileIsMadeFirstAndEachEntryCarriesItsLabel() throws IOException, InterruptedException {
        Path f = dir.resolve("sub/rec.nsj");
        Snapshot s = fixture();
        try (ScreenRecorder r = start(f, 0)) {
            assertTrue(Files.size(f) > 0, "the file and its magic line before any entry");
            r.offer(s, java.time.Instant.now());
            awaitEntries(f, 1);
            r.label("lab pid-fork, step 1/4 done: unshare");
            r.offer(s, java.time.Instant.now());
            awaitEntries(f, 2);
            assertTrue(r.words().startsWith("recording ") && r.words().contains("/sub/rec.nsj "), r.words());
        }
        JournalReader rec = JournalReader.open(f);
        assertEquals(2, rec.entries().size());
        assertNull(rec.label(0));
        assertEquals("lab pid-fork, step 1/4 done: unshare", rec.label(1));
        assertEquals(s.tasks().keySet(), rec.snapshot(1).tasks().keySet());
    }

    @Test
    void aWriteThatFailsStopsTheRecordingSaidOnce() throws Exception {
        Path sub = dir.resolve("sub"), f = sub.resolve("rec.nsj");
        Snapshot s = fixture();
        try (ScreenRecorder r = start(f, 1)) {
            r.offer(s, java.time.Instant.now());
            awaitEntries(f, 1);
            // each entry begins the next file (--max-size 1): its directory is now a plain file
            Files.move(sub, dir.resolve("gone"));
            Files.writeString(sub, "in the way");
            r.offer(s, java.time.Instant.now());
            String why = null;
            for (int i = 0; i < 200 && why == null; i++) {
                Thread.sleep(25);
                why = r.failure();
            }
            assertEquals("recording into " + f + " stopped: " + sub + " is in the way: it is not a directory", why);
            assertNull(r.failure(), "said once");
            assertTrue(r.words().startsWith("recording stopped: "), r.words());
            r.offer(s, java.time.Instant.now()); // ignored, no error
        }
    }

    private static void awaitEntries(Path f, int n) throws IOException, InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (JournalReader.index(f).size() >= n) return;
            Thread.sleep(25);
        }
        throw new AssertionError(f + " never held " + n + " entries");
    }
}
