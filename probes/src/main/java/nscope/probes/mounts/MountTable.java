package nscope.probes.mounts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mounts of one mount namespace, as one of its processes sees them
 * (mountinfo is relative to the reader's root), as a tree by parent ID.
 * A mount whose parent is not in the table (the root of the reader's view)
 * is a root; children come in ID order, as findmnt lists them. Immutable.
 */
public final class MountTable {
    /** Two mounts, one in each table, in the same shared peer group: a mount or unmount under one propagates to the other. */
    public record SharedPeer(int peerGroup, Mount here, Mount there) {}

    /** Where a mount's directory is in another table: the other table's mount that holds it, and the path. */
    public record Origin(Mount mount, String path) {}

    private static final Comparator<Mount> BY_ID = Comparator.comparingInt(Mount::id);

    private final List<Mount> mounts;
    private final Map<Integer, Mount> byId = new HashMap<>();
    private final Map<Integer, List<Mount>> children = new HashMap<>();
    private final List<Mount> roots = new ArrayList<>();
    private final Map<String, List<Mount>> byMountPoint = new HashMap<>();

    /**
     * @param mounts in mountinfo order; IDs must be unique (the reader drops a repeated ID as malformed)
     * @throws IllegalArgumentException on a repeated ID
     */
    public MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
        for (Mount m : this.mounts) {
            if (byId.putIfAbsent(m.id(), m) != null)
                throw new IllegalArgumentException("mount ID " + m.id() + " twice");
        }
        for (Mount m : this.mounts) {
            if (m.parentId() == m.id() || !byId.containsKey(m.parentId())) roots.add(m);
            else children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
        }
        breakCycles();
        roots.sort(BY_ID);
        children.values().forEach(l -> l.sort(BY_ID));
        children.replaceAll((k, l) -> List.copyOf(l));
        for (Mount m : inTreeOrder())
            byMountPoint.computeIfAbsent(m.mountPoint(), k -> new ArrayList<>()).add(m);
        byMountPoint.replaceAll((k, l) -> List.copyOf(l));
    }

    /**
     * Parent links that go round in a circle reach no root: make the lowest
     * ID of each such circle a root, so every mount is in the tree once.
     */
    private void breakCycles() {
        Set<Integer> reached = new HashSet<>();
        for (Mount r : roots) walk(r, reached);
        while (reached.size() < mounts.size()) {
            Mount lowest = null;
            for (Mount m : mounts)
                if (!reached.contains(m.id()) && (lowest == null || m.id() < lowest.id())) lowest = m;
            List<Mount> siblings = children.get(lowest.parentId());
            siblings.remove(lowest);
            roots.add(lowest);
            walk(lowest, reached);
        }
    }

    private void walk(Mount from, Set<Integer> reached) {
        Deque<Mount> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            Mount m = todo.pop();
            if (reached.add(m.id())) todo.addAll(children.getOrDefault(m.id(), List.of()));
        }
    }

    /** Every mount, in mountinfo order. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** Two tables are equal when they list the same mounts in the same order (a refresh keeps what did not change). */
    @Override
    public boolean equals(Object o) {
        return o instanceof MountTable t && mounts.equals(t.mounts);
    }

    @Override
    public int hashCode() {
        return mounts.hashCode();
    }

    public int size() {
        return mounts.size();
    }

    /** The mounts whose parent is not in the table, by ID; usually the one mount at "/". */
    public List<Mount> roots() {
        return Collections.unmodifiableList(roots);
    }

    /** The mounts mounted on this one, by ID. */
    public List<Mount> children(int id) {
        return children.getOrDefault(id, List.of());
    }

    public Optional<Mount> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every mount in the tree, depth first: a root, its subtree, the next root. */
    public List<Mount> inTreeOrder() {
        List<Mount> out = new ArrayList<>(mounts.size());
        Deque<Mount> todo = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) todo.push(roots.get(i));
        while (!todo.isEmpty()) {
            Mount m = todo.pop();
            out.add(m);
            List<Mount> c = children(m.id());
            for (int i = c.size() - 1; i >= 0; i--) todo.push(c.get(i));
        }
        return out;
    }

    /** Every mount at this mount point, the lowest of a stack first (a mount over another is its descendant). */
    public List<Mount> at(String mountPoint) {
        return byMountPoint.getOrDefault(mountPoint, List.of());
    }

    /** The mount that is visible at this mount point: the top of its stack. */
    public Optional<Mount> topAt(String mountPoint) {
        List<Mount> stack = at(mountPoint);
        return stack.isEmpty() ? Optional.empty() : Optional.of(stack.get(stack.size() - 1));
    }

    /** The mount at "/" that the reader sees: its root filesystem. */
    public Optional<Mount> rootMount() {
        return topAt("/");
    }

    /** Each pair of a mount here and a mount there in the same shared peer group (shared:N on both). */
    public List<SharedPeer> sharedWith(MountTable other) {
        Map<Integer, List<Mount>> theirs = new TreeMap<>();
        for (Mount o : other.mounts)
            o.propagation()
                    .shared()
                    .ifPresent(g ->
                            theirs.computeIfAbsent(g, k -> new ArrayList<>()).add(o));
        List<SharedPeer> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.propagation().shared().isEmpty()) continue;
            int g = m.propagation().shared().getAsInt();
            for (Mount o : theirs.getOrDefault(g, List.of())) out.add(new SharedPeer(g, m, o));
        }
        return out;
    }

    /**
     * Where this table's root filesystem is in the other table (e.g. a
     * container's "/" on the host): a mount there of the same device whose
     * root holds this root directory (the longest such root wins, then the
     * shortest mount point), and the path in the other table. Empty when the
     * other table has no mount of that device that reaches the directory
     * (its filesystem is not mounted there, or this root is not a path, as
     * for an nsfs file).
     */
    public Optional<Origin> rootOn(MountTable other) {
        return rootMount().flatMap(r -> other.locate(r.device(), r.root()));
    }

    /** Where a directory of a device's filesystem is reachable through this table's mounts. */
    public Optional<Origin> locate(DeviceNumber device, String dir) {
        Mount best = null;
        for (Mount o : mounts) {
            if (!o.device().equals(device) || !holds(o.root(), dir)) continue;
            if (best == null
                    || o.root().length() > best.root().length()
                    || (o.root().length() == best.root().length()
                            && o.mountPoint().length() < best.mountPoint().length())) best = o;
        }
        if (best == null) return Optional.empty();
        String rest = best.root().equals("/") ? dir : dir.substring(best.root().length());
        String path = rest.isEmpty() || rest.equals("/")
                ? best.mountPoint()
                : best.mountPoint().equals("/") ? rest : best.mountPoint() + rest;
        return Optional.of(new Origin(best, path));
    }

    /** Whether the directory {@code dir} is {@code root} or under it, by whole path components. */
    static boolean holds(String root, String dir) {
        if (!dir.startsWith("/") || !root.startsWith("/")) return false;
        if (root.equals("/") || root.equals(dir)) return true;
        return dir.startsWith(root) && dir.charAt(root.length()) == '/';
    }
}
