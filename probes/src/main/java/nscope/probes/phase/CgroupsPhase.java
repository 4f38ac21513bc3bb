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

    private final boolean v1Threads;
    private final CgroupRootsCache roots = new CgroupRootsCache();

    /** @param v1Threads read every v1 cgroup's tasks list (see {@link CgroupWalk#V1_THREADS_NOT_READ}) */
    public CgroupsPhase(boolean v1Threads) {
        this.v1Threads = v1Threads;
    }

    @Override
    public void run(Scan scan) {
        long t0 = System.nanoTime();
        Map<Integer, Task> tasks = scan.tasks();
        Map<NsId, RelationReader.Start> cgroupNs = new TreeMap<>();
        for (Namespace n : scan.namespaces().values())
            if (n.kind() == NsKind.CGROUP && !n.tasks().isEmpty())
                cgroupNs.put(n.id(), new RelationReader.Start(n.kind(), scan.paths(n)));
        read(
                scan,
                tgids(tasks),
                cgroupNs,
                tid -> tasks.containsKey(tid) ? tasks.get(tid).tgid() : -1);
        scan.cgroupNanos(System.nanoTime() - t0);
    }

    /**
     * @param processes  the PIDs whose /proc/PID/cgroup to read
     * @param namespaces the cgroup namespaces whose roots to find, with paths that lead to them
     * @param tgidOf     the thread group of a task the scan read; -1 for one it did not
     */
    private void read(
            Scan scan,
            Collection<Integer> processes,
            Map<NsId, RelationReader.Start> namespaces,
            IntUnaryOperator tgidOf) {
        Host host = scan.host();
        List<ScanProblem> problems = Collections.synchronizedList(new ArrayList<>());
        CgroupMembers members = new CgroupMembers(host);
        CgroupNsRoots nsRoots = new CgroupNsRoots(host, roots, namespaces, tgidOf);
        Future<Map<Integer, Readout<List<CgroupLine>>>> lineReads = BESIDE.submit(() -> members.lines(processes));
        Future<Map<NsId, Readout<NsFacts>>> freshRoots = BESIDE.submit(nsRoots::readFresh);
        List<Hierarchy> hierarchies = Hierarchies.mounted(host, problems);
        List<Map<String, Cgroup>> walked = new CgroupWalk(host, v1Threads).walk(hierarchies, problems);
        long sampled = System.nanoTime();
        Map<Integer, Readout<List<CgroupLine>>> lines = done(lineReads);
        CgroupMembers.TreeOf treeOf = new CgroupMembers.TreeOf(hierarchies);
        Map<NsId, Readout<NsFacts>> found =
                nsRoots.settle(done(freshRoots), CgroupNsRoots.ids(hierarchies, walked, treeOf));
        host.files().scanDone(); // descriptors kept for cgroups and processes this scan did not meet are let go
        IntUnaryOperator groupOf = v1Threads ? members.threadGroups(walked, processes, tgidOf) : tgidOf;
        scan.cgroups(new Cgroups(
                CgroupMembers.withProcesses(hierarchies, walked, processes, lines, treeOf, groupOf), lines, sampled));
        scan.facts().putAll(found);
        scan.problems().addAll(problems);
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

    /** The thread groups whose leader was read. */
    private static List<Integer> tgids(Map<Integer, Task> tasks) {
        List<Integer> out = new ArrayList<>();
        for (Task t : tasks.values()) if (t.leader()) out.add(t.tid());
        out.sort(null);
        return out;
    }
}
