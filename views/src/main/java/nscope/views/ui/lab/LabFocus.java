package nscope.views.ui.lab;

import java.util.List;
import java.util.Optional;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.views.lab.LabDriver.Focus;
import nscope.views.tree.RowKey;

/** The row a step's object has in a snapshot: a task's process or thread, a namespace, a cgroup. */
public final class LabFocus {
    private LabFocus() {}

    /** Its row, or nothing while the snapshot does not hold it (not scanned yet, or gone). */
    public static Optional<RowKey> row(Snapshot s, Focus f) {
        if (f == null) return Optional.empty();
        switch (f.kind()) {
            case "task":
                return s.task(f.tid()).map(RowKey.Task::of);
            case "ns":
                NsKind k = f.type() == null ? null : NsKind.parse(f.type());
                if (k == null) return Optional.empty();
                return s.namespaces(k).stream()
                        .filter(n -> n.id().ino() == f.inode())
                        .findFirst()
                        .map(n -> new RowKey.Namespace(k, n.id()));
            case "cgroup":
                for (CgroupTree t : s.cgroups().trees()) {
                    if (f.hierarchy() == null || !t.hierarchy().named(f.hierarchy(), List.of())) continue;
                    String p = inTree(f.path(), t.hierarchy().mountPoint());
                    if (t.cgroup(p).isPresent())
                        return Optional.of(new RowKey.Cgroup(t.hierarchy().device(), p));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** A cgroup's path in its hierarchy, given as that or as a path under the mount point. */
    static String inTree(String path, String mountPoint) {
        if (path == null || path.isEmpty()) return "/";
        String p = path;
        if (mountPoint != null && !mountPoint.equals("/") && (p.equals(mountPoint) || p.startsWith(mountPoint + "/")))
            p = p.substring(mountPoint.length());
        if (p.isEmpty()) return "/";
        if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.startsWith("/") ? p : "/" + p;
    }
}
