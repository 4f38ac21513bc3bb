package nscope.views.ui;

import java.util.List;

/**
 * What the screen may do to the host. The app wires the real operations in
 * (views never touch the kernel); read-only (--read-only, or not root) has
 * none, and says why when their key is pressed.
 */
public interface Actions {
    /** A process an action is for, bound to its start time so a reused PID is refused. */
    record Target(int pid, long startTime, String label) {}

    /** Why nothing may be changed from here, or null when actions are allowed. */
    String refusal();

    /** The signals offered, the default first. */
    List<String> signals();

    /** Sends the signal to each target; what happened, in one line for the status line. */
    String signal(List<Target> targets, String signal);

    /** A cgroup an action is for: its hierarchy (label, mount point, version) and its path there. */
    record CgroupTarget(String hierarchy, String mountPoint, int version, String path) {
        public String label() { return hierarchy + ":" + path; }
    }

    /** A change to one cgroup: "rmdir", "freeze" or "thaw"; what happened, in one line. */
    String cgroup(CgroupTarget target, String change);

    /** No actions, for this reason. */
    static Actions readOnly(String why) {
        return new Actions() {
            @Override public String refusal() { return why; }

            @Override public List<String> signals() { return List.of(); }

            @Override public String signal(List<Target> targets, String signal) { return "read-only: " + why; }

            @Override public String cgroup(CgroupTarget target, String change) { return "read-only: " + why; }
        };
    }
}
