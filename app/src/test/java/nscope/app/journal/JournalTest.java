package nscope.app.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.app.json.Json;
import nscope.app.json.SnapshotJson;
import nscope.probes.Collector;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.probes.source.KernelRoots;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    static Snapshot fixture(String name, Instant at) throws IOException {
        Path root = Repo.of("fixtures/" + name);
        Snapshot s = new Collector(Host.with(KernelRoots.under(root), root)).collect();
        HostState h = HostState.of(s);
        h.takenAt = at;
        return h.snapshot();
    }

    static String json(Snapshot s) throws IOException {
        StringWriter w = new StringWriter();
        try (var g = Json.generator(w)) {
            SnapshotJson.write(s, g);
        }
        return w.toString();
    }

    static void assertSame(Snapshot want, Snapshot got) throws IOException {
        HostState a = HostState.of(want), b = HostState.of(got);
        for (int i = 0; i < HostState.PARTS.size(); i++)
            assertEquals(a.maps.get(i), b.maps.get(i), HostState.PARTS.get(i).name());
        assertEquals(a.hierarchies, b.hierarchies);
        assertEquals(a.problems, b.problems);
        assertEquals(want.bootTime(), got.bootTime());
        assertEquals(want.takenAt(), got.takenAt());
        assertEquals(json(want), json(got));
    }

    /** A, B (another host), C (B less a thread group), as K D D. */
    private List<Snapshot> three(JournalWriter w) throws IOException {
        Instant t0 = Instant.parse("2026-03-01T03:14:00Z");
        Snapshot a = fixture("synth-host", t0), b = fixture("cgroup-docker", t0.plusSeconds(2));
        HostState c = HostState.of(b);
        c.takenAt = t0.plusSeconds(4);
        int tgid = b.threadGroups().lastKey();
        c.maps.get(0).values().removeIf(t -> ((Task) t).tgid() == tgid);
        Snapshot cs = c.snapshot();
        w.append(a, 1);
        w.append(b, 2);
        w.append(cs, 3);
        return List.of(a, b, cs);
    }

    @Test
    void keyframeAndDeltasGiveBackEverySnapshot() throws IOException {
        Path f = dir.resolve("rec");
        List<Snapshot> want;
        try (JournalWriter w = new JournalWriter(f, 0, Duration.ofSeconds(600), 0)) {
            want = three(w);
        }
        JournalReader r = JournalReader.open(f);
        assertEquals(3, r.entries().size());
        assertEquals(
                List.of('K', 'D', 'D'),
                r.entries().stream().map(e -> e.frame().kind()).toList());
        for (int i = 0; i < 3; i++) assertSame(want.get(i), r.snapshot(i));
        assertEquals(2, r.entries().get(1).frame().bootNanos());
    }

    @Test
    void aFileCutShortReadsToItsLastWholeEntry() throws IOException {
        Path f = dir.resolve("rec");
        List<Snapshot> want;
        try (JournalWriter w = new JournalWriter(f, 0, Duration.ofSeconds(600), 0)) {
            want = three(w);
        }
        long third = JournalReader.index(f).get(2).offset();
        for (long cut : new long[] {third + 7, third + Frame.HEADER + 10, Files.size(f) - 1}) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(cut);
            }
            JournalReader r = JournalReader.open(f);
            assertEquals(2, r.entries().size(), "cut at " + cut);
            assertSame(want.get(1), r.snapshot(1));
        }
    }

    @Test
    void rotationStartsEachFileWithAKeyframeAndKeepsTheNewest() throws IOException {
        Path f = dir.resolve("rec");
        List<Snapshot> want;
        try (JournalWriter w = new JournalWriter(f, 1, Duration.ofSeconds(600), 2)) {
            Instant t0 = Instant.parse("2026-03-01T03:14:00Z");
            Snapshot a = fixture("synth-host", t0);
            assertTrue(w.append(a, 1));
            want = three(w); // each entry past the size: a new file, a keyframe
        }
        assertEquals(List.of(dir.resolve("rec.2"), dir.resolve("rec.3")), Segments.of(f));
        JournalReader r = JournalReader.open(f);
        assertEquals(2, r.entries().size());
        assertTrue(r.entries().stream().allMatch(e -> e.frame().keyframe()));
        assertSame(want.get(2), r.snapshot(1));
        assertSame(want.get(1), r.snapshot(0));
    }

    @Test
    void keyframesComeAtTheirInterval() throws IOException {
        Path f = dir.resolve("rec");
        try (JournalWriter w = new JournalWriter(f, 0, Duration.ofSeconds(3), 0)) {
            three(w); // at 0, 2, 4 s: K D K
        }
        JournalReader r = JournalReader.open(f);
        assertEquals(
                List.of('K', 'D', 'K'),
                r.entries().stream().map(e -> e.frame().kind()).toList());
        assertEquals(1, r.indexAt(Instant.parse("2026-03-01T03:14:03Z")));
        assertEquals(-1, r.indexAt(Instant.parse("2026-03-01T03:13:59Z")));
    }

    @Test
    void timesAreReadAsTheRecordingHostsClock() {
        // a recording begun at 23:59:00 local time (UTC+2)
        Frame first = new Frame('K', Instant.parse("2026-03-01T21:59:00Z").toEpochMilli(), 0, 7200, 0, 0);
        Map<String, String> want = new HashMap<>();
        want.put("23:59:30", "2026-03-01T21:59:30Z");
        want.put("00:00:05.250", "2026-03-01T22:00:05.250Z"); // after the midnight
        want.put("+90", "2026-03-01T22:00:30Z");
        want.put("2026-03-01T23:59:10", "2026-03-01T21:59:10Z");
        want.put("2026-03-01T21:59:10Z", "2026-03-01T21:59:10Z");
        want.forEach((in, out) ->
                assertEquals(Instant.parse(out), ReplayTime.parse(in, first).orElseThrow(), in));
        assertTrue(ReplayTime.parse("soon", first).isEmpty());
        assertTrue(ReplayTime.parse("+-3", first).isEmpty());
    }

    /**
     * A writer compares an entry's parts with the last entry's, the snapshot's own maps (HostState.written): the
     * same snapshot again sets nothing, a snapshot of equal parts in maps of its own sets nothing either, and
     * another host's sets its tasks.
     */
    @Test
    void anEntryWritesOnlyThePartsThatChanged() throws IOException {
        Instant t0 = Instant.parse("2026-03-01T03:14:00Z");
        Snapshot a = fixture("synth-host", t0), again = fixture("synth-host", t0), b = fixture("cgroup-docker", t0);
        assertTrue(a.tasks() != again.tasks(), "two collections, two maps");
        HostState was = HostState.written(a);
        assertEquals(List.of(), partsSet(was, HostState.written(a)));
        assertEquals(List.of(), partsSet(was, HostState.written(again)));
        assertTrue(
                partsSet(was, HostState.written(b)).contains("tasks"),
                partsSet(was, HostState.written(b)).toString());
        // the written state holds the snapshot's maps, as they are
        assertTrue(HostState.written(a).maps.get(0) == (Object) a.tasks());
    }

    /** The parts an entry from {@code before} to {@code after} writes. */
    private static List<String> partsSet(HostState before, HostState after) throws IOException {
        byte[] body = JournalWriter.body(before, after, null);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            return HostState.PARTS.stream()
                    .map(HostState.Part::name)
                    .filter(tree::has)
                    .toList();
        }
    }
}
