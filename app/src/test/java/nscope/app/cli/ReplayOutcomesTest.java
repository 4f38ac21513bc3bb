package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture's "outcomes" file replays what a capture met that left no file:
 * failed reads fail again with the same errno, and existence checks get the
 * same answers, so a task seen exiting or refused replays as such and not
 * as "this kernel has no such link". The tree here is one threaded process
 * of the synth-host fixture with some of its reads made to fail.
 */
class ReplayOutcomesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    /** Copies a tree, links as links. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The synth-host fixture's first 4-thread process: its proc directory. */
    private static Path threadedProcess(Path fx) throws IOException {
        try (Stream<Path> s = Files.list(fx.resolve("proc"))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                Path cmd = p.resolve("cmdline");
                if (Files.isRegularFile(cmd)
                        && new String(Files.readAllBytes(cmd), StandardCharsets.UTF_8)
                                .equals("/run/synth-host/threads\u00004\u0000")) return p;
            }
        }
        throw new AssertionError("no threads process in " + fx);
    }

    private static JsonNode task(JsonNode snap, int tid) {
        for (JsonNode t : snap.get("tasks")) if (t.get("tid").asInt() == tid) return t;
        return null;
    }

    @Test
    void failuresAndExistenceAnswersReplayAsRecorded(@TempDir Path tmp) throws IOException {
        Path fx = FixtureGoldenTest.repo().resolve("fixtures/synth-host");
        Path proc = threadedProcess(fx);
        String pid = proc.getFileName().toString();
        Path tree = tmp.resolve("tree");
        copy(proc, tree.resolve("proc").resolve(pid));
        copy(fx.resolve("etc"), tree.resolve("etc"));
        Files.copy(fx.resolve("nsfs.ids"), tree.resolve("nsfs.ids"));

        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> s = Files.list(tree.resolve("proc").resolve(pid).resolve("task"))) {
            s.map(p -> Integer.parseInt(p.getFileName().toString())).sorted().forEach(tids::add);
        }
        assertEquals(4, tids.size(), tids.toString());
        int exiting = tids.get(1), gone = tids.get(2), missing = tids.get(3);
        String task = "proc/" + pid + "/task/";
        // the capture saw: one thread exiting (its link gone, the link itself still there),
        // one thread gone (link and stat gone), and the leader's time link refused
        Files.delete(tree.resolve(task + exiting + "/ns/net"));
        Files.delete(tree.resolve(task + gone + "/ns/uts"));
        Files.delete(tree.resolve(task + pid + "/ns/time"));
        // and one link missing with nothing recorded: a kernel without it
        Files.delete(tree.resolve(task + missing + "/ns/cgroup"));
        Files.writeString(
                tree.resolve("outcomes"),
                String.join(
                                "\n",
                                "ENOENT " + task + exiting + "/ns/net",
                                "ENOENT " + task + gone + "/ns/uts",
                                "EACCES " + task + pid + "/ns/time",
                                "exists " + task + exiting + "/stat",
                                "exists " + task + exiting + "/ns/net",
                                "absent " + task + gone + "/stat")
                        + "\n");

        Cli.Run r = run("--root", tree.toString(), "snapshot", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode snap = MAPPER.readTree(r.out());
        assertEquals(3, snap.get("tasks").size(), "the thread whose stat was gone is dropped");
        assertEquals(null, task(snap, gone));

        JsonNode e = task(snap, exiting);
        assertTrue(e.get("ns").get("net").isNull());
        assertEquals("exiting", e.get("unknown").get("ns.net").get("reason").asText());
        assertEquals(
                "task is exiting", e.get("unknown").get("ns.net").get("detail").asText());

        JsonNode lead = task(snap, Integer.parseInt(pid));
        assertEquals(
                "permission", lead.get("unknown").get("ns.time").get("reason").asText());
        assertEquals(
                tree.resolve(task + pid + "/ns/time") + ": EACCES",
                lead.get("unknown").get("ns.time").get("detail").asText());
        assertTrue(
                r.err().startsWith("nscope: the namespaces of 1 task are unknown: the kernel refused access"), r.err());

        JsonNode k = task(snap, missing);
        assertEquals(
                "not provided by kernel",
                k.get("unknown").get("ns.cgroup").get("reason").asText());
        assertFalse(k.get("ns").get("net").isNull());

        // a capture of this tree records the same and replays the same
        Path copy = tmp.resolve("copy");
        Cli.Run c = run("--root", tree.toString(), "capture", copy.toString());
        assertEquals(0, c.rc(), c.err());
        String outcomes = Files.readString(copy.resolve("outcomes"));
        for (String line : List.of(
                "ENOENT " + task + exiting + "/ns/net",
                "EACCES " + task + pid + "/ns/time",
                "exists " + task + exiting + "/ns/net"))
            assertTrue(outcomes.contains(line + "\n"), line + " in\n" + outcomes);
        Cli.Run again = run("--root", copy.toString(), "snapshot", "--json");
        assertEquals(FixtureGoldenTest.normalise(r.out(), tree), FixtureGoldenTest.normalise(again.out(), copy));
    }

    @Test
    void aBadOutcomesLineIsOneCleanError(@TempDir Path tmp) throws IOException {
        Path fx = FixtureGoldenTest.repo().resolve("fixtures/synth-host");
        Path tree = tmp.resolve("tree");
        copy(
                threadedProcess(fx),
                tree.resolve("proc").resolve(threadedProcess(fx).getFileName().toString()));
        Files.copy(fx.resolve("nsfs.ids"), tree.resolve("nsfs.ids"));
        Files.writeString(tree.resolve("outcomes"), "EWHAT proc/1/stat\n");
        Cli.Run r = run("--root", tree.toString(), "ls");
        assertTrue(r.rc() != 0, "exit code");
        assertEquals("", r.out());
        assertTrue(
                r.err().startsWith("nscope: ")
                        && r.err().indexOf('\n') == r.err().length() - 1,
                r.err());
        assertTrue(r.err().contains("EWHAT"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
