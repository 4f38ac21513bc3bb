package nscope.app.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a host without Java runs it: in a private mount namespace (unshare -m, gone with its
 * last process) where a tmpfs hides /usr/lib/jvm (so /usr/bin/java leads nowhere), JAVA_HOME is unset,
 * PATH is the system's, and /tmp is a fresh tmpfs mounted noexec, as on hardened hosts. Nothing is
 * mounted outside that namespace.
 */
final class NoJava {
    private NoJava() {}

    private static final String SETUP = String.join(
            "\n",
            "set -e",
            "mount -t tmpfs -o ro nscope-test-nojvm /usr/lib/jvm",
            "mount -t tmpfs -o noexec,nosuid,nodev nscope-test-tmp /tmp",
            "unset JAVA_HOME",
            "export PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "if command -v java >/dev/null || [ -e /usr/bin/java ]; then echo 'java is reachable' >&2; exit 97; fi",
            "exec \"$@\"");

    record Run(int rc, String out) {}

    /** argv in the namespace, with extra environment; stdout and stderr together. */
    static Run run(List<String> env, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
        cmd.add("env");
        cmd.addAll(env);
        cmd.addAll(List.of("bash", "-c", SETUP, "bash"));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + cmd);
        return new Run(p.exitValue(), out);
    }

    /** A script (fixed text; what varies comes as $1, $2...) in the namespace. */
    static Run script(List<String> env, String script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        argv.addAll(List.of(args));
        return run(env, argv.toArray(String[]::new));
    }

    static List<String> cacheIn(Path dir) {
        return List.of("XDG_CACHE_HOME=" + dir);
    }
}
