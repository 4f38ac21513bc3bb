package nscope.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import nscope.kernel.Errno;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.ScanProblem;
import nscope.probes.mounts.Mount;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.Mountinfo;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.DirRead;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader;

/**
 * Phase 5: every mounted cgroup hierarchy (found in nscope's own
 * mountinfo, not assumed at /sys/fs/cgroup) walked as a tree, each
 * cgroup's members and interface files read, and every process's
 * /proc/PID/cgroup. A cgroup removed mid-scan is left out; what cannot be
 * read is an unknown with its reason.
 */
final class CgroupPhase {
    /** Super options of a cgroup mount that are not controllers. */
    private static final Set<String> NOT_CONTROLLERS = Set.of("rw", "ro", "none", "xattr", "noprefix",
            "clone_children", "cpuset_v2_mode", "favordynmods", "nsdelegate", "memory_recursiveprot",
            "memory_localevents", "memory_hugetlb_accounting", "pids_localevents");

    /** @param namespaces each cgroup namespace's roots (see {@link NsFacts.Cgroup}) */
    record Result(Cgroups cgroups, Map<NsId, Readout<NsFacts>> namespaces, List<ScanProblem> problems) {}

    private final Host host;

    private final boolean v1Threads;

    /** @param v1Threads read every v1 cgroup's tasks list (see {@link Collector.Phase#CGROUP_THREADS}) */
    CgroupPhase(Host host, boolean v1Threads) {
        this.host = host;
        this.v1Threads = v1Threads;
    }

    /** Why a v1 cgroup's threads are unknown when its tasks list was not asked for. */
    static final String V1_THREADS_NOT_READ = "v1 thread lists (tasks) were not read in this scan"
            + " (nscope cgroups reads them; they cost the kernel a global lock per task)";

    /**
     * @param processes  the PIDs whose /proc/PID/cgroup to read
     * @param namespaces the cgroup namespaces whose roots to find, with paths that lead to them
     * @param tgidOf     the thread group of a task the scan read; -1 for one it did not
     */
    Result read(Collection<Integer> processes, Map<NsId, RelationReader.Start> namespaces,
                java.util.function.IntUnaryOperator tgidOf) {
        return read(processes, namespaces, tgidOf, new CgroupRootsCache());
    }

