package nscope.probes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.kernel.Errno;
import nscope.probes.model.Holder;
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
import nscope.probes.mounts.Mount;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;
import nscope.probes.parse.Passwd;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader;

/**
 * Builds one {@link Snapshot} of a {@link Host}, in fixed phases:
 * 1. every thread group and task (stat, status, cmdline);
 * 2. every task's ten namespace links;
 * then the namespaces as nodes with their members;
 * 3. (optional) hidden namespaces: those held by open file descriptors.
 * Never throws for anything the host does; what it could not read is in
 * {@link Snapshot#problems()} or in a task's unknown fields.
 */
public final class Collector {
    /** The phases beyond tasks and their links. */
    public enum Phase {
        /** Namespaces held by open file descriptors (/proc/PID/fd). */
        HOLDERS,
        /** Parents and owners (nsfs ioctls); namespaces reached only that way become nodes. */
        RELATIONS,
        /** Every cgroup hierarchy as a tree, with members, limits, usage, pressure, and each process's cgroups. */
        CGROUPS,
        /**
         * With CGROUPS: every v1 cgroup's thread list (tasks) too. A v1 thread may
         * sit apart from its process, so only that file tells where each is; but
         * the kernel builds the list under one global lock, a task at a time
         * (some 60 us a cgroup here, and no faster in parallel): on a host with
         * thousands of threads and many v1 hierarchies it costs more than all
         * the rest of the cgroup phase, so a live refresh may leave it out.
         * v2 thread lists (cgroup.threads) are always read.
         */
        CGROUP_THREADS,
        /** What each namespace holds: hostname, interfaces, IPC objects, id maps, time offsets, pid level, cgroup roots. */
        FACTS
    }

    private final Host host;
    private final Scope scope;
    private final Set<Phase> phases;

    /** A collector of everything: every task (threads included) and every phase. */
    public Collector(Host host) { this(host, Scope.TASKS, EnumSet.allOf(Phase.class)); }

    /** Tasks and their links only (what lsns reads, and the foundation snapshot). */
    public Collector(Host host, Scope scope) { this(host, scope, EnumSet.noneOf(Phase.class)); }

    public Collector(Host host, Scope scope, Set<Phase> phases) {
        this.host = host;
        this.scope = scope;
        this.phases = phases.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(phases);
    }

    public Host host() { return host; }

    private boolean links = true;

    /**
     * Thread group leaders without their namespace links: the live screen's
     * first frame, drawn before the first whole scan (a tenth of a second
     * less on a host with 2,500 processes). Their links are unknown, with why.
     */
    public static Collector processesFirst(Host host) {
        Collector c = new Collector(host, Scope.PROCESSES);
        c.links = false;
        return c;
    }

    private volatile long cgroupNanos = -1;
    /** Cgroup namespaces' roots, found once and checked on each later scan. */
    private final CgroupRootsCache cgroupRoots = new CgroupRootsCache();

    /** How long the cgroup phase of the last collection took, in nanoseconds; -1 when it did not run. */
    public long lastCgroupNanos() { return cgroupNanos; }

    public Snapshot collect() {
        Instant at = Instant.now();
        List<ScanProblem> problems = new ArrayList<>();
        List<Integer> tgids = listGroups(problems);
        TaskReader reader = new TaskReader(host, scope, links);
        // thread groups are independent: read them on every core
        List<TaskReader.Group> groups = tgids.parallelStream().map(reader::readGroup).toList();
        Map<Integer, Task> tasks = new HashMap<>();
        for (TaskReader.Group g : groups) {
            for (Task t : g.tasks()) tasks.put(t.tid(), t);
            problems.addAll(g.problems());
        }
        Map<NsId, Namespace> namespaces = namespaces(tasks);
        if (phases.contains(Phase.HOLDERS)) {
            addFdHolders(tgids, reader, namespaces, problems);
        }
        MountPhase.Result mounts = null;
        if (phases.contains(Phase.HOLDERS) || phases.contains(Phase.FACTS)) {
            mounts = new MountPhase(host, tasks, namespaces).readAll();
            problems.addAll(mounts.problems());
        }
        if (phases.contains(Phase.HOLDERS)) addMountHolders(mounts, reader, namespaces);
        Map<NsId, Readout<NsRelations>> relations = phases.contains(Phase.RELATIONS)
                ? relations(tasks, namespaces) : Map.of();
        nscope.probes.cgroups.Cgroups cgroups = nscope.probes.cgroups.Cgroups.NONE;
        Map<NsId, Readout<NsFacts>> nsRoots = Map.of();
        cgroupNanos = -1;
        if (phases.contains(Phase.CGROUPS)) {
            long t0 = System.nanoTime();
            CgroupPhase.Result r = cgroups(tasks, namespaces);
            cgroups = r.cgroups();
            nsRoots = r.namespaces();
            problems.addAll(r.problems());
            cgroupNanos = System.nanoTime() - t0;
        }
        Map<NsId, Readout<NsFacts>> facts = new TreeMap<>(nsRoots);
        if (phases.contains(Phase.FACTS)) {
            facts.putAll(new FactsPhase(host, tasks, namespaces, n -> paths(n, tasks)).read());
            facts.putAll(MountFacts.of(mounts, hostMountNamespace(tasks)));
        }
        return new Snapshot(at, host.label(), scope, tasks, namespaces, userNames(problems), problems, relations, facts, cgroups);
    }

