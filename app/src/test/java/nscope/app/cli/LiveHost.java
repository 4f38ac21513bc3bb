package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the live app tests share: root, real commands (lsns, stat, nsenter) and synth-host. */
final class LiveHost {
    private LiveHost() {}

    static void assumeRoot() throws IOException {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t0\t0\t0"), "needs root");
    }

    /** ../shared/tools/synth-host beside the repository. */
    static Path synthHost() {
        Path t = Path.of(System.getProperty("nscope.repo", "..")).resolveSibling("shared").resolve("tools").resolve("synth-host");
        assertTrue(Files.isExecutable(t), t + " is missing: live tests need ../shared beside the repository");
        return t;
    }

    /** Brings an instance up, first taking down one a killed run may have left. */
    static void up(String name, String... args) throws IOException, InterruptedException {
        down(name);
        String[] argv = new String[args.length + 4];
        argv[0] = synthHost().toString();
        argv[1] = "up";
        argv[2] = "--name";
        argv[3] = name;
        System.arraycopy(args, 0, argv, 4, args.length);
        run(argv);
    }

    static void down(String name) throws IOException, InterruptedException {
        run(synthHost().toString(), "down", "--name", name);
    }

    /** Runs a command from an argv list; its stdout, or an IOException with its stderr when it fails. */
    static String run(String... argv) throws IOException, InterruptedException {
        Path err = Files.createTempFile("nscope-test-", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " timed out");
            }
            if (p.exitValue() != 0)
                throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + Files.readString(err).strip());
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