    /** @param cache the namespaces' roots found by earlier scans of the same collector */
    Result read(Collection<Integer> processes, Map<NsId, RelationReader.Start> namespaces,
                java.util.function.IntUnaryOperator tgidOf, CgroupRootsCache cache) {
        List<ScanProblem> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        // every process's /proc/PID/cgroup and the namespaces' roots are read on a thread of
        // their own while the trees are walked: the kernel answers those one at a time anyway
        Map<Integer, Readout<List<CgroupLine>>> lines = new java.util.HashMap<>();
        java.util.concurrent.FutureTask<Void> lineReads = new java.util.concurrent.FutureTask<>(() -> {
            for (int pid : processes) {
                Readout<List<CgroupLine>> r = procLines(pid);
                if (r != null) lines.put(pid, r);
            }
            return null;
        });
        // a namespace whose roots an earlier scan found is checked after the walk; only the others hop now
        Map<NsId, RelationReader.Start> fresh = new TreeMap<>();
        namespaces.forEach((id, st) -> {
            if (cache.get(id) == null) fresh.put(id, st);
        });
        java.util.concurrent.FutureTask<Map<NsId, Readout<NsFacts>>> side = new java.util.concurrent.FutureTask<>(
                () -> fresh.isEmpty() ? new TreeMap<>() : new TreeMap<>(roots(fresh, tgidOf)));
        for (Runnable r : List.<Runnable>of(lineReads, side)) {
            Thread t = new Thread(r, "nscope-cgroup-side");
            t.setDaemon(true);
            t.start();
        }
        List<Hierarchy> hierarchies = hierarchies(problems);
        List<Map<String, Cgroup>> walked = walk(hierarchies, problems);
        long sampled = System.nanoTime();
        Map<NsId, Readout<NsFacts>> roots;
        try {
            lineReads.get();
            roots = side.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading /proc/PID/cgroup", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
        TreeOf treeOf = new TreeOf(hierarchies);
        ToLongFunction<CgroupLine> idOf = l -> {
            int i = treeOf.of(l);
            if (i < 0) return 0;
            // a hierarchy's root is never removed or renamed: it stands for itself
            if (l.path().equals(hierarchies.get(i).mountRoot())) return -1;
            Cgroup c = walked.get(i).get(l.path());
            return c == null ? 0 : c.id();
        };
        Map<NsId, RelationReader.Start> stale = new TreeMap<>();
        for (NsId id : namespaces.keySet()) {
            if (fresh.containsKey(id)) continue;
            if (cache.holds(id, idOf)) roots.put(id, cache.get(id));
            else stale.put(id, namespaces.get(id));
        }
        if (!stale.isEmpty()) {
            Map<NsId, Readout<NsFacts>> again = roots(stale, tgidOf);
            roots.putAll(again);
            again.forEach((id, f) -> cache.keep(id, f, idOf));
        }
        fresh.keySet().forEach(id -> cache.keep(id, roots.getOrDefault(id, Readout.unknown(Unknown.Reason.IO_ERROR, "not read")), idOf));
        cache.retain(namespaces.keySet());
        host.files().scanDone(); // descriptors kept for cgroups and processes this scan did not meet are let go
        java.util.function.IntUnaryOperator groupOf = tgidOf;
        if (v1Threads) groupOf = threadGroups(walked, processes, tgidOf);
        return new Result(new Cgroups(withProcesses(hierarchies, walked, processes, lines, treeOf, groupOf), lines, sampled), roots, List.copyOf(problems));
    }

    /**
     * The thread group of every thread in a list the walk read, where the
     * scan did not read threads itself (a processes-only scan): each
     * process's /proc/PID/task listed once, only when some thread is unknown.
     */
    private java.util.function.IntUnaryOperator threadGroups(List<Map<String, Cgroup>> walked, Collection<Integer> processes,
                                                            java.util.function.IntUnaryOperator tgidOf) {
        boolean unknown = walked.stream().flatMap(m -> m.values().stream()).filter(c -> c.threads().known())
                .anyMatch(c -> c.threads().get().stream().anyMatch(tid -> tgidOf.applyAsInt(tid) < 0));
        if (!unknown) return tgidOf;
        Map<Integer, Integer> groups = new ConcurrentHashMap<>();
        processes.parallelStream().forEach(pid -> {
            try {
                for (String tid : host.files().list(host.roots().proc().resolve(Integer.toString(pid)).resolve("task"))) {
                    int t = PidName.parse(tid);
                    if (t > 0) groups.put(t, pid);
                }
            } catch (IOException e) {
                // exited: its threads stay without a process, as they would in a later scan
            }
        });
        return tid -> {
            int known = tgidOf.applyAsInt(tid);
            return known > 0 ? known : groups.getOrDefault(tid, -1);
        };
    }

    /**
     * Each cgroup namespace's member task read from inside (a hop live, the
     * recorded facts in a fixture), then the same task's lines from here.
     */
    private Map<NsId, Readout<NsFacts>> roots(Map<NsId, RelationReader.Start> namespaces, java.util.function.IntUnaryOperator tgidOf) {
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
            Path f = host.roots().proc().resolve(Integer.toString(tgid > 0 ? tgid : c.tid())).resolve("task")
                    .resolve(Integer.toString(c.tid())).resolve("cgroup");
            try {
                List<CgroupLine> outside = CgroupText.procLines(new String(host.files().read(f), StandardCharsets.UTF_8));
                out.put(id, Readout.of(new NsFacts.Cgroup(c.tid(), c.inside(), outside)));
            } catch (IOException e) {
                out.put(id, FactsPhase.failed(f, e));
            } catch (Malformed m) {
                out.put(id, Readout.unknown(Unknown.Reason.MALFORMED, f + ": " + m.getMessage()));
            }
        });
        return out;
    }

    /** The cgroup and cgroup2 mounts of our mount namespace, one per hierarchy. */
    List<Hierarchy> hierarchies(List<ScanProblem> problems) {
        Path mi = host.roots().proc().resolve("self/mountinfo");
        byte[] text;
        try {
            text = host.files().readToEnd(mi);
        } catch (IOException e) {
            problems.add(new ScanProblem(mi.toString(), FactsPhase.failed(mi, e).why()));
            return List.of();
        }
        Mountinfo.Lines parsed = Mountinfo.parse(text);
        for (Mountinfo.BadLine b : parsed.bad())
            problems.add(new ScanProblem(mi + ":" + b.line(), new Unknown(Unknown.Reason.MALFORMED, b.why().getMessage())));
        // one hierarchy may be mounted several times: keep its widest, then shortest, mount
        Map<String, Mount> byDevice = new LinkedHashMap<>();
        for (Mount m : parsed.mounts()) {
            if (!m.fsType().equals("cgroup") && !m.fsType().equals("cgroup2")) continue;
            String dev = m.device().toString();
            Mount seen = byDevice.get(dev);
            if (seen == null || better(m, seen)) byDevice.put(dev, m);
        }
        List<Hierarchy> out = new ArrayList<>();
        for (Mount m : byDevice.values()) {
            boolean v2 = m.fsType().equals("cgroup2");
            List<String> controllers = v2 ? List.of()
                    : m.superOptions().stream().filter(o -> !NOT_CONTROLLERS.contains(o) && !o.startsWith("release_agent=")).toList();
            out.add(new Hierarchy(v2 ? 2 : 1, controllers, m.mountPoint(), m.root(), m.device().toString()));
        }
        out.sort(Comparator.comparing((Hierarchy h) -> h.version() == 2 ? 0 : 1).thenComparing(Hierarchy::label));
        return out;
    }

    private static boolean better(Mount a, Mount b) {
        if (a.root().length() != b.root().length()) return a.root().length() < b.root().length();
        return a.mountPoint().length() < b.mountPoint().length();
    }

    /** Where a mount point's files are read: under the sys root, else through our own root. */
    Path dirOf(String mountPoint) {
        if (mountPoint.equals("/sys") || mountPoint.startsWith("/sys/"))
            return host.roots().sys().resolve(mountPoint.substring("/sys".length()).replaceFirst("^/", ""));
        return host.roots().proc().resolve("self/root").resolve(mountPoint.substring(1));
    }

    /**
     * All hierarchies at once, on every core: each cgroup read as a task
     * that forks one task per child, so no level waits for the slowest
     * directory of the level before.
     */
    private List<Map<String, Cgroup>> walk(List<Hierarchy> hierarchies, List<ScanProblem> problems) {
        List<Map<String, Cgroup>> found = new ArrayList<>();
        List<Read> roots = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            found.add(new ConcurrentHashMap<>());
            roots.add(new Read(hierarchies.get(i), "", 0, found.get(i), problems));
        }
        java.util.concurrent.ForkJoinTask.invokeAll(roots);
        return found;
    }

    /** One cgroup's read, and its children's. */
    private final class Read extends java.util.concurrent.RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Hierarchy h;
        private final String rel;
        private final long ino;
        private final transient Map<String, Cgroup> found;
        private final transient List<ScanProblem> problems;

        Read(Hierarchy h, String rel, long ino, Map<String, Cgroup> found, List<ScanProblem> problems) {
            this.h = h;
            this.rel = rel;
            this.ino = ino;
            this.found = found;
            this.problems = problems;
        }

        @Override protected void compute() {
            Map<String, Long> inos = new java.util.HashMap<>();
            Cgroup c = readCgroup(h, rel, ino, inos, problems);
            if (c == null) return;
            found.put(c.path(), c);
            List<Read> kids = new ArrayList<>();
            for (String child : c.children())
                kids.add(new Read(h, relOf(h, child), inos.getOrDefault(child.substring(child.lastIndexOf('/') + 1), 0L), found, problems));
            invokeAll(kids);
        }
    }

    /** The cgroup path of a directory below the mount point. */
    private static String pathOf(Hierarchy h, String rel) {
        String root = h.mountRoot();
        if (rel.isEmpty()) return root;
        return root.equals("/") ? "/" + rel : root + "/" + rel;
    }

    private static String relOf(Hierarchy h, String path) {
        String root = h.mountRoot();
        return root.equals("/") ? path.substring(1) : path.substring(root.length() + 1);
    }

    /** One cgroup; null when it vanished before it could be listed. */
    private Cgroup readCgroup(Hierarchy h, String rel, long ino, Map<String, Long> childInos, List<ScanProblem> problems) {
        Path dir = rel.isEmpty() ? dirOf(h.mountPoint()) : dirOf(h.mountPoint()).resolve(rel);
        String path = pathOf(h, rel);
        String threadsFile = h.version() == 2 ? "cgroup.threads" : "tasks";
        DirRead d;
        try {
            boolean threads = h.version() == 2 || v1Threads;
            d = host.files().readDir(dir, ino, n -> threads && n.equals(threadsFile)
                    || CgroupText.FILES.containsKey(n) && !(h.version() == 1 && n.equals("cpu.stat")));
        } catch (IOException e) {
            if (!rel.isEmpty() && Errno.of(e).meansVanished()) return null; // removed mid-scan
            problems.add(new ScanProblem(dir.toString(), FactsPhase.failed(dir, e).why()));
            Readout<List<Integer>> none = FactsPhase.failed(dir, e);
            return new Cgroup(path, ino, List.of(), none, none, Map.of());
        }
        List<String> children = new ArrayList<>();
        for (String sub : d.dirs()) {
            children.add(path.equals("/") ? "/" + sub : path + "/" + sub);
            childInos.put(sub, d.ino(sub));
        }
        children.sort(null);
        Map<String, Readout<CgValue>> files = new TreeMap<>();
        boolean vanished = false;
        for (String name : CgroupText.FILES.keySet()) {
            byte[] b = d.files().get(name);
            IOException e = d.failed().get(name);
            if (b != null) files.put(name, parse(dir, name, b));
            else if (e != null) {
                files.put(name, failed(dir.resolve(name), e));
                vanished |= Errno.of(e).meansVanished();
            }
        }
        Readout<List<Integer>> procs = EMPTY; // filled from /proc/PID/cgroup (withProcesses)
        Readout<List<Integer>> threads = h.version() == 1 && !v1Threads
                ? Readout.unknown(Unknown.Reason.NOT_PROVIDED, V1_THREADS_NOT_READ) : members(dir, threadsFile, d);
        if (vanished && !rel.isEmpty() && !host.files().exists(dir)) return null; // removed while read
        return new Cgroup(path, ino, children, procs, threads, files);
    }

    private static Readout<CgValue> parse(Path dir, String name, byte[] b) {
        try {
            return Readout.of(CgroupText.value(name, new String(b, StandardCharsets.UTF_8)));
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, dir.resolve(name) + ": " + m.getMessage());
        }
    }

    private static Readout<List<Integer>> members(Path dir, String name, DirRead d) {
        byte[] b = d.files().get(name);
        IOException e = d.failed().get(name);
        if (b == null) {
            return e != null ? failed(dir.resolve(name), e)
                    : Readout.unknown(Unknown.Reason.NOT_PROVIDED, dir.resolve(name) + ": not there");
        }
        try {
            return Readout.of(CgroupText.ids(new String(b, StandardCharsets.US_ASCII), name));
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, dir.resolve(name) + ": " + m.getMessage());
        }
    }

    /**
     * Each cgroup's member processes, from every process's /proc/PID/cgroup
     * line for its hierarchy: the kernel's own answer for each process, and
     * the same list cgroup.procs gives, which costs some 45 us a cgroup per
     * hierarchy here (the kernel builds, sorts and dedups a pid list on each
     * open) against one read per process for all hierarchies at once. A
     * process whose line names a cgroup the walk did not see (made after it)
     * is in no tree.
     */
    /** Which hierarchy a /proc/PID/cgroup line's ID names, worked out once per ID. */
    private static final class TreeOf {
        private final List<Hierarchy> hierarchies;
        private final Map<Integer, Integer> byId = new ConcurrentHashMap<>();

        TreeOf(List<Hierarchy> hierarchies) { this.hierarchies = hierarchies; }

        /** The index of the line's hierarchy, -1 for none mounted here. */
        int of(CgroupLine l) {
            Integer t = byId.get(l.id());
            if (t == null) {
                t = -1;
                for (int i = 0; i < hierarchies.size(); i++) if (hierarchies.get(i).matches(l)) t = i;
                byId.put(l.id(), t);
            }
            return t;
        }
    }

    private static List<CgroupTree> withProcesses(List<Hierarchy> hierarchies, List<Map<String, Cgroup>> walked,
                                                  Collection<Integer> processes, Map<Integer, Readout<List<CgroupLine>>> lines,
                                                  TreeOf treeOf, java.util.function.IntUnaryOperator tgidOf) {
        // one pass over every line, in PID order, so each cgroup's list comes out sorted
        List<Map<String, List<Integer>>> procs = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) procs.add(new java.util.HashMap<>());
        for (int pid : processes) {
            Readout<List<CgroupLine>> r = lines.get(pid);
            if (r == null || !r.known()) continue;
            for (CgroupLine l : r.get()) {
                int t = treeOf.of(l);
                if (t >= 0) procs.get(t).computeIfAbsent(l.path(), k -> new ArrayList<>()).add(pid);
            }
        }
        List<CgroupTree> out = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            Map<String, Cgroup> cgroups = new java.util.HashMap<>();
            for (Cgroup c : walked.get(i).values()) {
                Readout<List<Integer>> members = members(c, procs.get(i).get(c.path()), tgidOf);
                cgroups.put(c.path(), members.equals(c.procs()) ? c : new Cgroup(c.path(), c.id(), c.children(), members, c.threads(), c.files()));
            }
            out.add(new CgroupTree(hierarchies.get(i), cgroups));
        }
        return out;
    }

    /**
     * A cgroup's processes: those whose line names it, and (as the kernel's
     * v1 cgroup.procs lists them) the process of every thread in it whose
     * process the scan knows: a v1 thread may sit apart from its leader. A
     * v2 threaded cgroup has none of its own (its cgroup.procs fails with
     * EOPNOTSUPP); one that could not be listed keeps its unknown.
     */
    private static Readout<List<Integer>> members(Cgroup c, List<Integer> byLine, java.util.function.IntUnaryOperator tgidOf) {
        if (!c.procs().known()) return c.procs();
        if (CgroupFigures.type(c).filter(t -> t.equals("threaded")).isPresent())
            return Readout.unknown(Unknown.Reason.NOT_PROVIDED, "a threaded cgroup has no processes of its own (cgroup.procs: EOPNOTSUPP)");
        List<Integer> base = byLine == null ? List.of() : byLine; // sorted: lines are grouped in PID order
        java.util.TreeSet<Integer> extra = null;
        if (c.threads().known()) {
            for (int tid : c.threads().get()) {
                int tgid = tgidOf.applyAsInt(tid);
                if (tgid > 0 && java.util.Collections.binarySearch(base, tgid) < 0) {
                    if (extra == null) extra = new java.util.TreeSet<>();
                    extra.add(tgid);
                }
            }
        }
        if (extra == null) return base.isEmpty() ? EMPTY : Readout.of(List.copyOf(base));
        extra.addAll(base);
        return Readout.of(List.copyOf(extra));
    }

    private static final Readout<List<Integer>> EMPTY = Readout.of(List.of());

    /** EOPNOTSUPP: a v2 threaded cgroup's cgroup.procs, which the kernel does not offer there. */
    private static <T> Readout<T> failed(Path p, IOException e) {
        if (Errno.of(e) == Errno.EOPNOTSUPP)
            return Readout.unknown(Unknown.Reason.NOT_PROVIDED, p + ": EOPNOTSUPP (not offered in a threaded cgroup)");
        return FactsPhase.failed(p, e);
    }

    /** A process's /proc/PID/cgroup; null when it exited before the read. */
    private Readout<List<CgroupLine>> procLines(int pid) {
        Path f = host.roots().proc().resolve(Integer.toString(pid)).resolve("cgroup");
        try {
            return Readout.of(CgroupText.procLines(new String(host.files().readAgain(f), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            Readout<List<CgroupLine>> r = FactsPhase.failed(f, e);
            return r.why().reason() == Unknown.Reason.EXITING ? null : r;
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, f + ": " + m.getMessage());
        }
    }
}
