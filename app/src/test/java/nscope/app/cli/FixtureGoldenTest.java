package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests over the recorded fixtures in {@code <repo>/fixtures} (made by
 * fixtures/make-fixtures.sh; see fixtures/README.md): every command's output
 * on each fixture must equal the recorded expected/ file exactly, ls must
 * agree with the lsns output recorded at capture time, replay errors must be
 * one clean line, and capturing a fixture must reproduce it.
 */
class FixtureGoldenTest {
    /** What make-fixtures.sh puts in place of the --root path and the time in snapshot JSON. */
    private static final String ROOT_MARK = "<fixture>", TIME_MARK = "<takenAt>";

    private static final Pattern TAKEN_AT = Pattern.compile("(?m)^(\\s*\"takenAt\" : )\"[^\"]*\"");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One golden file: the arguments after --root DIR, and the file under expected/. */
    private record Golden(String file, String... args) {}

    private static final List<Golden> GOLDEN = List.of(
            new Golden("ls.txt", "ls"),
            new Golden("ls-threads.txt", "ls", "--threads"),
            new Golden("ls.json", "ls", "--json"),
            new Golden("ls-all.txt", "ls", "--all"),
            new Golden("ls-tree-owner.json", "ls", "--json", "--all", "--tree", "owner"),
            new Golden("snapshot.json", "snapshot", "--json"),
            new Golden("cgroups.txt", "cgroups", "--processes", "--interval", "0"),
            new Golden("cgroups.json", "cgroups", "--json", "--interval", "0"));

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    private static Cli.Run runOn(Path root, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    /** The multi-module root: from surefire's nscope.repo, else the nearest directory up holding fixtures/. */
    static Path repo() {
        String prop = System.getProperty("nscope.repo");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "fixtures")))
            return Path.of(prop).toAbsolutePath();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("fixtures"))) return p;
        }
        throw new AssertionError(
                "no fixtures/ directory above " + Path.of("").toAbsolutePath() + " and nscope.repo=" + prop);
    }

    /** Every recorded fixture: a directory under fixtures/ with nsfs.ids and expected/. */
    static List<Path> fixtures() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(repo().resolve("fixtures"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("nsfs.ids")) && Files.isDirectory(d.resolve("expected")))
                    .sorted()
                    .forEach(out::add);
        }
        assertTrue(out.size() >= 2, "expected at least the plain-host and synth-host fixtures, found " + out);
        return out;
    }

    /** Snapshot JSON with the root path and the time replaced, as make-fixtures.sh writes it. */
    static String normalise(String json, Path root) {
        String s = json.replace(root.toString(), ROOT_MARK);
        return TAKEN_AT.matcher(s).replaceAll("$1\"" + Matcher.quoteReplacement(TIME_MARK) + "\"");
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void assertCleanError(Cli.Run r, String what) {
        assertNotEquals(0, r.rc(), what + ": exit code");
        assertEquals("", r.out(), what + ": stdout");
        String[] lines = r.err().split("\n", -1);
        assertEquals(2, lines.length, what + ": exactly one stderr line, got: " + r.err());
        assertEquals("", lines[1], what + ": stderr ends with its line: " + r.err());
        assertTrue(lines[0].startsWith("nscope: "), what + ": " + r.err());
        assertFalse(r.err().contains("Exception"), what + ": " + r.err());
        assertFalse(r.err().contains("at nscope."), what + ": " + r.err());
    }

    // ---- golden outputs ------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> outputsEqualTheRecordedOnes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fx : fixtures()) {
            for (Golden g : GOLDEN) {
                tests.add(DynamicTest.dynamicTest(fx.getFileName() + ": " + String.join(" ", g.args()), () -> {
                    Cli.Run r = runOn(fx, g.args());
                    assertEquals(0, r.rc(), "exit code; stderr: " + r.err());
                    assertFalse(r.err().contains("Exception"), r.err());
                    String expected = read(fx.resolve("expected").resolve(g.file()));
                    assertFalse(expected.isBlank(), g.file() + " is empty");
                    String actual =
                            g.file().endsWith(".json") && !g.file().startsWith("ls") ? normalise(r.out(), fx) : r.out();
                    assertEquals(expected, actual, fx.getFileName() + "/expected/" + g.file());
                }));
            }
            tests.add(DynamicTest.dynamicTest(fx.getFileName() + ": no command lists like ls", () -> {
                Cli.Run r = runOn(fx);
                assertEquals(0, r.rc(), r.err());
                assertEquals(read(fx.resolve("expected/ls.txt")), r.out());
            }));
        }
        return tests.stream();
    }

    @Test
    void normaliseReplacesOnlySourcePathsAndTime() {
        Path root = Path.of("/x/fx");
        String in = "{\n  \"source\" : \"/x/fx\",\n  \"takenAt\" : \"2026-01-01T00:00:00.123Z\",\n"
                + "  \"detail\" : \"/x/fx/proc/1/task/1/ns/net: EACCES\",\n  \"comm\" : \"takenAt\"\n}\n";
        assertEquals(
                "{\n  \"source\" : \"<fixture>\",\n  \"takenAt\" : \"<takenAt>\",\n"
                        + "  \"detail\" : \"<fixture>/proc/1/task/1/ns/net: EACCES\",\n  \"comm\" : \"takenAt\"\n}\n",
                normalise(in, root));
    }

    // ---- lsns as the oracle ----------------------------------------------------

    /** (ns, type, nprocs) of every row, however deeply nested (lsns -J's tree mode nests under "children"). */
    static Set<String> nsTypeNprocs(JsonNode root) {
        Set<String> out = new TreeSet<>();
        collect(root.get("namespaces"), out);
        return out;
    }

    private static void collect(JsonNode rows, Set<String> out) {
        if (rows == null) return;
        for (JsonNode n : rows) {
            String row = n.get("ns").asLong() + " " + n.get("type").asText() + " "
                    + n.get("nprocs").asInt();
            assertTrue(out.add(row), "namespace listed twice: " + row);
            collect(n.get("children"), out);
        }
    }

    @TestFactory
    Stream<DynamicTest> lsAgreesWithLsnsRecordedAtCapture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fx : fixtures()) {
            if (!Files.isRegularFile(fx.resolve("expected/lsns.json")))
                continue; // a hand-built layout: no lsns ran on it
            tests.add(DynamicTest.dynamicTest(fx.getFileName().toString(), () -> {
                Set<String> lsns = nsTypeNprocs(
                        MAPPER.readTree(fx.resolve("expected/lsns.json").toFile()));
                Cli.Run r = runOn(fx, "ls", "--json");
                assertEquals(0, r.rc(), r.err());
                Set<String> ours = nsTypeNprocs(MAPPER.readTree(r.out()));
                assertFalse(lsns.isEmpty(), "lsns.json lists no namespaces");
                assertEquals(lsns, ours, "(ns, type, nprocs) of lsns -J versus nscope ls --json");
            }));
        }
        return tests.stream();
    }

    /** Command lines of the processes synth-host starts for instance nscope-test-fx. */
    private static final Pattern SYNTH_COMMAND = Pattern.compile(
            "unshare .* sh /run/synth-host/nscope-test-fx/.*|sh /run/synth-host/nscope-test-fx/.*|sleep infinity|/run/synth-host/threads [0-9]+");

    @Test
    void theSynthHostFixtureHoldsWhatSynthHostBuilt() throws IOException {
        // up --containers 3 --procs 3 --threads 4 --depth 1: each container has its own
        // uts, ipc, net, cgroup and time namespace, and two pid and two mnt namespaces
        // (its own, and the nested level's with its own /proc); no user namespace
        Path fx = repo().resolve("fixtures/synth-host");
        Cli.Run r = runOn(fx, "ls", "--threads", "--json");
        assertEquals(0, r.rc(), r.err());
        java.util.Map<String, Integer> byType = new java.util.TreeMap<>();
        int containers = 0;
        for (JsonNode n : MAPPER.readTree(r.out()).get("namespaces")) {
            String type = n.get("type").asText();
            if (!SYNTH_COMMAND.matcher(n.get("command").asText()).matches()) continue;
            byType.merge(type, 1, Integer::sum);
            if (type.equals("uts")) {
                containers++;
                // outer unshare, the container's pid 1, procs-1 = 2 sleepers, the threads
                // process, the nested level's sleeper and its pid 1: 7 processes, and the
                // threads process's 3 extra threads: 10 tasks
                assertEquals(7, n.get("nprocs").asInt(), n.toString());
                assertEquals(10, n.get("tasks").asInt(), n.toString());
            }
        }
        assertEquals(3, containers);
        assertEquals(
                java.util.Map.of("cgroup", 3, "ipc", 3, "mnt", 6, "net", 3, "pid", 6, "time", 3, "uts", 3), byType);
    }

    // ---- replay errors -------------------------------------------------------

    @Test
    void aMissingRootFailsWithOneLine(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-dir");
        assertCleanError(runOn(missing, "ls"), "ls on a missing root");
        assertCleanError(runOn(missing, "snapshot", "--json"), "snapshot on a missing root");
        assertCleanError(runOn(missing), "default command on a missing root");
    }

    @Test
    void aRootWithoutProcFailsWithOneLine(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Cli.Run r = runOn(tmp, "ls");
        assertCleanError(r, "ls on a root without proc/");
        assertTrue(r.err().contains("proc"), r.err());
        assertCleanError(runOn(tmp, "snapshot", "--json"), "snapshot on a root without proc/");
        assertCleanError(runOn(tmp, "ls", "--threads"), "ls --threads on a root without proc/");
    }

    @TestFactory
    Stream<DynamicTest> aPidNotInTheFixtureFailsWithOneLine() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fx : fixtures()) {
            tests.add(DynamicTest.dynamicTest(fx.getFileName().toString(), () -> {
                Set<Integer> pids = pids(fx.resolve("proc"));
                int absent = 2;
                while (pids.contains(absent)) absent++;
                Cli.Run r = runOn(fx, "ls", "-p", Integer.toString(absent));
                assertCleanError(r, "ls -p " + absent);
                assertTrue(r.err().contains("no process " + absent), r.err());
                assertCleanError(runOn(fx, "ls", "--json", "-p", Integer.toString(absent)), "ls --json -p " + absent);
                // a process that is there lists only its namespaces
                int present = pids.iterator().next();
                Cli.Run ok = runOn(fx, "ls", "-p", Integer.toString(present));
                assertEquals(0, ok.rc(), ok.err());
            }));
        }
        return tests.stream();
    }

    @Test
    void aThreadIdIsNotAProcess() throws IOException {
        Path fx = repo().resolve("fixtures/synth-host");
        int tid = -1, tgid = -1;
        for (int pid : pids(fx.resolve("proc"))) {
            for (int t : pids(fx.resolve("proc").resolve(Integer.toString(pid)).resolve("task"))) {
                if (t != pid) {
                    tid = t;
                    tgid = pid;
                    break;
                }
            }
            if (tid > 0) break;
        }
        assertTrue(tid > 0, "the synth-host fixture has threads");
        for (List<String> args : List.of(List.of("ls", "-p"), List.of("ls", "--threads", "-p"))) {
            List<String> all = new ArrayList<>(args);
            all.add(Integer.toString(tid));
            Cli.Run r = runOn(fx, all.toArray(new String[0]));
            assertCleanError(r, String.join(" ", all));
            assertTrue(
                    r.err().contains("no process " + tid + " (it is a thread; give its TGID " + tgid + ")"), r.err());
        }
    }

    @Test
    void captureIntoANonEmptyDirectoryFailsCleanly(@TempDir Path tmp) throws IOException {
        Path fx = fixtures().get(0);
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "mine\n");
        Cli.Run r = runOn(fx, "capture", dir.toString());
        assertCleanError(r, "capture into a non-empty directory");
        assertTrue(r.err().contains("not empty"), r.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("keep.txt")), s.toList(), "capture left the directory as it was");
        }
        assertEquals("mine\n", read(dir.resolve("keep.txt")));
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        assertCleanError(runOn(fx, "capture", file.toString()), "capture into a regular file");
    }

    // ---- capture round trip --------------------------------------------------

    @TestFactory
    Stream<DynamicTest> captureOfAFixtureReplaysTheSame(@TempDir Path tmp) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fx : fixtures()) {
            tests.add(DynamicTest.dynamicTest(fx.getFileName().toString(), () -> {
                Path copy = tmp.resolve(fx.getFileName().toString());
                Cli.Run c = runOn(fx, "capture", copy.toString());
                assertEquals(0, c.rc(), c.err());
                assertTrue(c.err().startsWith("nscope: captured "), c.err());
                assertFalse(c.err().contains("Exception"), c.err());
                // the recorded extras come out the same
                assertEquals(read(fx.resolve("nsfs.ids")), read(copy.resolve("nsfs.ids")), "nsfs.ids");
                assertEquals(read(fx.resolve("outcomes")), read(copy.resolve("outcomes")), "outcomes");
                // namespace links stay links with the same text
                Path someLink = firstLink(fx.resolve("proc"));
                Path copied = copy.resolve(fx.relativize(someLink).toString());
                assertTrue(Files.isSymbolicLink(copied), copied + " is a link");
                assertEquals(Files.readSymbolicLink(someLink), Files.readSymbolicLink(copied));
                // and every command reads the copy as it reads the original
                for (Golden g : GOLDEN) {
                    Cli.Run a = runOn(fx, g.args()), b = runOn(copy, g.args());
                    assertEquals(0, b.rc(), b.err());
                    assertEquals(normalise(a.out(), fx), normalise(b.out(), copy), String.join(" ", g.args()));
                    assertEquals(
                            a.err().replace(fx.toString(), ROOT_MARK),
                            b.err().replace(copy.toString(), ROOT_MARK),
                            "stderr of " + String.join(" ", g.args()));
                }
            }));
        }
        return tests.stream();
    }

    /** The numeric entries of a directory, ascending. */
    private static Set<Integer> pids(Path dir) throws IOException {
        Set<Integer> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+"))
                    .forEach(n -> out.add(Integer.parseInt(n)));
        }
        return out;
    }

    /** Some namespace link under a directory. */
    private static Path firstLink(Path procDir) throws IOException {
        try (Stream<Path> s = Files.walk(procDir)) {
            return s.filter(p -> Files.isSymbolicLink(p))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no links under " + procDir));
        }
    }

    @TestFactory
    Stream<DynamicTest> namespaceLinksAreStoredAsLinks() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fx : fixtures()) {
            tests.add(DynamicTest.dynamicTest(fx.getFileName().toString(), () -> {
                Set<String> kinds = new HashSet<>();
                int links = 0;
                try (Stream<Path> s = Files.walk(fx.resolve("proc"))) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (!p.getParent().getFileName().toString().equals("ns")) continue;
                        assertTrue(Files.isSymbolicLink(p), p + " should be a symbolic link");
                        String text = Files.readSymbolicLink(p).toString();
                        assertTrue(text.matches("[a-z]+:\\[[0-9]+\\]"), p + " -> " + text);
                        assertFalse(Files.exists(p), p + " should dangle");
                        assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS));
                        kinds.add(text.substring(0, text.indexOf(':')));
                        links++;
                    }
                }
                assertTrue(links > 0, "no namespace links in " + fx);
                assertEquals(Set.of("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"), kinds);
            }));
        }
        return tests.stream();
    }
}
