package nscope.probes;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.parse.PidName;
import nscope.probes.phase.FactsPhase;
import nscope.probes.phase.FdHoldersPhase;
import nscope.probes.phase.MountFactsPhase;
import nscope.probes.phase.MountHoldersPhase;
import nscope.probes.phase.NamespacesPhase;
import nscope.probes.phase.RelationsPhase;
import nscope.probes.phase.Scan;
import nscope.probes.phase.UserNamesPhase;
import nscope.probes.read.Failures;
import nscope.probes.read.MountTables;
import nscope.probes.read.TaskReader;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;

/**
 * A live host taken again and again (the live screen), re-reading only what
 * can have changed. A full snapshot of a big host costs seconds of CPU
 * (12,000 tasks' namespace links alone are 120,000 readlinks, and on this
 * kind of VM any /proc file costs some 40 us), far above what a monitor may
 * take every two seconds. So each refresh:
 * <ul>
 * <li>lists /proc with each entry's inode: a PID new since the last
 *     refresh, or used again by another process (its entry then has a new
 *     inode), is read whole (stat, status, threads, every namespace link,
 *     open namespace descriptors), and a vanished one is dropped;
 * <li>reads whole the pinned process (the one the user has selected) and a
 *     slice of the others, so that every process is read whole once per
 *     {@link #cycle()} refreshes, the oldest read first; the cycle is at
 *     most the longest that keeps every task within {@link #MAX_AGE}, and
 *     shorter, down to every refresh, while reading is cheap (a small host:
 *     {@link RefreshCycle}); a process of the slice has its descriptors
 *     read every second time ({@link #TURNS}: they seldom change, and cost
 *     a fifth of what its tasks do);
 * <li>likewise reads the facts and mount tables of new namespaces, the
 *     pinned process's and a slice of the others, each once in {@link #TURNS}
 *     cycles; relations (parent, owner) only of new ones, as the kernel never
 *     changes them;
 * <li>reads the cgroup trees when asked (their screen is shown), else once in
 *     {@link #CGROUPS_MAX_AGE}.
 * </ul>
 * What was not read again is carried over; {@link #freshness()} says how old
 * the oldest of it is, so the screen can say so. A refresh that found nothing
 * different returns the last snapshot itself, so nothing downstream is rebuilt.
 */
public final class Refresher {
    static final int MAX_CYCLE = 60;

    /**
     * The oldest a task's stat, status and links may be: a refresh reads
     * whole, beyond its slice, every thread group read longer ago than this
     * less two gaps between refreshes (the screen may space them out to stay
     * within its CPU budget).
     */
    public static final java.time.Duration MAX_AGE = java.time.Duration.ofSeconds(30);

    /**
     * How old the cgroup trees may get while their screen is not shown: read
     * again, they cost as much as a third of every task's stat, status and
     * links on a big host, and only the header's count shows them meanwhile.
     */
    static final java.time.Duration CGROUPS_MAX_AGE = java.time.Duration.ofSeconds(120);

    /**
     * Cycles over which the namespaces' facts and mount tables, and the slice's descriptors, are read once:
     * none of them is in the tasks' freshness promise, and together they cost a third more than the tasks.
     */
    public static final int TURNS = 2;

    /** How old the oldest carried-over part of the last refresh is. */
    public record Freshness(long linksSeconds, long cgroupsSeconds, int cycle) {}

    private final Host host;
    private final Collector base;
    private final TaskReader reader;
    private final FdHoldersPhase fdHolders = new FdHoldersPhase();
    private final MountHoldersPhase mountHolders = new MountHoldersPhase();
    private Snapshot last;
    private MountTables.Result mounts;
    private Map<Integer, Long> inodes = Map.of();
    private final DescriptorTurns fdTurns = new DescriptorTurns();
    /** When each thread group was last read whole (nanoTime). */
    private Map<Integer, Long> wholeAt = new HashMap<>();

    private long cgroupsAt, lastAt;
    private RefreshCycle cycle;
    private final int fixedCycle;
    private int round, groupCursor;
    private NsId nsCursor;
    private volatile Freshness freshness = new Freshness(0, 0, 1);

    public Refresher(Host host) {
        this(host, 0);
    }

    /**
     * A refresher whose cycle is fixed (tests, benchmarks), instead of set by {@link #MAX_AGE} and the pace.
     *
     * @param fixedCycle refreshes over which everything is read whole once, in PID order; 0: adapt to the pace
     */
    public Refresher(Host host, int fixedCycle) {
        this.host = host;
        this.fixedCycle = fixedCycle;
        this.base = new Collector(host, Scope.TASKS, EnumSet.complementOf(EnumSet.of(Collector.Phase.CGROUP_THREADS)));
        this.reader = new TaskReader(host, Scope.TASKS);
    }

