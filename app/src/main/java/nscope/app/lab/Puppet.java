package nscope.app.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nscope-init lab puppet as a lab drives it: one order per line on its
 * stdin, its answer on stdout (native/src/main/c/lab.c lists the orders).
 * Each order and answer is recorded as a command of the step.
 */
public final class Puppet {
    private final Process p;
    private final BufferedReader out;
    private final OutputStream in;
    private final LabRun run;
    /** Its PID in nscope's pid namespace (from its "ready" line). */
    public final int pid;

    Puppet(Process p, LabRun run) throws IOException {
        this.p = p;
        this.run = run;
        this.in = p.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = line();
        if (ready == null || !ready.startsWith("ready "))
            throw new IOException("the lab's helper did not start: " + (ready == null ? "it exited" : ready));
        // its PID at every level, host first: nscope's /proc is the host's (a puppet behind unshare --fork is not
        // the process nscope started)
        String[] levels = ready.substring(6).strip().split("\\s+");
        this.pid = Integer.parseInt(levels[0]);
        this.levels = List.of(levels);
    }

    /** Its PID in each pid namespace, nscope's first. */
    public final List<String> levels;

    /**
     * Sends an order and returns the answer lines, up to the one that
     * starts with the given word ("fork" for fork, "reaped" for reap...).
     */
    public List<String> send(String order, String answerWord) throws IOException {
        run.alive();
        in.write((order + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        List<String> got = new ArrayList<>();
        for (; ; ) {
            String l = line();
            if (l == null) {
                got.add("(the helper exited)");
                break;
            }
            got.add(l);
            if (l.startsWith(answerWord)) break;
        }
        run.record("puppet " + pid + " < " + order, 0, got);
        return got;
    }

    /** The answer line that starts with word, or "" (the helper said something else). */
    public String send1(String order, String answerWord) throws IOException {
        List<String> got = send(order, answerWord);
        return got.isEmpty() || !got.get(got.size() - 1).startsWith(answerWord) ? "" : got.get(got.size() - 1);
    }

    private String line() throws IOException {
        return out.readLine();
    }

    public boolean alive() {
        return p.isAlive();
    }

    /** Ends it (its exit order, then SIGKILL if it lingers); its children die with their parent's death signal. */
    void end() {
        try {
            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            in.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
