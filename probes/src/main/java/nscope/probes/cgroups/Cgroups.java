package nscope.probes.cgroups;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import nscope.probes.ints.IntKeyed;
import nscope.probes.readout.Readout;

/**
 * Every cgroup hierarchy of one scan and each process's place in them.
 * A process's cgroups are the lines of its /proc/PID/cgroup; a thread's come
 * from the member lists (v2 cgroup.threads; v1 tasks, or in a live refresh
 * each thread's own /proc/PID/task/TID/cgroup), where a thread may sit
 * apart from its process (v1, and v2 threaded subtrees).
 */
public final class Cgroups {
    /** No hierarchy read (the cgroup phase did not run). */
    public static final Cgroups NONE = new Cgroups(List.of(), Map.of(), 0);

    private final List<CgroupTree> trees;
    private final SortedMap<Integer, Readout<List<CgroupLine>>> lines;
    private final long sampledNanos;
    private volatile Map<Hierarchy, IntKeyed<String>> threadIndex;

    /**
     * @param lines        /proc/PID/cgroup of every process read, by PID
     * @param sampledNanos System.nanoTime() when the usage files were read, for CPU % between two scans
     */
    public Cgroups(List<CgroupTree> trees, Map<Integer, Readout<List<CgroupLine>>> lines, long sampledNanos) {
        this.trees = List.copyOf(trees);
        this.lines = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(lines));
        this.sampledNanos = sampledNanos;
    }

    public List<CgroupTree> trees() {
        return trees;
    }

    public SortedMap<Integer, Readout<List<CgroupLine>>> lines() {
        return lines;
    }

    public long sampledNanos() {
        return sampledNanos;
    }

    public boolean read() {
        return !trees.isEmpty() || !lines.isEmpty();
    }

    /** A process's /proc/PID/cgroup as read; empty when not read at all. */
    public Optional<Readout<List<CgroupLine>>> lines(int pid) {
        return Optional.ofNullable(lines.get(pid));
    }

    /** The tree of the hierarchy a /proc/PID/cgroup line names. */
    public Optional<CgroupTree> treeOf(CgroupLine line) {
        return trees.stream().filter(t -> t.hierarchy().matches(line)).findFirst();
    }

    /**
     * A task's cgroup path in one hierarchy: a process's from its
     * /proc/PID/cgroup line; a thread's from the member lists of the scan.
     */
    public Optional<String> pathOf(int tid, int tgid, Hierarchy h) {
        if (tid == tgid) {
            Readout<List<CgroupLine>> r = lines.get(tid);
            if (r != null && r.known()) for (CgroupLine l : r.get()) if (h.matches(l)) return Optional.of(l.path());
        }
        return Optional.ofNullable(threadIndex().getOrDefault(h, TidPaths.EMPTY).at(tid));
    }

    /**
     * The hierarchies in which a thread's cgroup differs from its process's
     * (its leader's), both known, in tree order; empty for a leader. A v1
     * thread can be moved alone; so can a v2 thread inside a threaded subtree.
     */
    public java.util.List<Hierarchy> differing(int tid, int tgid) {
        java.util.List<Hierarchy> out = new java.util.ArrayList<>();
        if (tid == tgid) return out;
        // as pathOf for each tree, from indexes by tree position: the screen asks this of every thread
        List<IntKeyed<String>> threads = byPosition(), leaders = leaderIndex();
        for (int i = 0; i < trees.size(); i++) {
            String mine = threads.get(i).at(tid);
            if (mine == null) continue;
            String its = leaders.get(i).at(tgid);
            if (its == null) its = threads.get(i).at(tgid);
            if (its != null && !mine.equals(its)) out.add(trees.get(i).hierarchy());
        }
        return out;
    }

    private volatile List<IntKeyed<String>> threadsByPosition, leadersByPosition;

    /** The thread index of each tree, by the tree's position. */
    private List<IntKeyed<String>> byPosition() {
        List<IntKeyed<String>> idx = threadsByPosition;
        if (idx == null) {
            Map<Hierarchy, IntKeyed<String>> all = threadIndex();
            idx = trees.stream()
                    .map(t -> all.getOrDefault(t.hierarchy(), TidPaths.EMPTY))
                    .toList();
            threadsByPosition = idx;
        }
        return idx;
    }

    /**
     * Each process's path in each tree (by the tree's position) from its
     * first /proc/PID/cgroup line that the tree's hierarchy matches; a line's
     * text is matched against the trees once, not once per process.
     */
    private List<IntKeyed<String>> leaderIndex() {
        List<IntKeyed<String>> idx = leadersByPosition;
        if (idx != null) return idx;
        List<TidPaths.Builder> out = new java.util.ArrayList<>();
        for (int i = 0; i < trees.size(); i++) out.add(new TidPaths.Builder(true));
        Map<String, boolean[]> matching = new HashMap<>();
        lines.forEach((pid, r) -> {
            if (!r.known()) return;
            for (CgroupLine l : r.get()) {
                boolean[] m = matching.computeIfAbsent(l.id() + ":" + l.controllers(), k -> {
                    boolean[] b = new boolean[trees.size()];
                    for (int i = 0; i < b.length; i++)
                        b[i] = trees.get(i).hierarchy().matches(l);
                    return b;
                });
                for (int i = 0; i < m.length; i++) if (m[i]) out.get(i).add(l.path(), pid);
            }
        });
        idx = out.stream().map(TidPaths.Builder::build).toList();
        leadersByPosition = idx;
        return idx;
    }

    private Map<Hierarchy, IntKeyed<String>> threadIndex() {
        Map<Hierarchy, IntKeyed<String>> idx = threadIndex;
        if (idx == null) {
            idx = new HashMap<>();
            for (CgroupTree t : trees) {
                TidPaths.Builder b = new TidPaths.Builder(false);
                for (Cgroup c : t.cgroups().values())
                    if (c.threads().known()) b.add(c.path(), c.threads().get());
                idx.put(t.hierarchy(), b.build());
            }
            threadIndex = idx;
        }
        return idx;
    }
}