    /** Refreshes over which every process and namespace is read whole once. */
    public int cycle() {
        return fixedCycle > 0 ? fixedCycle : cycle == null ? 1 : (int) Math.ceil(cycle.value());
    }

    public Freshness freshness() {
        return freshness;
    }

    /**
     * The host now.
     *
     * @param pinned   a thread group read whole on every refresh (the selected process), or 0
     * @param cgroups  whether the cgroup trees must be read now (their screen is shown)
     * @param interval the time between refreshes, for the cycle
     */
    public synchronized Snapshot refresh(int pinned, boolean cgroups, java.time.Duration interval) {
        long now = System.nanoTime(), cpu0 = ProcessCpu.nanos();
        if (last == null) return first(now, interval.toNanos());
        round++;
        // the slices alone go round within MAX_AGE at this pace; a group that would be older than that at the
        // next refresh is read whole now besides (after the pace slowed down)
        long gap = Math.max(interval.toNanos(), now - lastAt);
        lastAt = now;
        if (fixedCycle == 0) cycle.paced(gap); // the slices read no more than the freshness promise needs
        Round r = new Round(new Scan(host, Scope.TASKS, reader));
        Map<Integer, Long> listed = listing(r.scan.problems());
        List<Integer> tgids = new ArrayList<>(listed.keySet());
        tgids.sort(null);
        Set<Integer> urgent = new HashSet<>();
        Set<Integer> whole = wholeGroups(tgids, listed, pinned, urgent);
        long due = now - (MAX_AGE.toNanos() - gap - 1_000_000_000L); // a second to spare for the pace's jitter
        if (fixedCycle == 0) // a fixed cycle (tests, benchmarks) reads exactly its slices
        for (int tgid : tgids) if (wholeAt.getOrDefault(tgid, now) < due) whole.add(tgid);
        if (!last.threadGroups().keySet().equals(new HashSet<>(tgids))) r.changed = true;
        readTasks(r, listed, whole);
        inodes = listed;
        long oldest = ages(tgids, whole, r.scan.tasks(), now);

        // rebuilt only where tasks came, went or moved: the others are last refresh's nodes
        r.scan.namespaces(NamespacesPhase.updated(last.namespaces(), last.tasks(), r.scan.tasks()));
        Set<NsId> fresh = freshNamespaces(r.scan.namespaces(), r.scan.tasks(), pinned);
        MountTables.Result read = holders(r, fdTurns.now(tgids, whole, urgent, listed.keySet()), fresh);
        relations(r.scan);
        r.scan.cgroups(last.cgroups());
        r.scan.facts().putAll(Carried.of(last.facts(), r.scan.namespaces()));
        // a fixed cycle (tests, benchmarks) reads them once a cycle, as everything else
        boolean treesDue = fixedCycle > 0 ? round % cycle() == 0 : now - cgroupsAt >= CGROUPS_MAX_AGE.toNanos();
        long cgroupCpu = 0;
        if (cgroups || treesDue) {
            long c0 = ProcessCpu.nanos();
            base.cgroupsPhase().run(r.scan); // the trees read again; its cgroup namespaces' roots join the facts
            cgroupsAt = now;
            r.changed = true; // usage and CPU time move on
            cgroupCpu = ProcessCpu.nanos() - c0;
        }
        facts(r, fresh, read);
        if (reader.namespacesKnown() > 4 * r.scan.namespaces().size() + 1000) reader.forgetNamespaces();
        // no scanDone() here: the descriptors kept for the cgroup trees must outlive the refreshes that skip them
        // (the cgroup phase lets go of those it did not meet itself)

        if (fixedCycle == 0) cycle.spent(ProcessCpu.nanos() - cpu0 - cgroupCpu, gap);
        freshness = new Freshness((now - oldest) / 1_000_000_000L, (now - cgroupsAt) / 1_000_000_000L, cycle());
        if (!r.changed) return last;
        new UserNamesPhase().run(r.scan);
        last = r.scan.snapshot(Instant.now());
        return last;
    }

    /** One refresh in the making: its scan, and whether it found anything different from the last snapshot. */
    private static final class Round {
        final Scan scan;
        boolean changed;

        Round(Scan scan) {
            this.scan = scan;
        }
    }

