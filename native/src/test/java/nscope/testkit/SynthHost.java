package nscope.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A synth-host instance (../shared/tools/synth-host) a live test brings up and takes down, and commands run from argv. */
public final class SynthHost implements AutoCloseable {
    private final String name;

    private SynthHost(String name) {
        this.name = name;
    }

    /** Brings an instance up, first taking down one a killed run may have left. */
    public static SynthHost up(String name, String... args) throws IOException, InterruptedException {
        run(Repo.synthHost().toString(), "down", "--name", name);
        List<String> argv = new ArrayList<>(List.of(Repo.synthHost().toString(), "up", "--name", name));
        argv.addAll(List.of(args));
        try {
            run(argv.toArray(String[]::new));
        } catch (IOException e) {
            // synth-host counts the host's processes at its end with `ls -d /proc/[0-9]*` under pipefail: a process
            // of someone else's that exits meanwhile fails that count after everything was made; the instance is up
            if (!onlyTheCountFailed(e, name)) throw e;
        }
        return new SynthHost(name);
    }

    /**
     * Whether only the closing count failed: its process count prints "cannot access" for a vanished
     * process, its task count (stderr to /dev/null) fails silently, both exit 2; every object was made
     * by then, which status confirms.
     */
    private static boolean onlyTheCountFailed(IOException e, String name) throws InterruptedException {
        String m = String.valueOf(e.getMessage());
        String stderr = m.substring(m.indexOf(": ") + 2);
        if (!m.contains(" exited 2: ")
                || !Files.exists(Path.of("/run/synth-host", name, "pids"))
                || !stderr.lines().allMatch(l -> l.startsWith("ls: cannot access '/proc/"))) return false;
        try {
            return run(Repo.synthHost().toString(), "status", "--name", name).contains(" up: ");
        } catch (IOException notUp) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(Repo.synthHost().toString(), "down", "--name", name);
    }

    /** Runs a command from an argv list; its stdout, or an IOException with its stderr when it fails. */
    public static String run(String... argv) throws IOException, InterruptedException {
        Path err = Files.createTempFile("nscope-test-", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " timed out");
            }
            if (p.exitValue() != 0)
                throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": "
                        + Files.readString(err).strip());
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
