package nscope.app.record;

import java.io.PrintWriter;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.Snapshot;
import nscope.probes.model.SnapshotDiff;
import nscope.probes.model.Task;
import nscope.probes.model.TaskKey;
import nscope.views.text.Escape;

/** Changes as text: a count line per kind, then one line per change, "+" appeared, "-" vanished, "~" changed. */
public final class ChangesText {
    private ChangesText() {}

    public static void write(Changes c, PrintWriter out) {
        SnapshotDiff d = c.tasks();
        out.printf("from %s to %s%n", c.from().takenAt(), c.to().takenAt());
        out.printf(
                "tasks: %d appeared, %d vanished, %d moved to another namespace%n",
                d.appearedTasks().size(), d.vanishedTasks().size(), d.moved().size());
        for (TaskKey k : d.appearedTasks()) out.println("+ task " + task(c.to(), k));
        for (TaskKey k : d.vanishedTasks()) out.println("- task " + task(c.from(), k));
        for (SnapshotDiff.Move m : d.moved())
            out.printf(
                    "~ task %s: %s %s -> %s%n",
                    task(c.to(), m.task()), m.link().fileName(), m.from().ino(), m.to().ino());
        out.printf(
                "namespaces: %d appeared, %d vanished%n",
                d.appearedNamespaces().size(), d.vanishedNamespaces().size());
        for (NsId id : d.appearedNamespaces()) out.println("+ " + ns(c.to(), id));
        for (NsId id : d.vanishedNamespaces()) out.println("- " + ns(c.from(), id));
        out.printf(
                "cgroups: %d appeared, %d vanished%n",
                c.cgroupsAppeared().size(), c.cgroupsVanished().size());
        for (Changes.CgroupChange g : c.cgroupsAppeared()) out.println("+ " + cgroup(g));
        for (Changes.CgroupChange g : c.cgroupsVanished()) out.println("- " + cgroup(g));
        out.printf(
                "mounts: %d appeared, %d vanished%n",
                c.mountsAppeared().size(), c.mountsVanished().size());
        for (Changes.MountChange m : c.mountsAppeared()) out.println("+ " + mount(m));
        for (Changes.MountChange m : c.mountsVanished()) out.println("- " + mount(m));
    }

    private static String task(Snapshot s, TaskKey k) {
        Task t = s.task(k.tid()).orElse(null);
        if (t == null) return Integer.toString(k.tid());
        return t.tid() + (t.leader() ? "" : " (thread of " + t.tgid() + ")") + " " + Escape.terminal(t.comm());
    }

    private static String ns(Snapshot s, NsId id) {
        Namespace n = s.namespace(id).orElse(null);
        return (n == null ? "ns" : n.kind().label()) + ":[" + id.ino() + "]"
                + (n == null ? "" : " " + n.processes().size() + " processes");
    }

    private static String cgroup(Changes.CgroupChange g) {
        return Escape.terminal(g.path()) + " (on " + Escape.terminal(g.hierarchy()) + ")";
    }

    private static String mount(Changes.MountChange m) {
        return "mnt:[" + m.mntns().ino() + "] " + Escape.terminal(m.mount().mountPoint()) + " ("
                + Escape.terminal(m.mount().fsType()) + ", ID " + m.mount().id() + ")";
    }
}