    /** The first refresh: a whole scan. */
    private Snapshot first(long now, long interval) {
        List<ScanProblem> ignored = new ArrayList<>();
        inodes = listing(ignored);
        last = base.collect();
        mounts = new MountTables(host, last).readAll();
        cgroupsAt = lastAt = now;
        for (int tgid : last.threadGroups().keySet()) wholeAt.put(tgid, now);
        cycle = new RefreshCycle(interval);
        freshness = new Freshness(0, 0, cycle());
        return last;
    }

    /**
     * The thread groups read whole now: new or reused PIDs and the pinned one (also put in {@code urgent}), and
     * the next slice.
     */
    private Set<Integer> wholeGroups(List<Integer> tgids, Map<Integer, Long> listed, int pinned, Set<Integer> urgent) {
        Set<Integer> whole = new HashSet<>();
        for (int tgid : tgids) {
            Long was = inodes.get(tgid);
            if (was == null || was != 0 && !was.equals(listed.get(tgid)) || tgid == pinned) whole.add(tgid);
        }
        urgent.addAll(whole);
        whole.addAll(groupSlice(tgids));
        return whole;
    }

    /** The tasks phase for some thread groups: those read whole now, the last refresh's tasks of the others still listed. */
    private void readTasks(Round r, Map<Integer, Long> listed, Set<Integer> whole) {
        // on this thread alone: no one waits for a refresh, and the live screen beside top measured less CPU so
        // (5.6% of a core against 6.1-6.4% with the slice read on both cores, in two runs side by side)
        List<TaskReader.Group> groups = new ArrayList<>(whole.size());
        for (int tgid : whole) groups.add(reader.readGroup(tgid));
        Map<Integer, Task> tasks = new HashMap<>(last.tasks().size() * 4 / 3 + 64);
        int[] group = {0, 0}; // the last TGID asked about, and whether its tasks are kept (threads come in runs)
        last.tasks().forEach((tid, t) -> { // its own boxed TID, not a new one per task
            if (t.tgid() != group[0]) { // no TGID is 0: the first task always asks
                group[0] = t.tgid();
                group[1] = listed.containsKey(t.tgid()) && !whole.contains(t.tgid()) ? 1 : 0;
            }
            if (group[1] == 1) tasks.put(tid, t);
        });
        for (TaskReader.Group g : groups) {
            for (Task t : g.tasks()) {
                // read again the same: the very object of the last refresh, so what was made of it (namespace
                // memberships, the screen's rows) is kept, and nothing new is held
                Task was = last.tasks().get(t.tid());
                if (t.equals(was)) t = was;
                else r.changed = true;
                tasks.put(t.tid(), t);
            }
            r.scan.problems().addAll(g.problems());
        }
        for (int tgid : whole)
            for (int tid : last.threadGroups().getOrDefault(tgid, List.of()))
                if (!tasks.containsKey(tid)) r.changed = true;
        r.scan.tasks(tasks);
    }

    /** When each thread group still there was last read whole; returns the oldest. */
    private long ages(List<Integer> tgids, Set<Integer> whole, Map<Integer, Task> tasks, long now) {
        Map<Integer, Long> at = new HashMap<>();
        long oldest = now;
        for (int tgid : tgids) {
            if (!tasks.containsKey(tgid)) continue;
            long t = whole.contains(tgid) ? now : wholeAt.getOrDefault(tgid, now);
            at.put(tgid, t);
            oldest = Math.min(oldest, t);
        }
        wholeAt = at;
        return oldest;
    }

    /**
     * The hidden namespaces: descriptors carried over and read again for the
     * groups read whole ({@code readWhole}, in PID order), the mount tables of
     * fresh mount namespaces (returned) merged with the last ones, and the
     * nsfs bind mounts in them.
     */
    private MountTables.Result holders(Round r, List<Integer> fdsNow, Set<NsId> fresh) {
        Map<NsId, Namespace> namespaces = r.scan.namespaces();
        Carried.holders(last, namespaces, new HashSet<>(fdsNow), r.scan.tasks());
        fdHolders.read(r.scan, fdsNow, false);
        MountTables.Result read = new MountTables(host, r.scan.tasks(), namespaces)
                .read(namespaces.values().stream()
                        .filter(n -> n.kind() == NsKind.MNT && fresh.contains(n.id()))
                        .map(Namespace::id)
                        .toList());
        for (var e : read.tables().entrySet())
            if (!e.getValue().equals(mounts.tables().get(e.getKey()))) r.changed = true;
        mounts = Carried.merged(read, mounts, namespaces);
        r.scan.problems().addAll(read.problems());
        r.scan.mounts(mounts);
        mountHolders.run(r.scan);
        if (!r.changed && !Carried.sameHolders(last, namespaces)) r.changed = true;
        return read;
    }

