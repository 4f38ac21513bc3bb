package nscope.probes.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real process for a live test: started from an argv list, it prints
 * facts about itself (lines read by the test) and then waits until closed,
 * when it is killed by its PID. Used as try-with-resources so it ends even
 * when the test fails.
 */
final class Child implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    Child(String... argv) throws IOException {
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    int pid() { return (int) process.pid(); }

    /**
     * Waits until the helpers it ran to report (stat, cat) have exited, so a
     * scan sees only the process itself: a helper that printed may still be
     * in the middle of exiting.
     */
    Child settled() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.toHandle().children().findAny().isPresent() && System.nanoTime() < end) Thread.sleep(10);
        return this;
    }

    /** The next n lines the child printed (its self-report). */
    List<String> lines(int n) throws IOException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String l = out.readLine();
            if (l == null) throw new IOException("child " + pid() + " ended after " + got + " (exit " + exitCode() + ")");
            got.add(l.trim());
        }
        return got;
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
