package nscope.probes.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;

/**
 * The cgroup path a process sees: the kernel writes /proc/PID/cgroup
 * relative to the reader's cgroup namespace root, so a process in a cgroup
 * namespace of its own sees its host path with the namespace's root taken
 * off ("/.." steps when its cgroup lies outside that root).
 */
public final class CgroupNsPaths {
    private CgroupNsPaths() {}

    /**
     * The path the process itself reads for this line of its
     * /proc/PID/cgroup (as nscope read it); empty when its cgroup namespace
     * or that namespace's root in this hierarchy is unknown.
     */
    public static Optional<String> inner(Snapshot s, int pid, CgroupLine line) {
        return root(s, pid, line).map(root -> relative(line.path(), root));
    }

    /** The root, in this line's hierarchy, of the process's cgroup namespace (a host path). */
    public static Optional<String> root(Snapshot s, int pid, CgroupLine line) {
        Optional<Task> t = s.task(pid);
        if (t.isEmpty() || !t.get().ns(NsLink.CGROUP).known()) return Optional.empty();
        NsId ns = t.get().ns(NsLink.CGROUP).get();
        Optional<Readout<NsFacts>> f = s.facts(ns);
        if (f.isEmpty() || !f.get().known() || !(f.get().get() instanceof NsFacts.Cgroup c)) return Optional.empty();
        for (CgroupLine r : c.roots())
            if (r.id() == line.id() && r.controllers().equals(line.controllers())) return Optional.of(r.path());
        return Optional.empty();
    }

    /** PATH as seen from ROOT, as the kernel writes it (kernfs_path_from_node): "/", "/x/y", "/../x". */
    public static String relative(String path, String root) {
        List<String> p = parts(path), r = parts(root);
        int common = 0;
        while (common < p.size() && common < r.size() && p.get(common).equals(r.get(common))) common++;
        StringBuilder b = new StringBuilder();
        for (int i = common; i < r.size(); i++) b.append("/..");
        for (int i = common; i < p.size(); i++) b.append('/').append(p.get(i));
        return b.length() == 0 ? "/" : b.toString();
    }

    private static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(path.split("/"))) if (!s.isEmpty()) out.add(s);
        return out;
    }
}
