package nscope.app.lab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.StepResult.Focus;

/**
 * A lab's cgroup with one controller: in that controller's v1 hierarchy
 * where the host mounts one (a hybrid host), else on cgroup v2 beside the
 * lab's own cgroup, the controller enabled in the lab's cgroup (which the
 * lab made, and whose processes all wait in a leaf, so v2's no internal
 * process rule allows it).
 *
 * @param dir the cgroup's directory
 * @param v2 whether it is on cgroup v2
 * @param hierarchy the hierarchy as nscope names it: the v1 controllers ("memory") or "v2"
 * @param path its path in the hierarchy, as /proc/PID/cgroup writes it
 */
record LabCgroup(Path dir, boolean v2, String hierarchy, String path) {
    /** The controller in a v1 hierarchy, or enabled at the v2 root (where a lab's own cgroup sits). */
    static Lab.Needs needs(String controller) {
        return h -> h.v1().containsKey(controller) || onV2(h, controller)
                ? Optional.empty()
                : Optional.of(
                        "it needs the " + controller + " controller, which this host offers neither as a cgroup v1"
                                + " hierarchy nor enabled at the cgroup v2 root (cgroup.subtree_control)");
    }

    private static boolean onV2(HostAbilities h, String controller) {
        return h.v2().map(v2 -> Proc.read(v2.resolve("cgroup.subtree_control")))
                .map(s -> List.of(s.split("\\s+")).contains(controller))
                .orElse(false);
    }

    /** Makes the lab's cgroup NAME-what for the controller (recorded in the journal first). */
    static LabCgroup make(LabRun r, String controller, String what) throws IOException {
        return make(r, controller, what, null);
    }

    /**
     * The same, but on cgroup v2 the controller is enabled for beside (a v2
     * cgroup of the lab's) rather than a new cgroup: there a process is in
     * one cgroup only, which holds every controller's limits.
     */
    static LabCgroup make(LabRun r, String controller, String what, LabCgroup beside) throws IOException {
        Path root = r.host().v1().get(controller);
        if (root != null) {
            Path cg = r.cgroupV1(controller, what);
            return new LabCgroup(cg, false, v1Label(controller), "/" + root.relativize(cg));
        }
        Path v2 = r.host().v2().orElseThrow(() -> new IOException("no " + controller + " controller on this host"));
        Path cg = beside != null && beside.v2() ? beside.dir() : r.cgroupV2(what);
        Path parent = cg.getParent();
        if (!List.of(Files.readString(parent.resolve("cgroup.subtree_control"))
                        .strip()
                        .split("\\s+"))
                .contains(controller)) r.mustWrite(parent.resolve("cgroup.subtree_control"), "+" + controller);
        return new LabCgroup(cg, true, "v2", "/" + v2.relativize(cg));
    }

    /** The v1 hierarchy's label: its controllers as /proc/PID/cgroup lists them ("cpu,cpuacct"). */
    private static String v1Label(String controller) {
        for (String l : lines(Path.of("/proc/self/cgroup"))) {
            String[] f = l.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) return f[1];
        }
        return controller;
    }

    /** A file of the cgroup: the v1 name or the v2 name. */
    Path file(String v1Name, String v2Name) {
        return dir.resolve(v2 ? v2Name : v1Name);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Moves a process (all its threads) in: its PID written to cgroup.procs. */
    void join(LabRun r, int pid) throws IOException {
        r.mustWrite(dir.resolve("cgroup.procs"), Integer.toString(pid));
    }

    /** Whether /proc/PID/cgroup names this cgroup for that process, and the line it has for the hierarchy. */
    String lineOf(int pid) {
        for (String l : lines(Path.of("/proc", Integer.toString(pid), "cgroup"))) {
            String[] f = l.split(":", 3);
            if (f.length < 3) continue;
            if (v2 ? f[0].equals("0") && f[1].isEmpty() : f[1].equals(hierarchy)) return l;
        }
        return "";
    }

    boolean holds(int pid) {
        return lineOf(pid).endsWith(":" + path);
    }

    Focus focus() {
        return Focus.cgroup(hierarchy, path);
    }

    /** The number after KEY in a flat keyed file ("oom_kill 3" in memory.events), or -1. */
    static long keyed(Path file, String key) {
        for (String l : lines(file)) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) return Long.parseLong(f[1]);
        }
        return -1;
    }

    /** A file holding one number, or -1 ("max" is Long.MAX_VALUE). */
    static long number(Path file) {
        String t = Proc.read(file);
        if (t == null) return -1;
        if (t.equals("max")) return Long.MAX_VALUE;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
