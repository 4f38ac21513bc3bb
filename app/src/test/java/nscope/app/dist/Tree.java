package nscope.app.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The test's files and commands: argv lists, output read whole, trees listed and removed. */
final class Tree {
    private Tree() {}

    /** stdout and stderr of argv, whatever its exit code. */
    static String run(String... argv) throws Exception {
        return exec(argv).out;
    }

    /** argv, which must succeed. */
    static String sh(String... argv) throws Exception {
        Result r = exec(argv);
        assertEquals(0, r.rc, String.join(" ", argv) + ": " + r.out);
        return r.out;
    }

    private record Result(int rc, String out) {}

    private static Result exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "did not finish: " + String.join(" ", argv));
        return new Result(p.exitValue(), out);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        return false;
    }

    static String[] with(String[] head, String... tail) {
        List<String> out = new ArrayList<>(List.of(head));
        out.addAll(List.of(tail));
        return out.toArray(String[]::new);
    }

    static List<String> with(List<String> head, List<String> tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(tail);
        return out;
    }

    /** The files (and links) under dir, at any depth; none when it does not exist. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    /** The one file in dir. */
    static Path single(Path dir) throws IOException {
        List<Path> in = files(dir);
        assertEquals(1, in.size(), "one file in " + dir + ": " + in);
        return in.get(0);
    }

    static void remove(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
