package nscope.app.cli;

import static nscope.app.cli.LiveUiIT.tmux;
import static nscope.app.cli.LiveUiIT.until;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * nscope replay in a real terminal over a recording of this host (a few entries, a process of the
 * test's own started during it): the timeline, > (the process new at its step), : with a good and a
 * bad time, t's lens on the process from the recording, q.
 */
@LiveTest
class ReplayScreenIT {
    private static final Path REPO =
            Path.of(System.getProperty("nscope.repo", "..")).toAbsolutePath().normalize();
    private static final String SESSION =
            "nscope-test-replay-" + ProcessHandle.current().pid();

    /** Waits (up to 3 minutes) until the recording holds n whole entries. */
    private static void awaitEntries(Path file, int n) throws Exception {
        for (int i = 0; i < 1800; i++) {
            if (Files.exists(file)
                    && nscope.app.journal.JournalReader.index(file).size() >= n) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the recording never held " + n + " entries");
    }

    @Test
    void theTimelineStepsJumpsAndOpensTheLensOnARecording() throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        Path dir = Files.createTempDirectory("nscope-test-replay");
        Path file = dir.resolve("rec.nsj");
        Process sleeper = null;
        try {
            // until it holds three entries (a big host is paced below the interval: counted, not timed)
            Process rec = new ProcessBuilder(
                            REPO.resolve("nscope").toString(), "record", "--interval", "1", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("record.log").toFile())
                    .start();
            try {
                // once the first entry is written, a process of ours starts: new at a later entry
                awaitEntries(file, 1);
                sleeper = new ProcessBuilder("sleep", "4345.5").start();
                awaitEntries(file, 3);
            } finally {
                rec.destroy(); // SIGTERM: the file is closed after a whole entry
                assertTrue(rec.waitFor(60, TimeUnit.SECONDS), "the recorder ends on SIGTERM");
            }
            tmux(
                    "new-session",
                    "-d",
                    "-s",
                    SESSION,
                    "-x",
                    "80",
                    "-y",
                    "24",
                    "-c",
                    REPO.toString(),
                    "SHELL=/bin/sh ./nscope --at +0 replay " + file);
            until(SESSION, "at ", 120);
            String p = until(SESSION, "entry 1/", 60);
            assertTrue(p.lines().findFirst().orElse("").startsWith("replay "), p);
            assertTrue(p.contains("<>{} step  : time  ? help"), p);
            tmux("send-keys", "-t", SESSION, ">");
            p = until(SESSION, "entry 2/", 30);
            until(SESSION, "since ", 30);
            tmux("send-keys", "-t", SESSION, ":", "nope", "Enter");
            until(SESSION, "'nope' is not a time", 30);
            tmux("send-keys", "-t", SESSION, ":", "+600", "Enter");
            p = until(SESSION, "entry ", 30);
            // the last entry holds the sleeper: found by search, t opens its lens from the recording
            tmux("send-keys", "-t", SESSION, "/", "4345.5", "Enter");
            until(SESSION, "found: 4345.5", 30);
            tmux("send-keys", "-t", SESSION, "t");
            p = until(SESSION, "PID/TGID lens: process " + sleeper.pid(), 30);
            until(SESSION, "from the recording", 30);
            tmux("send-keys", "-t", SESSION, "Escape");
            tmux("send-keys", "-t", SESSION, "q");
        } finally {
            tmux("kill-session", "-t", SESSION);
            if (sleeper != null) sleeper.destroy();
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }
}
