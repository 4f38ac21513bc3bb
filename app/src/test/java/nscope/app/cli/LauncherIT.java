package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
