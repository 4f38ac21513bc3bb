package nscope.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A mount namespace made for a live test: {@code unshare --mount
 * --propagation private} runs a shell that mounts, under
 * /run/nscope-test/mounts-UNIQUE, a tmpfs at t, at "sp ace" and at
 * "new\nline", and an overlay at o (lower layers l1, "l:2" and "l 3",
 * upper u, work w), says "ready" and waits. The mounts exist only in that
 * namespace and die with it; close() kills the process by its PID and
 * removes the directory, also when the setup failed half-way.
 */
final class MountNamespace implements AutoCloseable {
    static final String SPACE = "sp ace", NEWLINE = "new\nline";
    static final List<String> DIRS = List.of("t", SPACE, NEWLINE, "l1", "l:2", "l 3", "u", "w", "o");
    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "B=$1",
            "mount -t tmpfs nscope-test-t \"$B/t\"",
            "mount -t tmpfs nscope-test-sp \"$B/" + SPACE + "\"",
            "mount -t tmpfs nscope-test-nl \"$B/" + NEWLINE + "\"",
            "mount -t overlay nscope-test-ov -o \"lowerdir=$B/l1:$B/l\\:2:$B/l 3,upperdir=$B/u,workdir=$B/w\" \"$B/o\"",
            "echo ready",
            "exec sleep 600");

    final Path base;
    private Process process;

    MountNamespace() throws IOException {
        base = Path.of("/run/nscope-test", "mounts-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            for (String d : DIRS) Files.createDirectories(base.resolve(d));
            process = new ProcessBuilder(
                            "unshare", "--mount", "--propagation", "private", "sh", "-c", SCRIPT, "sh", base.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("ready")) return;
                said.append(line).append('\n');
            }
            throw new IOException("the namespace's shell ended before it was ready: " + said);
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (IOException | RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    int pid() {
        return (int) process.pid();
    }

    Path dir(String name) {
        return base.resolve(name);
    }

    /** Kills the process (its mounts go with its namespace), then removes the directory even if it would not die. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        if (process != null) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS))
                    failed = new IOException("process " + process.pid() + " did not end");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = new IOException("interrupted while ending " + process.pid(), e);
            }
        }
        removeTree();
        if (failed != null) throw failed;
    }

    private void removeTree() throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> s = Files.walk(base)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Path parent = base.getParent();
        try (Stream<Path> s = Files.exists(parent) ? Files.list(parent) : Stream.empty()) {
            if (Files.exists(parent) && s.findAny().isEmpty()) Files.deleteIfExists(parent);
        }
    }
}
