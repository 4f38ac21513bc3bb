package nscope.app.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.app.audit.Audited;
import nscope.app.container.confine.Confinement;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.Running;
import nscope.kernel.Kernel;

/**
 * Creating a container, step by step, each step with its undoing: a
 * failure at any step undoes every step before it and says which step
 * failed and why. The state is written before each object it names is
 * made (see {@link ContainerState}), so a kill -9 at any moment leaves a
 * container nscope ps lists and nscope rm -f removes. Everything the user
 * typed is checked before the first step ({@link RunPlan}).
 * NSCOPE_TEST_FAIL_AT=STEP makes that step fail; NSCOPE_TEST_KILL_AT=STEP
 * (or STEP:after) kills this nscope with SIGKILL before (after) it: the
 * tests walk every step with both.
 */
public final class ContainerCreate {
    /** Every step, in order. */
    public static final List<String> STEPS = CreationStep.labels();

    /** The defaults the environment may change (NSCOPE_BRIDGE, ...), for the screen's form and the command line alike. */
    public static final String BRIDGE = "${env:NSCOPE_BRIDGE:-nscope0}",
            SUBNET = "${env:NSCOPE_SUBNET:-10.88.0.0/24}",
            VETH_PREFIX = "${env:NSCOPE_VETH_PREFIX:-nsv-}",
            CGROUP_PARENT = "${env:NSCOPE_CGROUP_PARENT:-/nscope}";

    /** A default above as the environment sets it (the same rule as picocli's ${env:NAME:-default}). */
    public static String fromEnv(String spec) {
        String name = spec.substring(6, spec.indexOf(":-")),
                dflt = spec.substring(spec.indexOf(":-") + 2, spec.length() - 1);
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    /** A name no container has: c- and six letters or digits. */
    public static String generatedName() throws ActionException {
        java.security.SecureRandom r = new java.security.SecureRandom();
        for (int i = 0; i < 100; i++) {
            String n = "c-" + Integer.toString(100000000 + r.nextInt(900000000), 36);
            if (!Files.exists(ContainerState.dir(n))) return n;
        }
        throw new ActionException("no free generated name: give one");
    }

    /** What to create, as typed. */
    public record Options(
            String name,
            String image,
            boolean user,
            boolean time,
            String hostname,
            String memory,
            String pids,
            String cpu,
            String net,
            String bridge,
            String subnet,
            String ip,
            String vethPrefix,
            String cgroupParent,
            List<String> command,
            boolean interactive,
            Confinement confinement) {}

    /** The container started; for an interactive one, attach to running. */
    public record Created(ContainerState state, Running running) {}

    private final Kernel k;
    private final Audited audited;
    private final String failAt = System.getenv("NSCOPE_TEST_FAIL_AT"), killAt = System.getenv("NSCOPE_TEST_KILL_AT");

    public ContainerCreate(Kernel k, Audited audited) {
        this.k = k;
        this.audited = audited;
    }

    public Created create(Options o) throws ActionException {
        RunPlan plan = RunPlan.check(o); // nothing is made before every value is known good
        Audited.Change run = audited.begin("run", o.name(), plan.what());
        RunSteps steps = new RunSteps(k, audited, plan);
        Deque<CreationStep> begun = new ArrayDeque<>();
        for (CreationStep st : CreationStep.values()) {
            begun.push(st);
            try {
                step(st, steps);
            } catch (ActionException e) {
                String undone = undo(begun, steps);
                String msg = "creating " + o.name() + ": step " + st.label + " failed: " + e.getMessage()
                        + (undone.isEmpty() ? "" : "; " + undone);
                run.end(false, msg);
                throw new ActionException(msg);
            }
        }
        Created c = steps.created();
        if (c.running() == null) run.end(true, "running as PID " + c.state().pid() + " (in the background)");
        else c.running().onEnd(code -> run.end(code >= 0, code < 0 ? "ended by nscope" : "exit status " + code));
        return c;
    }

    /** One step, with the tests' failure and kill injections around it. */
    private void step(CreationStep st, RunSteps steps) throws ActionException {
        if (st.label.equals(killAt)) Suicide.now();
        if (st.label.equals(failAt))
            throw new ActionException("injected failure (NSCOPE_TEST_FAIL_AT=" + st.label + ")");
        try {
            st.work.on(steps);
        } catch (RuntimeException e) {
            throw new ActionException(String.valueOf(e));
        }
        if ((st.label + ":after").equals(killAt)) Suicide.now();
    }

    /** Undoes the steps begun, the failed one first; says what was undone, and what could not be. */
    private static String undo(Deque<CreationStep> begun, RunSteps steps) {
        List<String> done = new ArrayList<>(), failed = new ArrayList<>();
        for (CreationStep st : begun) {
            try {
                String what = st.undo.on(steps);
                if (what != null) done.add(what);
            } catch (ActionException | RuntimeException e) {
                failed.add(st.label + " (" + e.getMessage() + ")");
            }
        }
        return (done.isEmpty() ? "" : "undone: " + String.join(", ", done))
                + (failed.isEmpty() ? "" : "; NOT undone: " + String.join(", ", failed));
    }

    public static void checkName(String name) throws ActionException {
        nscope.act.Names.check(name, "a container name");
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}"))
            throw new ActionException(
                    "a container name is lower-case letters, digits, '.', '_' and '-', at most 63: not "
                            + nscope.act.Names.shown(name));
    }

    /** The last lines of a file (a container's log), for a message. */
    static String logTail(Path log) {
        try {
            List<String> l = Files.readAllLines(log);
            return l.isEmpty()
                    ? "(it wrote nothing)"
                    : String.join(" | ", l.subList(Math.max(0, l.size() - 3), l.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The launch of the monitor: nscope-init run with the container's two config files. */
    static Launch monitorLaunch(Path helper, Path dir, String name, List<String> command) {
        return new Launch(
                        List.of(
                                helper.toString(),
                                "run",
                                dir.resolve("confine.conf").toString(),
                                dir.resolve("init.conf").toString()),
                        java.util.Map.of("PATH", ChildEnv.PATH),
                        List.of(),
                        List.of(),
                        "the container " + name + " (" + String.join(" ", command) + ")")
                .byHelper(false);
    }
}
