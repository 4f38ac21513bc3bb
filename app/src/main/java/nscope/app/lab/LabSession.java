package nscope.app.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.act.ActionException;

/**
 * One run of a lab: opened only where it can run (else it says why before
 * any step), its steps run one at a time in order, everything it made
 * removed at close, or by the shutdown hook on SIGTERM and Ctrl-C. Steps
 * run on the thread that calls next (the puppet dies with that thread's
 * death signal, so keep it one long-lived thread).
 */
public final class LabSession implements AutoCloseable {
    private final Lab lab;
    private final LabRun run;
    private final List<StepResult> done = new ArrayList<>();
    private final Thread hook;
    private List<String> left;
    /** Held while a step runs: the cleanup waits for it, so no object is made after the cleanup. */
    private final java.util.concurrent.locks.ReentrantLock stepLock = new java.util.concurrent.locks.ReentrantLock();

    private boolean failed;

    private LabSession(Lab lab, LabRun run) {
        this.lab = lab;
        this.run = run;
        this.hook = new Thread(this::close, "nscope-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Why this lab cannot run here, or nothing. */
    public static Optional<String> refusal(Lab lab, HostAbilities host) {
        return lab.needs().missing(host).map(why -> "the lab " + lab.name() + " cannot run here: " + why);
    }

    /** Opens a lab after sweeping what killed labs left; ActionException says why it cannot run. */
    public static LabSession open(Lab lab, HostAbilities host) throws ActionException {
        Optional<String> no = refusal(lab, host);
        if (no.isPresent()) throw new ActionException(no.get());
        List<String> stale = Made.sweep();
        if (!stale.isEmpty())
            throw new ActionException("a lab that was killed left what cannot be removed: " + String.join("; ", stale));
        String id =
                Long.toString(ProcessHandle.current().pid() % 100000, 36) + Long.toString(System.nanoTime() % 1296, 36);
        try {
            Made m = Made.start(id);
            try {
                return new LabSession(lab, new LabRun(id, m, host));
            } catch (IOException | ActionException | RuntimeException e) {
                m.undo();
                throw e;
            }
        } catch (IOException e) {
            throw new ActionException("the lab could not start: " + e.getMessage());
        }
    }

    public Lab lab() {
        return lab;
    }

    /** Steps run so far. */
    public List<StepResult> done() {
        return List.copyOf(done);
    }

    public boolean finished() {
        return failed || done.size() == lab.steps().size();
    }

    /**
     * Runs the next step. A step whose body fails is reported as a failed
     * observation, and the lab stops there (the rest would build on it).
     */
    public StepResult next() {
        if (finished()) throw new IllegalStateException("no step left");
        int i = done.size();
        Step s = lab.steps().get(i);
        stepLock.lock();
        try {
            run.alive();
            s.body().run(run);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            run.expect("the step ran to its end", false, e.getClass().getSimpleName() + ": " + e.getMessage());
            failed = true;
        } finally {
            stepLock.unlock();
        }
        StepResult r = run.take(i, s);
        done.add(r);
        return r;
    }

    /** Ends the lab: what it made is removed; what could not be, in words (empty: nothing left). */
    @Override
    public synchronized void close() {
        if (left != null) return;
        run.ending = true; // the running step stops at its next command
        boolean waited = false;
        try {
            waited = stepLock.tryLock(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            left = run.end();
        } finally {
            if (waited) stepLock.unlock();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // closing from the hook itself, during shutdown
        }
    }

    /** After close: what could not be removed. */
    public List<String> left() {
        return left == null ? List.of() : left;
    }
}
