package nscope.probes.read.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.function.ToLongFunction;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.read.Failures;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader.Start;

/**
 * Each cgroup namespace's roots (see {@link NsFacts.Cgroup}): where its
 * member task's cgroups lie seen from inside and from here. Finding them
 * takes a hop into the namespace, so roots an earlier scan found are kept
 * ({@link CgroupRootsCache}) and only checked against the walk; the others
 * are read beside the walk ({@link #readFresh}), then everything is settled
 * after it ({@link #settle}).
 */
public final class CgroupNsRoots {
    private final Host host;
    private final CgroupRootsCache cache;
    private final Map<NsId, Start> namespaces;
    private final IntUnaryOperator tgidOf;
    /** The namespaces no earlier scan found roots for. */
    private final Map<NsId, Start> fresh = new TreeMap<>();

    /**
     * @param namespaces the cgroup namespaces whose roots to find, with paths that lead to them
     * @param tgidOf     the thread group of a task the scan read; -1 for one it did not
     */
    public CgroupNsRoots(Host host, CgroupRootsCache cache, Map<NsId, Start> namespaces, IntUnaryOperator tgidOf) {
        this.host = host;
        this.cache = cache;
        this.namespaces = namespaces;
        this.tgidOf = tgidOf;
        // a namespace whose roots an earlier scan found is checked after the walk; only the others hop now
        namespaces.forEach((id, st) -> {
            if (cache.get(id) == null) fresh.put(id, st);
        });
    }

    /** The roots of the namespaces no earlier scan found: a hop each, so read beside the walk. */
    public Map<NsId, Readout<NsFacts>> readFresh() {
        return fresh.isEmpty() ? new TreeMap<>() : new TreeMap<>(read(fresh));
    }

    /**
     * After the walk, every namespace's roots: those read beside it, the kept
     * ones whose root cgroups still have the ids they had, the others read
     * again now; what was read is kept for the next scan.
     *
     * @param roots what {@link #readFresh} gave; completed here and returned
     * @param idOf  the cgroup id a line names, as the walk saw it ({@link #ids})
     */
    public Map<NsId, Readout<NsFacts>> settle(Map<NsId, Readout<NsFacts>> roots, ToLongFunction<CgroupLine> idOf) {
        Map<NsId, Start> stale = new TreeMap<>();
        for (NsId id : namespaces.keySet()) {
            if (fresh.containsKey(id)) continue;
            if (cache.holds(id, idOf)) roots.put(id, cache.get(id));
            else stale.put(id, namespaces.get(id));
        }
        if (!stale.isEmpty()) {
            Map<NsId, Readout<NsFacts>> again = read(stale);
            roots.putAll(again);
            again.forEach((id, f) -> cache.keep(id, f, idOf));
        }
        fresh.keySet()
                .forEach(id -> cache.keep(
                        id, roots.getOrDefault(id, Readout.unknown(Unknown.Reason.IO_ERROR, "not read")), idOf));
        cache.retain(namespaces.keySet());
        return roots;
    }

    /** The cgroup id a /proc/PID/cgroup line names in the walk: 0 for none seen, -1 for a hierarchy's root. */
    public static ToLongFunction<CgroupLine> ids(
            List<Hierarchy> hierarchies, List<Map<String, Cgroup>> walked, CgroupMembers.TreeOf treeOf) {
        return l -> {
            int i = treeOf.of(l);
            if (i < 0) return 0;
            // a hierarchy's root is never removed or renamed: it stands for itself
            if (l.path().equals(hierarchies.get(i).mountRoot())) return -1;
            Cgroup c = walked.get(i).get(l.path());
            return c == null ? 0 : c.id();
        };
    }

    /**
     * Each cgroup namespace's member task read from inside (a hop live, the
     * recorded facts in a fixture), then the same task's lines from here.
     */
    private Map<NsId, Readout<NsFacts>> read(Map<NsId, Start> namespaces) {
        Map<NsId, Readout<NsFacts>> inside;
        try {
            inside = host.files().facts().read(host.roots().proc(), namespaces);
        } catch (RuntimeException e) { // e.g. a capture that could not write its file
            inside = new TreeMap<>();
            for (NsId id : namespaces.keySet()) inside.put(id, Readout.unknown(Unknown.Reason.IO_ERROR, e.toString()));
        }
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        inside.forEach((id, r) -> {
            if (!r.known() || !(r.get() instanceof NsFacts.Cgroup c)) {
                out.put(id, r);
                return;
            }
            int tgid = tgidOf.applyAsInt(c.tid());
            Path f = host.roots()
                    .proc()
                    .resolve(Integer.toString(tgid > 0 ? tgid : c.tid()))
                    .resolve("task")
                    .resolve(Integer.toString(c.tid()))
                    .resolve("cgroup");
            try {
                List<CgroupLine> outside =
                        CgroupText.procLines(new String(host.files().read(f), StandardCharsets.UTF_8));
                out.put(id, Readout.of(new NsFacts.Cgroup(c.tid(), c.inside(), outside)));
            } catch (IOException e) {
                out.put(id, Failures.readout(f, e));
            } catch (Malformed m) {
                out.put(id, Readout.unknown(Unknown.Reason.MALFORMED, f + ": " + m.getMessage()));
            }
        });
        return out;
    }
}
