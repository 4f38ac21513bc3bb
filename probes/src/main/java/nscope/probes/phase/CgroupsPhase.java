package nscope.probes.phase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.read.cgroup.CgroupMembers;
import nscope.probes.read.cgroup.CgroupNsRoots;
import nscope.probes.read.cgroup.CgroupRootsCache;
import nscope.probes.read.cgroup.CgroupWalk;
import nscope.probes.read.cgroup.Hierarchies;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader;

/**
 * The cgroups (the data flow's step 5): every mounted cgroup hierarchy walked as a tree
 * ({@link CgroupWalk}), who is in each cgroup ({@link CgroupMembers}), and
 * each cgroup namespace's roots ({@link CgroupNsRoots}). Every process's
 * /proc/PID/cgroup and the new namespaces' roots are read beside the walk,
 * on a small pool of its own: the kernel answers those one at a time anyway.
 * The roots found stay with this phase object for its next scans.
 */
public final class CgroupsPhase implements ScanPhase {
    /**
     * The reads beside the walk: two daemon threads, made on the first scan
     * and kept for the next (the live screen scans every few seconds); idle
     * for half a minute they end, so a one-shot command or a JVM that stops
     * scanning keeps none. Its jobs never wait for one another.
     */
    private static final ExecutorService BESIDE = besideWalk();

