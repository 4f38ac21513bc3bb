package nscope.views.lab;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The labs the screen may open (the app implements it over its lab engine). Opening, each step and
 * closing run on the lab's own thread: each returns at once with a future the screen polls, so the keys
 * stay answered while a step runs.
 */
public interface LabDriver {
    /** A lab as `nscope lab` lists it. */
    record Listed(String name, String title) {}

    /** A step before it runs: a few words, what it does, the commands it will run, why the kernel does so. */
    record Plan(String title, String does, List<String> plan, String why) {
        public Plan {
            plan = List.copyOf(plan);
        }
    }

    /** A command as run (argv as a shell would quote it) and what it printed; exit -1: left running. */
    record Command(String argv, int exit, List<String> output) {
        public Command {
            output = List.copyOf(output);
        }
    }

    /** An expected kernel fact: what was looked at, whether it held, what was read. */
    record Observation(String what, boolean ok, String seen) {}

    /**
     * The object a step made or changed: kind "task" (tid), "ns" (type, inode) or "cgroup" (hierarchy, as
     * /proc/PID/cgroup or a v1 controller names it, "v2" or "unified" for v2; path in it).
     */
    record Focus(String kind, int tid, String type, long inode, String hierarchy, String path) {
        public static Focus task(int tid) {
            return new Focus("task", tid, null, 0, null, null);
        }

        public static Focus ns(String type, long inode) {
            return new Focus("ns", 0, type, inode, null, null);
        }

        public static Focus cgroup(String hierarchy, String path) {
            return new Focus("cgroup", 0, null, 0, hierarchy, path);
        }

        /** In words: "task 1234", "pid namespace 4026532", "cgroup memory:/a". */
        public String words() {
            return switch (kind) {
                case "task" -> "task " + tid;
                case "ns" -> type + " namespace " + Long.toUnsignedString(inode);
                default -> "cgroup " + hierarchy + ":" + path;
            };
        }
    }

    /** A step once run (index from 0); focus null: none; stopped: it failed, and no later step will run. */
    record Done(int index, List<Command> commands, List<Observation> observations, Focus focus, boolean stopped) {
        public Done {
            commands = List.copyOf(commands);
            observations = List.copyOf(observations);
        }

        public boolean ok() {
            return observations.stream().allMatch(Observation::ok);
        }
    }

    /** An open lab: its name, title and steps; steps run in order, on the lab's thread. */
    interface Session {
        String name();

        String title();

        List<Plan> steps();

        /** Runs the next step; the future fails only if the lab's thread could not run it. */
        CompletableFuture<Done> next();

        /** Ends the lab: everything it made removed; the future holds what could not be (empty: nothing left). */
        CompletableFuture<List<String>> close();
    }

    /** Every lab, in course order. */
    List<Listed> labs();

    /** Why the lab cannot run here (not root, a controller missing, the screen read-only), or null. */
    String refusal(String name);

    /** Opens a lab (after sweeping what killed labs left); the future fails with why it could not start. */
    CompletableFuture<Session> open(String name);
}
