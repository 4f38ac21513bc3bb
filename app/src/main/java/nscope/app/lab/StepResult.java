package nscope.app.lab;

import java.util.List;

/** What one step ran, what nscope then read of the kernel, and the object the screen should show. */
public record StepResult(int index, Step step, List<Command> commands, List<Observation> observations, Focus focus) {
    /** A command as run (argv shown as a shell would quote it, never run by one) and what it printed. */
    public record Command(String argv, int exit, List<String> output) {}

    /** An expected kernel fact: what was looked at, whether it held, and what was read. */
    public record Observation(String what, boolean ok, String seen) {}

    /**
     * The object the step made or changed, for the screen to select: kind
     * "task" (tid), "ns" (type, inode) or "cgroup" (hierarchy, path); null: none.
     */
    public record Focus(String kind, int tid, String type, long inode, String hierarchy, String path) {
        public static Focus task(int tid) {
            return new Focus("task", tid, null, 0, null, null);
        }

        public static Focus ns(String type, long inode) {
            return new Focus("ns", 0, type, inode, null, null);
        }

        public static Focus cgroup(String hierarchy, String path) {
            return new Focus("cgroup", 0, null, 0, hierarchy, path);
        }
    }

    public boolean ok() {
        return observations.stream().allMatch(Observation::ok);
    }
}