    private static ExecutorService besideWalk() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "nscope-cgroup-side-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * How a scan not asked for the v1 tasks lists (a live refresh) still
     * knows where each thread is in a v1 hierarchy: by whichever costs less,
     * each thread's own /proc/PID/task/TID/cgroup (one read per thread that
     * is not its process's leader, every hierarchy at once, beside the walk)
     * or every v1 cgroup's tasks file (a pid list the kernel builds, sorts and
     * dedups under its css_set_lock, per cgroup and hierarchy, whether or not
     * any thread sits apart). Measured on this VM with descriptors kept open,
     * as a refresh keeps them: a thread file 4-11 us, a tasks file 5-30 us;
     * 1,159 threads and 203 v1 cgroups: thread files 4.2 ms, tasks files
     * 1.6 ms; 1,208 threads and 2,903 v1 cgroups: 8-26 ms against 15-98 ms.
     * So the thread files are read while the threads that could differ are
     * fewer than {@value #THREADS_PER_TASKS_FILE} per v1 cgroup of the last
     * walk (the first scan, which knows no count yet, too), else the tasks
     * lists. On a host of single-threaded processes, or with no v1
     * hierarchy, neither costs anything.
     */
    static final int THREADS_PER_TASKS_FILE = 2;

    /** The v1 cgroups of the last walk (every hierarchy), for the choice above; -1 before the first. */
    private volatile int v1Cgroups = -1;

    private final boolean v1Threads;
    private final CgroupRootsCache roots = new CgroupRootsCache();

    /** The threads per v1 cgroup at which the tasks lists cost less than each thread's own file. */
    private final int threadsPerTasksFile;

    /**
     * Whether the scan read only the process list (no task, no namespace):
     * the processes are its tgids, and no cgroup namespace's roots are found.
     */
    private final boolean listOnly;

    /** Only the hierarchies this name picks are walked (the others have no cgroups); null: all. */
    private final String only;

    /** Only these interface files are read (see CgroupWalk); null: every one. */
    private final java.util.Set<String> files;

    /** @param v1Threads read every v1 cgroup's tasks list (see {@link CgroupWalk#V1_THREADS_NOT_READ}) */
    public CgroupsPhase(boolean v1Threads) {
        this(v1Threads, THREADS_PER_TASKS_FILE, false, null, null);
    }

    /** With another break-even point than {@link #THREADS_PER_TASKS_FILE} (tests of both ways). */
    CgroupsPhase(boolean v1Threads, int threadsPerTasksFile) {
        this(v1Threads, threadsPerTasksFile, false, null, null);
    }

    private CgroupsPhase(
            boolean v1Threads, int threadsPerTasksFile, boolean listOnly, String only, java.util.Set<String> files) {
        this.v1Threads = v1Threads;
        this.threadsPerTasksFile = threadsPerTasksFile;
        this.listOnly = listOnly;
        this.only = only;
        this.files = files;
    }

    /**
     * The phase for a scan that read the process list alone (TasksPhase.listOnly):
     * its members are the listed processes, each its own thread group's
     * leader as in a scan of processes; no cgroup namespace's roots. With
     * every thread list read (v1Threads), the lists place the processes and
     * only those in none (zombies, newcomers) have their /proc/PID/cgroup
     * read: 2,800 file reads fewer on the synthetic host, output the same.
     *
     * @param only  walk only the hierarchies this --hierarchy name picks ({@link Hierarchies#picks}); null: all
     * @param files read only these interface files (a text's figures); null: every one nscope knows
     */
    public static CgroupsPhase processListOnly(boolean v1Threads, String only, java.util.Set<String> files) {
        return new CgroupsPhase(v1Threads, THREADS_PER_TASKS_FILE, true, only, files);
    }

    @Override
    public void run(Scan scan) {
        if (listOnly) {
            long t0 = System.nanoTime();
            java.util.BitSet listed = new java.util.BitSet(); // asked of every thread of every list: no boxing
            for (int pid : scan.tgids()) if (pid > 0) listed.set(pid);
            read(scan, scan.tgids(), Map.of(), Map.of(), tid -> tid > 0 && listed.get(tid) ? tid : -1);
            scan.cgroupNanos(System.nanoTime() - t0);
            return;
        }
        long t0 = System.nanoTime();
        Map<Integer, Task> tasks = scan.tasks();
        Map<NsId, RelationReader.Start> cgroupNs = new TreeMap<>();
        for (Namespace n : scan.namespaces().values())
            if (n.kind() == NsKind.CGROUP && !n.tasks().isEmpty())
                cgroupNs.put(n.id(), new RelationReader.Start(n.kind(), scan.paths(n)));
        Map<Integer, Integer> threads = new TreeMap<>();
        if (!v1Threads && scan.scope() == Scope.TASKS)
            for (Task t : tasks.values()) if (!t.leader()) threads.put(t.tid(), t.tgid());
        read(
                scan,
                tgids(tasks),
                threads,
                cgroupNs,
                tid -> tasks.containsKey(tid) ? tasks.get(tid).tgid() : -1);
        scan.cgroupNanos(System.nanoTime() - t0);
    }

    /**
     * @param processes  the PIDs whose /proc/PID/cgroup to read
     * @param threads    the threads (TID to TGID) that are not their process's leader: where they are in a
     *                   v1 hierarchy is read for them (see {@link #THREADS_PER_TASKS_FILE})
     * @param namespaces the cgroup namespaces whose roots to find, with paths that lead to them
     * @param tgidOf     the thread group of a task the scan read; -1 for one it did not
     */
    private void read(
            Scan scan,
            Collection<Integer> processes,
            Map<Integer, Integer> threads,
            Map<NsId, RelationReader.Start> namespaces,
            IntUnaryOperator tgidOf) {
        Host host = scan.host();
        List<ScanProblem> problems = Collections.synchronizedList(new ArrayList<>());
        CgroupMembers members = new CgroupMembers(host);
        CgroupNsRoots nsRoots = new CgroupNsRoots(host, roots, namespaces, tgidOf);
        List<Hierarchy> hierarchies = Hierarchies.mounted(host, problems);
        boolean v1 = hierarchies.stream().anyMatch(h -> h.version() == 1);
        boolean lists = v1Threads || v1 && v1Cgroups >= 0 && threads.size() >= threadsPerTasksFile * v1Cgroups;
        Map<Integer, Integer> apart = v1 && !lists ? threads : Map.of();
        // every thread list read (nscope cgroups): they place the processes, whose own files are read only where not
        boolean byLists = listOnly && v1Threads;
        Future<Map<Integer, Readout<List<CgroupLine>>>> lineReads =
                byLists ? null : BESIDE.submit(() -> members.lines(processes));
        Future<Map<NsId, Readout<NsFacts>>> freshRoots = BESIDE.submit(nsRoots::readFresh);
        Future<Map<Integer, Readout<List<CgroupLine>>>> threadReads =
                apart.isEmpty() ? null : BESIDE.submit(() -> members.threadLines(apart));
        List<Map<String, Cgroup>> walked = walk(new CgroupWalk(host, lists, files), host, hierarchies, problems);
        v1Cgroups = v1CgroupCount(hierarchies, walked);
        long sampled = System.nanoTime();
        Map<Integer, String[]> placed = byLists ? CgroupMembers.placed(walked, processes) : null;
        Map<Integer, Readout<List<CgroupLine>>> lines = lineReads != null
                ? done(lineReads)
                : members.lines(placed == null ? processes : unplaced(processes, placed));
        if (placed == null) placed = Map.of();
        CgroupMembers.TreeOf treeOf = new CgroupMembers.TreeOf(hierarchies);
        if (threadReads != null)
            walked = CgroupMembers.v1Threads(hierarchies, walked, lines, done(threadReads), treeOf);
        Map<NsId, Readout<NsFacts>> found =
                nsRoots.settle(done(freshRoots), CgroupNsRoots.ids(hierarchies, walked, treeOf));
        host.files().scanDone(); // descriptors kept for cgroups and processes this scan did not meet are let go
        IntUnaryOperator groupOf = lists ? members.threadGroups(walked, processes, tgidOf) : tgidOf;
        scan.cgroups(new Cgroups(
                CgroupMembers.withProcesses(hierarchies, walked, processes, placed, lines, treeOf, groupOf),
                lines,
                sampled));
        scan.facts().putAll(found);
        scan.problems().addAll(problems);
    }

    /** Each hierarchy walked, in order; one the name {@link #only} does not pick as an empty map, unwalked. */
    private List<Map<String, Cgroup>> walk(
            CgroupWalk w, Host host, List<Hierarchy> hierarchies, List<ScanProblem> problems) {
        if (only == null) return w.walk(hierarchies, problems);
        List<Hierarchy> picked = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++)
            if (Hierarchies.picks(host, hierarchies.get(i), only)) {
                picked.add(hierarchies.get(i));
                at.add(i);
            }
        List<Map<String, Cgroup>> some = w.walk(picked, problems);
        List<Map<String, Cgroup>> out = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) out.add(Map.of());
        for (int k = 0; k < at.size(); k++) out.set(at.get(k), some.get(k));
        return out;
    }

    /** What a read beside the walk gave; what it threw is thrown here. */
    private static <T> T done(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading /proc/PID/cgroup", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static int v1CgroupCount(List<Hierarchy> hierarchies, List<Map<String, Cgroup>> walked) {
        int n = 0;
        for (int i = 0; i < hierarchies.size(); i++)
            if (hierarchies.get(i).version() == 1) n += walked.get(i).size();
        return n;
    }

    /** The processes no thread list placed. */
    private static List<Integer> unplaced(Collection<Integer> processes, Map<Integer, String[]> placed) {
        List<Integer> out = new ArrayList<>();
        for (int pid : processes) if (!placed.containsKey(pid)) out.add(pid);
        return out;
    }

    /** The thread groups whose leader was read. */
    private static List<Integer> tgids(Map<Integer, Task> tasks) {
        List<Integer> out = new ArrayList<>();
        for (Task t : tasks.values()) if (t.leader()) out.add(t.tid());
        out.sort(null);
        return out;
    }
}