    /** The cgroup phase on these tasks: every hierarchy, each process's place, each cgroup namespace's roots. */
    CgroupPhase.Result cgroups(Map<Integer, Task> tasks, Map<NsId, Namespace> namespaces) {
        Map<NsId, RelationReader.Start> cgroupNs = new TreeMap<>();
        for (Namespace n : namespaces.values())
            if (n.kind() == NsKind.CGROUP && !n.tasks().isEmpty()) cgroupNs.put(n.id(), new RelationReader.Start(n.kind(), paths(n, tasks)));
        return new CgroupPhase(host, phases.contains(Phase.CGROUP_THREADS)).read(tgids(tasks), cgroupNs,
                tid -> tasks.containsKey(tid) ? tasks.get(tid).tgid() : -1, this.cgroupRoots);
    }

    /** The thread groups whose leader was read. */
    private static List<Integer> tgids(Map<Integer, Task> tasks) {
        List<Integer> out = new ArrayList<>();
        for (Task t : tasks.values()) if (t.leader()) out.add(t.tid());
        out.sort(null);
        return out;
    }

    /**
     * Phase 3b: nsfs bind mounts (as `ip netns add` makes) in every mount
     * namespace's table, read through one member each.
     */
    void addMountHolders(MountPhase.Result mounts, TaskReader reader, Map<NsId, Namespace> namespaces) {
        Map<NsId, List<Holder>> held = new TreeMap<>();
        Map<NsId, NsKind> kinds = new HashMap<>();
        mounts.tables().forEach((mntNs, table) -> {
            Integer via = mounts.readThrough().get(mntNs);
            if (!table.known() || via == null) return;
            for (Mount m : table.get().mounts()) {
                if (!m.fsType().equals("nsfs")) continue;
                NsLinkText text;
                try {
                    text = NsLinkText.parse(m.root());
                } catch (Malformed e) {
                    continue; // an nsfs mount of something else than a namespace file
                }
                Path path = rootOf(via).resolve(m.mountPoint().substring(1));
                Readout<NsId> id = reader.identify(text.inode(), path, m.root());
                if (!id.known()) continue;
                held.computeIfAbsent(id.get(), k -> new ArrayList<>()).add(new Holder.Mount(mntNs, via, m.mountPoint()));
                kinds.put(id.get(), text.kind());
            }
        });
        addHolders(held, kinds, namespaces);
    }

    /**
     * The host's mount namespace: that of the lowest task whose link we
     * could read (PID 1, or a kernel thread, which live in the initial one).
     */
    static NsId hostMountNamespace(Map<Integer, Task> tasks) {
        return tasks.keySet().stream().sorted().map(tasks::get).map(t -> t.ns(NsLink.MNT))
                .filter(Readout::known).map(Readout::get).findFirst().orElse(null);
    }

    /** Holders onto their namespaces; a namespace seen only through its holders becomes a node. */
    static void addHolders(Map<NsId, List<Holder>> held, Map<NsId, NsKind> kinds, Map<NsId, Namespace> namespaces) {
        held.forEach((id, holders) -> {
            Namespace n = namespaces.get(id);
            namespaces.put(id, n != null ? n.withHolders(holders)
                    : new Namespace(kinds.get(id), id, List.of(), List.of(), List.of(), holders));
        });
    }

    /** /proc/PID/root: that process's root, where its mount namespace's paths lead. */
    private Path rootOf(int pid) { return host.roots().proc().resolve(Integer.toString(pid)).resolve("root"); }

    /** Phase 4: walks parents and owners from every namespace, through paths that lead to it. */
    private Map<NsId, Readout<NsRelations>> relations(Map<Integer, Task> tasks, Map<NsId, Namespace> namespaces) {
        return relations(tasks, namespaces, namespaces.keySet());
    }

    /** Phase 4 for some of the namespaces only (a refresh: those not seen before). */
    Map<NsId, Readout<NsRelations>> relations(Map<Integer, Task> tasks, Map<NsId, Namespace> namespaces, Set<NsId> only) {
        Map<NsId, RelationReader.Start> starts = new TreeMap<>();
        for (NsId id : only) {
            Namespace n = namespaces.get(id);
            if (n != null) starts.put(id, new RelationReader.Start(n.kind(), paths(n, tasks)));
        }
        if (starts.isEmpty()) return Map.of();
        RelationReader.Result r = host.files().relations().walk(starts);
        r.found().forEach((id, kind) -> namespaces.putIfAbsent(id, new Namespace(kind, id, List.of(), List.of(), List.of())));
        return r.relations();
    }

