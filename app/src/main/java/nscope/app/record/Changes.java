package nscope.app.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.Snapshot;
import nscope.probes.model.SnapshotDiff;
import nscope.probes.mounts.Mount;
import nscope.probes.readout.Readout;

/**
 * What changed between two snapshots: {@link SnapshotDiff}'s tasks and
 * namespaces, and besides them the cgroups that appeared or vanished (by
 * hierarchy and path) and the mounts (by mount namespace, ID and mount
 * point; only in namespaces whose table both snapshots hold, as a whole new
 * or gone namespace is one line already).
 */
public record Changes(
        Snapshot from,
        Snapshot to,
        SnapshotDiff tasks,
        List<CgroupChange> cgroupsAppeared,
        List<CgroupChange> cgroupsVanished,
        List<MountChange> mountsAppeared,
        List<MountChange> mountsVanished) {

    /** A cgroup, by its hierarchy's mount point and its path. */
    public record CgroupChange(String hierarchy, String path) {}

    /** A mount of a mount namespace. */
    public record MountChange(NsId mntns, Mount mount) {}

    public boolean empty() {
        return tasks.empty()
                && cgroupsAppeared.isEmpty()
                && cgroupsVanished.isEmpty()
                && mountsAppeared.isEmpty()
                && mountsVanished.isEmpty();
    }

    public static Changes between(Snapshot a, Snapshot b) {
        TreeSet<String> ca = cgroups(a), cb = cgroups(b);
        Map<NsId, Map<String, Mount>> ma = mounts(a), mb = mounts(b);
        List<MountChange> appeared = new ArrayList<>(), vanished = new ArrayList<>();
        for (var e : mb.entrySet()) {
            Map<String, Mount> before = ma.get(e.getKey());
            if (before == null) continue;
            e.getValue().forEach((k, m) -> {
                if (!before.containsKey(k)) appeared.add(new MountChange(e.getKey(), m));
            });
            before.forEach((k, m) -> {
                if (!e.getValue().containsKey(k)) vanished.add(new MountChange(e.getKey(), m));
            });
        }
        return new Changes(a, b, SnapshotDiff.between(a, b), only(cb, ca), only(ca, cb), appeared, vanished);
    }

    private static List<CgroupChange> only(TreeSet<String> in, TreeSet<String> notIn) {
        List<CgroupChange> out = new ArrayList<>();
        for (String k : in)
            if (!notIn.contains(k)) {
                int sep = k.indexOf('\0');
                out.add(new CgroupChange(k.substring(0, sep), k.substring(sep + 1)));
            }
        return out;
    }

    private static TreeSet<String> cgroups(Snapshot s) {
        TreeSet<String> out = new TreeSet<>();
        for (CgroupTree t : s.cgroups().trees())
            for (String p : t.cgroups().keySet()) out.add(t.hierarchy().mountPoint() + '\0' + p);
        return out;
    }

    /** Each known mount table, its mounts by ID and mount point (a reused ID at another place is another mount). */
    private static Map<NsId, Map<String, Mount>> mounts(Snapshot s) {
        Map<NsId, Map<String, Mount>> out = new TreeMap<>();
        for (Map.Entry<NsId, Readout<NsFacts>> e : s.facts().entrySet()) {
            if (!e.getValue().known() || !(e.getValue().get() instanceof NsFacts.Mnt m)) continue;
            Map<String, Mount> byKey = new TreeMap<>();
            for (Mount x : m.table().mounts()) byKey.put(x.id() + " " + x.mountPoint(), x);
            out.put(e.getKey(), byKey);
        }
        return out;
    }
}
