package nscope.app.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nscope.act.ActionException;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabSession;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult;
import nscope.app.lab.labs.Labs;
import nscope.views.lab.LabDriver;

/**
 * The live screen's labs: the engine's labs as plain data for the views. Each open lab has one thread of
 * its own, on which it is opened, each step runs and it is closed (the puppet helper dies with the death
 * signal of the thread that started it, so it must be one long-lived thread); the lab's run is in the
 * audit log, as with --script. SIGTERM and Ctrl-C are covered by the session's own shutdown hook.
 */
public final class ScreenLabs implements LabDriver {
    private final String readOnly;
    private volatile java.util.function.Consumer<String> onStep = words -> {};

    /** @param readOnly why this screen may not change the host (--read-only), or null */
    public ScreenLabs(String readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * Told where an open lab is, in words ("lab NAME, step 2/4 done: TITLE"), after it opened and after
     * each step; null once it is left (--record labels its entries with them).
     */
    public void onStep(java.util.function.Consumer<String> told) {
        onStep = told;
    }

    @Override
    public List<Listed> labs() {
        return Labs.ALL.stream().map(l -> new Listed(l.name(), l.title())).toList();
    }

    @Override
    public String refusal(String name) {
        Lab lab = Labs.named(name).orElse(null);
        if (lab == null) return "no lab named " + nscope.act.Names.shown(name) + " (nscope lab lists them)";
        if (readOnly != null) return "the lab " + name + " changes the host, but this screen is read-only: " + readOnly;
        return LabSession.refusal(lab, HostAbilities.read()).orElse(null);
    }

    @Override
    public CompletableFuture<Session> open(String name) {
        String no = refusal(name);
        if (no != null) return CompletableFuture.failedFuture(new ActionException(no));
        Lab lab = Labs.named(name).orElseThrow();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nscope-lab");
            t.setDaemon(true); // the session's shutdown hook, not this thread, holds the exit for the cleanup
            return t;
        });
        return CompletableFuture.supplyAsync(
                () -> {
                    Audited.Change change;
                    try {
                        change = new Audited(AuditLog.of(System.getenv()))
                                .begin("lab", lab.name(), "open the lab on the screen");
                    } catch (ActionException e) {
                        thread.shutdown();
                        throw new CompletionException(e);
                    }
                    try {
                        Open open = new Open(lab, LabSession.open(lab, HostAbilities.read()), change, thread, onStep);
                        onStep.accept("lab " + lab.name() + ", before step 1/"
                                + lab.steps().size());
                        return open;
                    } catch (ActionException | RuntimeException e) {
                        change.end(false, String.valueOf(e.getMessage()));
                        thread.shutdown();
                        throw new CompletionException(e);
                    }
                },
                thread);
    }

    /** An open lab and its thread. */
    private static final class Open implements Session {
        private final Lab lab;
        private final LabSession session;
        private final Audited.Change change;
        private final ExecutorService thread;
        private final java.util.function.Consumer<String> onStep;
        private boolean ok = true;
        private CompletableFuture<List<String>> closing;

        Open(
                Lab lab,
                LabSession session,
                Audited.Change change,
                ExecutorService thread,
                java.util.function.Consumer<String> onStep) {
            this.onStep = onStep;
            this.lab = lab;
            this.session = session;
            this.change = change;
            this.thread = thread;
        }

        @Override
        public String name() {
            return lab.name();
        }

        @Override
        public String title() {
            return lab.title();
        }

        @Override
        public List<Plan> steps() {
            return lab.steps().stream().map(Open::plan).toList();
        }

        static Plan plan(Step s) {
            return new Plan(s.title(), s.does(), s.plan(), s.why());
        }

        @Override
        public synchronized CompletableFuture<Done> next() {
            if (closing != null) return CompletableFuture.failedFuture(new IllegalStateException("the lab was left"));
            return CompletableFuture.supplyAsync(
                    () -> {
                        StepResult r = session.next();
                        ok &= r.ok();
                        onStep.accept("lab " + lab.name() + ", step " + (r.index() + 1) + "/"
                                + lab.steps().size() + " done: "
                                + lab.steps().get(r.index()).title());
                        return done(
                                r, session.finished() && r.index() < lab.steps().size() - 1);
                    },
                    thread);
        }

        @Override
        public synchronized CompletableFuture<List<String>> close() {
            if (closing == null)
                closing = CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                onStep.accept(null);
                                session.close();
                                List<String> left = session.left();
                                change.end(
                                        ok && left.isEmpty(),
                                        left.isEmpty()
                                                ? "left after " + session.done().size() + " of "
                                                        + lab.steps().size() + " steps, nothing left"
                                                : "left: " + String.join("; ", left));
                                return left;
                            } finally {
                                thread.shutdown();
                            }
                        },
                        thread);
            return closing;
        }
    }

    /** A step's result as the views see it. */
    static Done done(StepResult r, boolean stopped) {
        List<Command> commands = new ArrayList<>();
        for (StepResult.Command c : r.commands()) commands.add(new Command(c.argv(), c.exit(), c.output()));
        List<Observation> seen = new ArrayList<>();
        for (StepResult.Observation o : r.observations()) seen.add(new Observation(o.what(), o.ok(), o.seen()));
        StepResult.Focus f = r.focus();
        Focus focus = f == null ? null : new Focus(f.kind(), f.tid(), f.type(), f.inode(), f.hierarchy(), f.path());
        return new Done(r.index(), commands, seen, focus, stopped);
    }
}
