package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher and the packaged jar, run as a user runs them, on every JDK
 * installed here (Java 17 and, where present, 25): stdout is the output,
 * stderr holds only nscope's own lines, never a JVM warning.
 */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("nscope.repo", ".."));

    record Run(int rc, String out, String err) {}

    static Run nscope(Path javaHome, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(REPO.resolve("nscope").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (javaHome != null) pb.environment().put("JAVA_HOME", javaHome.toString());
        Path err = Files.createTempFile("nscope-test-", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nscope did not finish");
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static List<Path> jdks() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            s.filter(d -> Files.isExecutable(d.resolve("bin/java")) && Files.isRegularFile(d.resolve("release")))
                    .filter(d -> !Files.isSymbolicLink(d))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void stderrHoldsOnlyNscopeLinesOnEveryJdk() throws Exception {
        List<Path> jdks = jdks();
        assertFalse(jdks.isEmpty(), "no JDK under /usr/lib/jvm");
        for (Path jdk : jdks) {
            // snapshot binds libc through jffi: the path that warns on Java 22+
            for (String[] args : List.of(new String[] {"snapshot", "--json"}, new String[] {"ls", "--json"})) {
                Run r = nscope(jdk, args);
                assertEquals(0, r.rc(), jdk + " " + String.join(" ", args) + ": " + r.err());
                new ObjectMapper().readTree(r.out()); // stdout is pure JSON
                for (String line : r.err().split("\n")) {
                    assertTrue(
                            line.isEmpty() || line.startsWith("nscope: "),
                            jdk.getFileName() + " " + args[0] + " wrote to stderr: " + line);
                }
            }
        }
    }

    @Test
    void badArgumentsGiveOneLineAndNoStackTrace() throws Exception {
        for (String[] args : List.of(
                new String[] {"ls", "--no-such-option"},
                new String[] {"ls", "-p", "notapid"},
                new String[] {"--root", "/nonexistent-nscope-test", "ls"},
                new String[] {"ls", "-t", "bogus"})) {
            Run r = nscope(null, args);
            assertTrue(r.rc() != 0, String.join(" ", args) + " must fail");
            assertEquals("", r.out());
            String[] lines = r.err().strip().split("\n");
            assertEquals(1, lines.length, "one line for " + String.join(" ", args) + ": " + r.err());
            assertTrue(lines[0].startsWith("nscope: "), lines[0]);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void runsThroughARelativeSymlinkFromAnotherDirectory() throws Exception {
        Path dir = Files.createTempDirectory("nscope-test-link");
        try {
            Path sub = Files.createDirectory(dir.resolve("bin"));
            Path link = sub.resolve("nscope");
            Files.createSymbolicLink(link, sub.relativize(REPO.toAbsolutePath().resolve("nscope")));
            Process p = new ProcessBuilder(link.toString(), "--version")
                    .directory(Path.of("/").toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nscope did not finish");
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("nscope "), out);
            // the JDK's home it resolved is remembered beside the jar, for the next start to skip the readlink
            Path home = Path.of(Files.readString(REPO.resolve("app/target/nscope-java-home"))
                    .strip());
            assertTrue(Files.isExecutable(home.resolve("bin/java")), home.toString());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The launcher's stale() on a tree made here: whether ./nscope would build first. */
    private static boolean stale(Path tree) throws Exception {
        String launcher = Files.readString(REPO.resolve("nscope"));
        int from = launcher.indexOf("\nstale() {") + 1;
        String fn = launcher.substring(from, launcher.indexOf("\n}\n", from) + 3);
        Process p = new ProcessBuilder(
                        "bash", "-c", fn + "here=$1; jar=$here/app/target/nscope.jar; stale", "bash", tree.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", out);
        return p.exitValue() == 0;
    }

    @Test
    void buildsWhenAPomASourceOrASourceDirectoryIsNewerThanTheJar() throws Exception {
        Path tree = Files.createTempDirectory("nscope-test-stale");
        try {
            Path src = Files.createDirectories(tree.resolve("probes/src/main/java/nscope/x"));
            Path source = Files.writeString(src.resolve("A.java"), "class A {}");
            Path gone = Files.writeString(src.resolve("B.java"), "class B {}");
            Path pom = Files.writeString(
                    Files.createDirectories(tree.resolve("app/picocli")).resolve("pom.xml"), "<project/>");
            Path test = Files.createDirectories(tree.resolve("views/src/test/java"));
            assertTrue(stale(tree), "no jar: build");
            Path jar = Files.createDirectories(tree.resolve("app/target")).resolve("nscope.jar");
            Files.writeString(jar, "");
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            try (Stream<Path> s = Files.walk(tree)) {
                for (Path f : s.toList()) if (!f.equals(jar)) Files.setLastModifiedTime(f, old);
            }
            assertFalse(stale(tree), "every source older than the jar");
            Files.setLastModifiedTime(test, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertFalse(stale(tree), "tests are not in the jar");
            Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertTrue(stale(tree), "a source edited in place");
            Files.setLastModifiedTime(source, old);
            Files.delete(gone);
            Files.setLastModifiedTime(src, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertTrue(stale(tree), "a source removed: its directory changed");
            Files.setLastModifiedTime(src, old);
            Files.setLastModifiedTime(pom, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertTrue(stale(tree), "a module's pom");
        } finally {
            try (Stream<Path> s = Files.walk(tree)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
