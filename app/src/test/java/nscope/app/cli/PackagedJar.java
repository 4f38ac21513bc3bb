package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nscope as a user runs it: the packaged jar in a JVM of its own (a failsafe
 * test runs after packaging), with the audit log pointed at the test's file.
 */
final class PackagedJar {
    private PackagedJar() {}

    static final Path REPO = Path.of(System.getProperty("nscope.repo", ".."));

    /** Exit code, and stdout and stderr together. */
    record Run(int rc, String err) {}

    static Run run(Path auditLog, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                REPO.resolve("app/target/nscope.jar").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("NSCOPE_AUDIT_LOG", auditLog.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }
}