    /** Relations carried over; those of namespaces not seen before walked now (the kernel never changes them). */
    private void relations(Scan scan) {
        Map<NsId, Readout<NsRelations>> relations = Carried.of(last.relations(), scan.namespaces());
        Set<NsId> unrelated = new HashSet<>(scan.namespaces().keySet());
        unrelated.removeAll(relations.keySet());
        relations.putAll(RelationsPhase.read(scan, unrelated));
        keepAncestors(relations, scan.namespaces());
        scan.relations(relations);
    }

    /** The facts of the fresh namespaces and the mount facts of the tables read now, over those carried over. */
    private void facts(Round r, Set<NsId> fresh, MountTables.Result read) {
        Map<NsId, Readout<NsFacts>> factsNow = new TreeMap<>(FactsPhase.read(r.scan, fresh));
        factsNow.putAll(Carried.mountFacts(read, mounts, MountFactsPhase.hostNamespace(r.scan.tasks())));
        for (var e : factsNow.entrySet()) if (!e.getValue().equals(last.facts().get(e.getKey()))) r.changed = true;
        r.scan.facts().putAll(factsNow);
    }

    private Map<Integer, Long> listing(List<ScanProblem> problems) {
        Map<Integer, Long> out = new HashMap<>();
        try {
            host.files().listInodes(host.roots().proc()).forEach((name, ino) -> {
                int pid = PidName.parse(name);
                if (pid > 0) out.put(pid, ino);
            });
        } catch (IOException e) {
            problems.add(Failures.problem(host.roots().proc(), e));
        }
        return out;
    }

    /**
     * The next 1/cycle of the thread groups: with a fixed cycle in PID order after the last slice, wrapping
     * round; else those read longest ago (a group read early, new or pinned, is not read again a cycle later).
     */
    private List<Integer> groupSlice(List<Integer> tgids) {
        int n = (int) Math.ceil(tgids.size() / (double) cycle());
        if (fixedCycle == 0) return OldestFirst.of(tgids, wholeAt, n);
        List<Integer> out = new ArrayList<>(n);
        int start = 0;
        while (start < tgids.size() && tgids.get(start) <= groupCursor) start++;
        for (int i = 0; i < n && i < tgids.size(); i++) out.add(tgids.get((start + i) % tgids.size()));
        if (!out.isEmpty()) groupCursor = out.get(out.size() - 1);
        return out;
    }

    /** Namespaces new since the last refresh, the pinned process's, and the next 1/(cycle * TURNS) of the rest. */
    private Set<NsId> freshNamespaces(Map<NsId, Namespace> namespaces, Map<Integer, Task> tasks, int pinned) {
        Set<NsId> out = new HashSet<>();
        for (NsId id : namespaces.keySet()) if (!last.namespaces().containsKey(id)) out.add(id);
        for (int tid : last.threadGroups().getOrDefault(pinned, List.of())) {
            Task t = tasks.get(tid);
            if (t == null) continue;
            for (NsLink l : NsLink.values())
                if (t.ns(l).known()) out.add(t.ns(l).get());
        }
        List<NsId> ids = new ArrayList<>(namespaces.keySet());
        ids.sort(null);
        int n = (int) Math.ceil(ids.size() / (double) (cycle() * TURNS)), start = 0;
        while (nsCursor != null && start < ids.size() && ids.get(start).compareTo(nsCursor) <= 0) start++;
        for (int i = 0; i < n && i < ids.size(); i++) out.add(nsCursor = ids.get((start + i) % ids.size()));
        return out;
    }

    /**
     * Namespaces with no member left, known only as a parent or owner of
     * another, stay nodes while something still names them (a full scan
     * finds them by walking up).
     */
    private void keepAncestors(Map<NsId, Readout<NsRelations>> relations, Map<NsId, Namespace> namespaces) {
        List<NsId> todo = new ArrayList<>(relations.keySet());
        while (!todo.isEmpty()) {
            Readout<NsRelations> r = relations.get(todo.remove(todo.size() - 1));
            if (r == null || !r.known()) continue;
            for (NsId up : new NsId[] {r.get().parent(), r.get().owner()}) {
                if (up == null || namespaces.containsKey(up)) continue;
                Namespace was = last.namespaces().get(up);
                if (was == null) continue;
                namespaces.put(up, new Namespace(was.kind(), up, List.of(), List.of(), List.of()));
                Readout<NsRelations> its = last.relations().get(up);
                if (its != null) {
                    relations.put(up, its);
                    todo.add(up);
                }
            }
        }
    }
}
