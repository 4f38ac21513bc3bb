package nscope.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real process for a live test: started from an argv list (never a shell
 * line built from test data), it prints facts about itself and then waits
 * until closed, when it and its descendants are killed by PID. Used in
 * try-with-resources, so it ends even when the test fails.
 */
public final class Child implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    public Child(String... argv) throws IOException {
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public int pid() {
        return (int) process.pid();
    }

    /**
     * Waits until the helpers it ran to report (stat, cat) have exited, so a
     * scan sees only the process itself: a helper that printed may still be
     * in the middle of exiting.
     */
    public Child settled() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.toHandle().children().findAny().isPresent() && System.nanoTime() < end) Thread.sleep(10);
        return this;
    }

    /** The PID of its only child process (e.g. the one unshare --fork started). */
    int onlyChild() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<ProcessHandle> kids = process.toHandle().children().toList();
            if (kids.size() == 1) return (int) kids.get(0).pid();
            Thread.sleep(10);
        }
        throw new IllegalStateException("child " + pid() + " has no single child process");
    }

    /** The next n lines the child printed (its self-report). */
    public List<String> lines(int n) throws IOException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String l = out.readLine();
            if (l == null)
                throw new IOException("child " + pid() + " ended after " + got + " (exit " + exitCode() + ")");
            got.add(l.trim());
        }
        return got;
    }

    long inode() throws IOException {
        return Long.parseLong(lines(1).get(0));
    }

    /** Kills it now and waits until it is gone; the exit value (137 for SIGKILL). */
    int killAndWait() throws InterruptedException {
        close();
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS))
            throw new IllegalStateException("child " + pid() + " did not end after SIGKILL");
    }
}
