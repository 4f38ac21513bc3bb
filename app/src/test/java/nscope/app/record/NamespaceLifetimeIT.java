package nscope.app.record;

import static nscope.app.record.RecordReplayIT.jar;
import static nscope.app.record.RecordReplayIT.java;
import static nscope.app.record.RecordReplayIT.nscope;
import static nscope.app.record.RecordReplayIT.waitForEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nscope.app.journal.JournalReader;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's lifetime rule, on a namespace this test makes and ends itself
 * while nscope records at 1 s: a namespace alive from A to B is in the
 * replayed {@code ls --json} at every time from A plus one interval to B,
 * and not before A nor from B plus one interval on: checked at every entry
 * (each taken 1 s, the interval, or more after A up to B lists it; none
 * before A nor 1 s after B does) and at times every 0.5 s. For those times
 * "one interval" is the longest gap between entries, as a busy machine
 * makes a recorder late and a time replays the last entry at or before it.
 */
@LiveTest
class NamespaceLifetimeIT {
    @Test
    void aNamespaceIsReplayedExactlyWhileItLived() throws Exception {
        Path dir = Files.createTempDirectory("nscope-test-lifetime-");
        Path rec = dir.resolve("lifetime.nsj");
        Process recorder = new ProcessBuilder(
                        java("-jar", jar(), "record", "--interval", "1", "--keyframe", "4", rec.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("record.log").toFile())
                .start();
        Process holder = null;
        try {
            waitForEntries(rec, 2); // entries before the namespace is made
            Instant beforeA = Instant.now();
            holder = new ProcessBuilder("unshare", "--net", "--uts", "--", "sleep", "600")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String ino = netNs(holder.pid(), 10);
            Instant a = Instant.now(); // alive from here at the latest
            int entriesAtA = JournalReader.index(rec).size();
            waitForEntries(rec, entriesAtA + 5); // some entries while it lives, a keyframe among them
            Instant b = Instant.now(); // alive until here at least
            // and until the entry being taken at B is written: an entry shows /proc as it began, so it may read
            // the holder a moment after its time
            waitForEntries(rec, JournalReader.index(rec).size() + 1);
            holder.destroy();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            Instant gone = Instant.now(); // its only task has ended: the namespace with it
            waitForEntries(rec, JournalReader.index(rec).size() + 4);
            recorder.destroy();
            assertTrue(recorder.waitFor(60, TimeUnit.SECONDS));
            check(rec, ino, beforeA, a, b, gone);
        } finally {
            if (holder != null) holder.destroyForcibly();
            recorder.destroyForcibly();
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(Path rec, String ino, Instant beforeA, Instant a, Instant b, Instant gone)
            throws Exception {
        JournalReader r = JournalReader.open(rec);
        List<Instant> walls = new ArrayList<>();
        r.entries().forEach(e -> walls.add(e.wall()));
        Duration second = Duration.ofSeconds(1), interval = second;
        for (int i = 1; i < walls.size(); i++) {
            Duration gap = Duration.between(walls.get(i - 1), walls.get(i));
            if (walls.get(i).isAfter(beforeA) && gap.compareTo(interval) > 0) interval = gap;
        }
        Instant first = walls.get(0), last = walls.get(walls.size() - 1);
        List<Instant> absent = new ArrayList<>(), present = new ArrayList<>();
        // each entry taken one interval (the nominal one) after A, up to B, and times from A plus the real one
        for (Instant w : walls) if (!w.isBefore(a.plus(second)) && !w.isAfter(b)) present.add(w);
        for (Instant t = a.plus(interval); !t.isAfter(b); t = t.plusMillis(500)) present.add(t);
        // before A: each entry taken before the holder was started, and a moment just before
        for (Instant w : walls) if (w.isBefore(beforeA)) absent.add(w);
        absent.add(beforeA.minusMillis(1));
        // after B plus one interval: each entry, and times from there on
        for (Instant w : walls) if (!w.isBefore(gone.plus(second))) absent.add(w);
        for (Instant t = gone.plus(interval); !t.isAfter(last); t = t.plusMillis(500)) absent.add(t);
        assertTrue(present.size() >= 2, "too short a life to check: " + a + " to " + b + ", entries " + walls);
        assertTrue(
                absent.stream().anyMatch(t -> t.isAfter(gone)), "no entry after the end: " + walls + " gone " + gone);
        for (Instant t : absent)
            if (!t.isBefore(first) && !t.isAfter(last))
                assertEquals(
                        false, listed(rec, t, ino), "net:[" + ino + "] replayed at " + t + ", " + where(a, b, gone));
        for (Instant t : present)
            assertEquals(
                    true, listed(rec, t, ino), "net:[" + ino + "] not replayed at " + t + ", " + where(a, b, gone));
    }

    private static String where(Instant a, Instant b, Instant gone) {
        return "alive from " + a + " to " + b + ", gone by " + gone;
    }

    private static boolean listed(Path rec, Instant t, String ino) {
        String out = nscope("--replay", rec.toString(), "--at", t.toString(), "ls", "--json");
        Matcher m = Pattern.compile("\"ns\" : " + ino + ",").matcher(out);
        return m.find();
    }

    /** The inode of the net namespace of {@code pid} once it is not ours (unshare made it). */
    private static String netNs(long pid, int seconds) throws Exception {
        String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                String link = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net"))
                        .toString();
                if (!link.equals(ours)) return link.replaceAll("\\D", "");
            } catch (java.io.IOException e) {
                // not there yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("unshare made no net namespace for " + pid);
    }
}
