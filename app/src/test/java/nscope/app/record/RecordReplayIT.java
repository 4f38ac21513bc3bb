package nscope.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.app.cli.Entry;
import nscope.app.journal.JournalReader;
import nscope.testkit.LiveTest;
import nscope.testkit.Repo;
import nscope.testkit.SynthHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nscope record on a small synthetic host while synth-host churn runs, read
 * back: ls --json and cgroups --json at each entry's time equal the same
 * commands on the snapshot the recorder held for that entry (written aside
 * through {@link Recorder#ASIDE}); a recorder killed outright leaves a file
 * that replays; SIGTERM closes the file whole; a recording replays for
 * nobody.
 */
@LiveTest
class RecordReplayIT {
    static final String HOST = "nscope-test-replay-it";
    static Path dir;
    static SynthHost host;

    @BeforeAll
    static void up() throws Exception {
        dir = Files.createTempDirectory("nscope-test-replay-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        host = SynthHost.up(HOST, "--containers", "10", "--procs", "3", "--threads", "5");
    }

    @AfterAll
    static void down() throws Exception {
        if (host != null) host.close();
        if (dir != null)
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
    }

    static List<String> java(String... args) {
        List<String> argv = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    static String jar() {
        return Repo.of("app/target/nscope.jar").toString();
    }

    /** nscope in this JVM: stdout, asserting exit 0. */
    static String nscope(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = Entry.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, rc, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    @Test
    void eachEntryReplaysAsTheRecorderHeldIt() throws Exception {
        Path rec = dir.resolve("churn.nsj"), aside = dir.resolve("aside");
        Process churn = new ProcessBuilder(
                        Repo.synthHost().toString(), "churn", "--name", HOST, "--seconds", "600", "--rate", "10")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("churn.log").toFile())
                .start();
        try {
            Process p = new ProcessBuilder(java(
                            "-Dnscope.record.aside=" + aside,
                            "-jar",
                            jar(),
                            "record",
                            "--interval",
                            "1",
                            "--keyframe",
                            "45",
                            "--cgroup-figures", // the cgroup trees at every entry, so the churn's cgroups are seen
                            rec.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("record.log").toFile())
                    .start();
            try {
                waitForEntries(rec, 10); // the first is a whole scan of a shared, busy machine: entries, not seconds
            } finally {
                p.destroy();
                assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            }
        } finally {
            churn.destroy();
            churn.waitFor(60, TimeUnit.SECONDS);
        }
        JournalReader r = JournalReader.open(rec);
        assertTrue(r.entries().size() >= 3, "entries: " + r.entries().size());
        assertTrue(r.entries().stream().anyMatch(e -> !e.frame().keyframe()), "no delta was written");
        java.util.Set<String> first = null, later = new java.util.TreeSet<>();
        for (int i = 0; i < r.entries().size(); i++) {
            String at = r.entries().get(i).wall().toString(),
                    held = aside.resolve(String.format("%06d", i)).toString();
            for (String cmd : List.of("ls", "cgroups")) {
                String replayed = nscope(cmd, "--json", "--replay", rec.toString(), "--at", at);
                assertEquals(nscope(cmd, "--json", "--replay", held), replayed, cmd + " at entry " + i);
                if (!cmd.equals("ls")) continue;
                java.util.Set<String> ns = new java.util.TreeSet<>();
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("\"ns\" : (\\d+)").matcher(replayed);
                while (m.find()) ns.add(m.group(1));
                if (first == null) first = ns;
                else later.addAll(ns);
            }
        }
        // the churn's namespaces come and go between entries (a short one may be gone again by the last entry,
        // so look at every entry): some entry replays a namespace the first did not have
        later.removeAll(first);
        assertTrue(!later.isEmpty(), "no entry after the first replays a namespace the churn made");
        // and its cgroups, which it keeps, appear between the first and the last entry
        String diff = nscope("diff", "--replay", rec.toString(), "--json");
        var changes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(diff);
        assertTrue(changes.path("cgroups").path("appeared").toString().contains(HOST + "-churn"), diff);
    }

    @Test
    void aRecorderKilledOrStoppedLeavesAFileThatReplays() throws Exception {
        Path killed = dir.resolve("killed.nsj"), stopped = dir.resolve("stopped.nsj");
        Process k = new ProcessBuilder(java("-jar", jar(), "record", "--interval", "0.5", killed.toString())).start();
        Process s = new ProcessBuilder(java("-jar", jar(), "record", "--interval", "0.5", stopped.toString())).start();
        try {
            waitForEntries(killed, 3);
            waitForEntries(stopped, 3);
        } finally {
            k.destroyForcibly(); // SIGKILL: whatever entry was being written stays cut short
            s.destroy(); // SIGTERM: the shutdown hook closes the file after a whole entry
            assertTrue(k.waitFor(60, TimeUnit.SECONDS));
            assertTrue(s.waitFor(60, TimeUnit.SECONDS));
        }
        long whole = JournalReader.index(stopped)
                .get(JournalReader.index(stopped).size() - 1)
                .offset();
        assertTrue(whole > 0);
        assertEquals(Files.size(stopped), lastEnd(stopped), "SIGTERM left a partial entry");
        nscope("ls", "--json", "--replay", killed.toString());
        // cut the killed file inside its last entry: it replays up to the one before
        int n = JournalReader.open(killed).entries().size();
        try (RandomAccessFile f = new RandomAccessFile(killed.toFile(), "rw")) {
            f.setLength(f.length() - 5);
        }
        assertEquals(n - 1, JournalReader.open(killed).entries().size());
        nscope("ls", "--json", "--replay", killed.toString());
    }

    @Test
    void aRecordingReplaysForAUserWithoutPrivileges() throws Exception {
        Path rec = dir.resolve("nobody.nsj");
        nscope("record", "--interval", "1", "--duration", "3", rec.toString());
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> argv =
                new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        argv.addAll(java("-jar", jar(), "--replay", rec.toString(), "ls", "--json"));
        Process p = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(nscope("--replay", rec.toString(), "ls", "--json"), out);
    }

    /** Entries an interval apart to the end of --duration: none in a burst to catch up with it. */
    @Test
    void entriesKeepTheIntervalToTheEnd() throws Exception {
        Path rec = dir.resolve("paced.nsj");
        nscope("record", "--interval", "1", "--duration", "6", rec.toString());
        var idx = JournalReader.index(rec);
        assertTrue(idx.size() >= 2 && idx.size() <= 7, idx.size() + " entries in 6 s at 1 s");
        // the first scan may outlast the interval: the entry after it is then due at once
        for (int i = 2; i < idx.size(); i++) {
            long gap = idx.get(i).wall().toEpochMilli() - idx.get(i - 1).wall().toEpochMilli();
            assertTrue(gap >= 900, "entry " + (i + 1) + " came " + gap + " ms after the one before");
        }
    }

    @Test
    void aRotatedRecordingReplaysAcrossItsFiles() throws Exception {
        Path rec = dir.resolve("rotated.nsj"), aside = dir.resolve("rotated-aside"), one = dir.resolve("one.nsj");
        // a file of a keyframe and a few deltas, whatever the size of this host
        nscope("record", "--duration", "0.1", one.toString());
        long size = Files.size(one) + 20_000;
        Process p = new ProcessBuilder(java(
                        "-Dnscope.record.aside=" + aside,
                        "-jar",
                        jar(),
                        "record",
                        "--interval",
                        "0.5",
                        "--max-size",
                        String.valueOf(size),
                        rec.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rotated.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!Files.exists(dir.resolve("rotated.nsj.2")) && System.nanoTime() < deadline) Thread.sleep(200);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        }
        List<Path> files = nscope.app.journal.Segments.of(rec);
        assertTrue(files.size() >= 3, "files: " + files);
        for (Path f : files)
            assertTrue(JournalReader.index(f).get(0).keyframe(), f + " does not begin with a keyframe");
        JournalReader r = JournalReader.open(rec);
        assertTrue(r.entries().stream().anyMatch(e -> !e.frame().keyframe()), "no delta was written");
        // every entry, in whichever file, replays as the recorder held it
        for (int i = 0; i < r.entries().size(); i++) {
            String at = r.entries().get(i).wall().toString(),
                    held = aside.resolve(String.format("%06d", i)).toString();
            assertEquals(
                    nscope("ls", "--json", "--replay", held),
                    nscope("ls", "--json", "--replay", rec.toString(), "--at", at),
                    "entry " + i + " in " + r.entries().get(i).file());
        }
    }

    private static long lastEnd(Path f) throws IOException {
        var idx = JournalReader.index(f);
        var last = idx.get(idx.size() - 1);
        return last.offset() + 25 + last.length();
    }

    static void waitForEntries(Path f, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (Files.exists(f) && JournalReader.index(f).size() >= n) return;
            Thread.sleep(200);
        }
        throw new AssertionError("no " + n + " entries in " + f);
    }
}
