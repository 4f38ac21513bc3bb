package nscope.probes.read.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;

/**
 * Each cgroup namespace's roots, kept between the scans of one collector:
 * a namespace's root cgroup is fixed when the namespace is made, so finding
 * it again (a hop inside, two reads) on every refresh is wasted. A kept
 * entry is used only while every root path still names the cgroup it named
 * (the same cgroup id, the kernfs inode its parent's listing gives): a root
 * removed, renamed, or a namespace inode reused for one rooted elsewhere is
 * read anew. Entries of namespaces no longer seen are dropped.
 */
public final class CgroupRootsCache {
    private record Kept(Readout<NsFacts> fact, List<Long> ids) {}

    private final Map<NsId, Kept> kept = new ConcurrentHashMap<>();

    /** Nothing kept yet. */
    public CgroupRootsCache() {}

    /** What is kept for a namespace, unchecked; null when nothing is. */
    Readout<NsFacts> get(NsId id) {
        Kept k = kept.get(id);
        return k == null ? null : k.fact;
    }

    /** Whether the kept roots still hold: each root path names a cgroup with the id it had. */
    boolean holds(NsId id, ToLongFunction<CgroupLine> idOf) {
        Kept k = kept.get(id);
        if (k == null) return false;
        List<CgroupLine> roots = ((NsFacts.Cgroup) k.fact.get()).roots();
        for (int i = 0; i < roots.size(); i++) if (idOf.applyAsLong(roots.get(i)) != k.ids.get(i)) return false;
        return true;
    }

    /** Keeps a namespace's roots read in this scan, when every root's cgroup id is known. */
    void keep(NsId id, Readout<NsFacts> fact, ToLongFunction<CgroupLine> idOf) {
        if (!fact.known()
                || !(fact.get() instanceof NsFacts.Cgroup c)
                || c.roots().isEmpty()) {
            kept.remove(id);
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (CgroupLine r : c.roots()) {
            long cid = idOf.applyAsLong(r);
            if (cid == 0) {
                kept.remove(id);
                return;
            }
            ids.add(cid);
        }
        kept.put(id, new Kept(fact, List.copyOf(ids)));
    }

    /** Drops what is kept for namespaces not among these. */
    void retain(Set<NsId> seen) {
        kept.keySet().retainAll(seen);
    }
}