    /** A few paths that lead to a namespace: member tasks' links, then pending ones', then descriptors. */
    List<Path> paths(Namespace n, Map<Integer, Task> tasks) {
        List<Path> out = new ArrayList<>();
        Path proc = host.roots().proc();
        for (int tid : n.tasks()) {
            if (out.size() >= 3) break;
            Task t = tasks.get(tid);
            out.add(proc.resolve(Integer.toString(t.tgid())).resolve("task").resolve(Integer.toString(tid))
                    .resolve("ns").resolve(NsLink.of(n.kind()).fileName()));
        }
        for (int tid : n.pendingFor()) {
            if (out.size() >= 4) break;
            Task t = tasks.get(tid);
            String link = n.kind() == NsKind.PID ? "pid_for_children" : "time_for_children";
            out.add(proc.resolve(Integer.toString(t.tgid())).resolve("task").resolve(Integer.toString(tid)).resolve("ns").resolve(link));
        }
        for (Holder h : n.holders()) {
            if (h instanceof Holder.Fd fd)
                out.add(proc.resolve(Integer.toString(fd.pid())).resolve("fd").resolve(Integer.toString(fd.fd())));
            else if (h instanceof Holder.Mount m)
                out.add(rootOf(m.viaPid()).resolve(m.mountPoint().substring(1)));
        }
        return out;
    }

    /** Phase 3a: every process's nsfs descriptors; namespaces seen only there become nodes. */
    void addFdHolders(List<Integer> tgids, TaskReader reader, Map<NsId, Namespace> namespaces,
                              List<ScanProblem> problems) {
        FdHolders scan = new FdHolders(host, reader);
        Map<NsId, List<Holder>> held = new TreeMap<>();
        Map<NsId, NsKind> kinds = new HashMap<>();
        for (FdHolders.Group g : tgids.parallelStream().map(scan::scan).toList()) {
            problems.addAll(g.problems());
            for (FdHolders.Found f : g.found()) {
                held.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f.holder());
                kinds.put(f.id(), f.kind());
            }
        }
        addHolders(held, kinds, namespaces);
    }

    List<Integer> listGroups(List<ScanProblem> problems) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String n : host.files().list(host.roots().proc())) {
                int pid = PidName.parse(n);
                if (pid > 0) out.add(pid);
            }
        } catch (IOException e) {
            problems.add(TaskReader.problem(host.roots().proc(), e));
        }
        out.sort(null);
        return out;
    }

    /** Namespaces as nodes: members by own link, pending members by *_for_children. */
    static Map<NsId, Namespace> namespaces(Map<Integer, Task> tasks) {
        // run on every refresh of the live screen (12,000 tasks, 120,000 links): primitive sort, one lookup per link
        Map<NsId, Members> byId = new HashMap<>();
        int[] tids = new int[tasks.size()];
        int i = 0;
        for (Integer tid : tasks.keySet()) tids[i++] = tid;
        java.util.Arrays.sort(tids);
        NsLink[] links = NsLink.values();
        for (int tid : tids) {
            Task t = tasks.get(tid);
            Map<NsLink, Readout<NsId>> ns = t.namespaces();
            Integer boxed = tid;
            for (NsLink link : links) {
                Readout<NsId> r = ns.get(link);
                if (r == null || !r.known()) continue;
                Members m = byId.get(r.get());
                if (m == null) byId.put(r.get(), m = new Members(link));
                if (!link.forChildren()) {
                    m.tasks.add(boxed);
                    if (t.leader()) m.processes.add(boxed);
                } else {
                    Readout<NsId> own = ns.get(NsLink.of(link.kind()));
                    if (own == null || !own.known() || !own.get().equals(r.get())) m.pending.add(boxed);
                }
            }
        }
        Map<NsId, Namespace> out = new TreeMap<>();
        byId.forEach((id, m) -> out.put(id, new Namespace(m.link.kind(), id, m.tasks, m.processes, m.pending)));
        return out;
    }

    private static final class Members {
        final NsLink link;
        final List<Integer> tasks = new ArrayList<>(), processes = new ArrayList<>(), pending = new ArrayList<>();

        Members(NsLink link) { this.link = link; }
    }

    Map<Long, String> userNames(List<ScanProblem> problems) {
        Path f = host.roots().etc().resolve("passwd");
        try {
            List<Integer> bad = new ArrayList<>();
            Map<Long, String> names = Passwd.parse(host.files().read(f), bad);
            for (int line : bad) problems.add(new ScanProblem(f + ":" + line, new Unknown(Unknown.Reason.MALFORMED, "not a passwd entry")));
            return names;
        } catch (IOException e) {
            problems.add(new ScanProblem(f.toString(), new Unknown(Unknown.Reason.IO_ERROR,
                    Errno.of(e).name() + ": user names shown as numbers")));
            return Map.of();
        }
    }
}
