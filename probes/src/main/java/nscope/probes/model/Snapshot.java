package nscope.probes.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import nscope.probes.ints.IntKeyed;
import nscope.probes.ints.TidList;
import nscope.probes.readout.Readout;

/**
 * Everything one scan saw, immutable: every task, every thread group, every
 * namespace reached through a task's links, and what could not be read.
 */
public final class Snapshot {
    private final Instant takenAt;
    private final String source;
    private final Scope scope;
    private final SortedMap<Integer, Task> tasks;
    private final SortedMap<Integer, List<Integer>> threadGroups;
    private final SortedMap<NsId, Namespace> namespaces;
    private final Map<Long, String> userNames;
    private final List<ScanProblem> problems;
    private final Map<NsId, Readout<NsRelations>> relations;
    private final Map<NsId, Readout<NsFacts>> facts;
    private final nscope.probes.cgroups.Cgroups cgroups;
    private final Readout<Instant> bootTime;

    public Snapshot(
            Instant takenAt,
            String source,
            Scope scope,
            Map<Integer, Task> tasks,
            Map<NsId, Namespace> namespaces,
            Map<Long, String> userNames,
            List<ScanProblem> problems) {
        this(takenAt, source, scope, tasks, namespaces, userNames, problems, Map.of());
    }

    /** @param relations parents and owners, for the namespaces the relations phase reached (else empty) */
    public Snapshot(
            Instant takenAt,
            String source,
            Scope scope,
            Map<Integer, Task> tasks,
            Map<NsId, Namespace> namespaces,
            Map<Long, String> userNames,
            List<ScanProblem> problems,
            Map<NsId, Readout<NsRelations>> relations) {
        this(takenAt, source, scope, tasks, namespaces, userNames, problems, relations, Map.of());
    }

    /** @param facts what each namespace holds, for those the facts phase read (else empty) */
    public Snapshot(
            Instant takenAt,
            String source,
            Scope scope,
            Map<Integer, Task> tasks,
            Map<NsId, Namespace> namespaces,
            Map<Long, String> userNames,
            List<ScanProblem> problems,
            Map<NsId, Readout<NsRelations>> relations,
            Map<NsId, Readout<NsFacts>> facts) {
        this(
                takenAt,
                source,
                scope,
                tasks,
                namespaces,
                userNames,
                problems,
                relations,
                facts,
                nscope.probes.cgroups.Cgroups.NONE);
    }

    /** @param cgroups every cgroup hierarchy and each process's place in them, when the cgroup phase ran */
    public Snapshot(
            Instant takenAt,
            String source,
            Scope scope,
            Map<Integer, Task> tasks,
            Map<NsId, Namespace> namespaces,
            Map<Long, String> userNames,
            List<ScanProblem> problems,
            Map<NsId, Readout<NsRelations>> relations,
            Map<NsId, Readout<NsFacts>> facts,
            nscope.probes.cgroups.Cgroups cgroups) {
        this(
                takenAt,
                source,
                scope,
                tasks,
                namespaces,
                userNames,
                problems,
                relations,
                facts,
                cgroups,
                Readout.unknown(nscope.probes.readout.Unknown.Reason.NOT_PROVIDED, "the boot time was not read"));
    }

    /** @param bootTime when the host booted (the scan's time less /proc/uptime), for the tasks' start times */
    public Snapshot(
            Instant takenAt,
            String source,
            Scope scope,
            Map<Integer, Task> tasks,
            Map<NsId, Namespace> namespaces,
            Map<Long, String> userNames,
            List<ScanProblem> problems,
            Map<NsId, Readout<NsRelations>> relations,
            Map<NsId, Readout<NsFacts>> facts,
            nscope.probes.cgroups.Cgroups cgroups,
            Readout<Instant> bootTime) {
        this.bootTime = java.util.Objects.requireNonNull(bootTime);
        this.cgroups = java.util.Objects.requireNonNull(cgroups);
        this.facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
        this.relations = Collections.unmodifiableSortedMap(new TreeMap<>(relations));
        this.takenAt = takenAt;
        this.source = source;
        this.scope = scope;
        this.tasks = IntKeyed.copyOf(tasks);
        this.threadGroups = groups(this.tasks);
        this.namespaces = Collections.unmodifiableSortedMap(new TreeMap<>(namespaces));
        this.userNames = Map.copyOf(userNames);
        this.problems = List.copyOf(problems);
    }

    /** TGID to its TIDs, the leader first and the others in TID order; one sort of (TGID, TID) pairs, nothing boxed. */
    private static SortedMap<Integer, List<Integer>> groups(Map<Integer, Task> tasks) {
        long[] pairs = new long[tasks.size()];
        int n = 0, groups = 0;
        for (Task t : tasks.values()) pairs[n++] = (long) t.tgid() << 32 | (t.tid() & 0xffffffffL);
        java.util.Arrays.sort(pairs);
        for (int i = 0; i < n; i++) if (i == 0 || pairs[i] >>> 32 != pairs[i - 1] >>> 32) groups++;
        int[] tgids = new int[groups];
        Object[] lists = new Object[groups];
        for (int i = 0, g = 0; i < n; g++) {
            int tgid = (int) (pairs[i] >>> 32), end = i;
            while (end < n && (int) (pairs[end] >>> 32) == tgid) end++;
            int[] tids = new int[end - i];
            for (int k = 0; k < tids.length; k++) tids[k] = (int) pairs[i + k];
            for (int k = 0; k < tids.length; k++) {
                if (tids[k] != tgid) continue;
                System.arraycopy(tids, 0, tids, 1, k); // the leader first, the others keep their order
                tids[0] = tgid;
                break;
            }
            tgids[g] = tgid;
            lists[g] = new TidList(tids);
            i = end;
        }
        return IntKeyed.sorted(tgids, lists);
    }

    public Instant takenAt() {
        return takenAt;
    }

    /** "live" or the fixture directory the snapshot was read from. */
    public String source() {
        return source;
    }

    /** Whether threads were read, or only each thread group's leader. */
    public Scope scope() {
        return scope;
    }

    /** Every task by TID. */
    public SortedMap<Integer, Task> tasks() {
        return tasks;
    }

    /** Every thread group: TGID to its TIDs, leader first. */
    public SortedMap<Integer, List<Integer>> threadGroups() {
        return threadGroups;
    }

    public SortedMap<NsId, Namespace> namespaces() {
        return namespaces;
    }

    public List<ScanProblem> problems() {
        return problems;
    }

    /** Parent, owner and owner UID of each namespace, when the relations phase ran; else empty. */
    public Map<NsId, Readout<NsRelations>> relations() {
        return relations;
    }

    /** One namespace's relations; empty when the phase did not run or did not reach it. */
    public Optional<Readout<NsRelations>> relations(NsId id) {
        return Optional.ofNullable(relations.get(id));
    }

    /** What each namespace holds, when the facts phase ran (uts, ipc, net, pid, time, user); else empty. */
    public Map<NsId, Readout<NsFacts>> facts() {
        return facts;
    }

    /** One namespace's facts; empty when the phase did not run or has none for its type. */
    public Optional<Readout<NsFacts>> facts(NsId id) {
        return Optional.ofNullable(facts.get(id));
    }

    /** Every cgroup hierarchy and each process's place in them; {@link nscope.probes.cgroups.Cgroups#NONE} when the phase did not run. */
    public nscope.probes.cgroups.Cgroups cgroups() {
        return cgroups;
    }

    /** When the host booted, or why that is unknown (a recording made before nscope read /proc/uptime). */
    public Readout<Instant> bootTime() {
        return bootTime;
    }

    /**
     * Clock ticks per second of the start times in /proc/PID/stat (USER_HZ,
     * sysconf(_SC_CLK_TCK)): 100 on every architecture Java runs Linux on
     * (the kernel's own HZ is converted to it for user space).
     */
    public static final int TICKS_PER_SECOND = 100;

    /** When a task started: the boot time plus its start time in ticks; unknown with the boot time. */
    public Readout<Instant> started(Task t) {
        return bootTime.map(b -> b.plusMillis(t.startTime() * 1000 / TICKS_PER_SECOND));
    }

    public Optional<Task> task(int tid) {
        return Optional.ofNullable(tasks.get(tid));
    }

    /** The leader of a thread group, if the leader itself was seen. */
    public Optional<Task> leader(int tgid) {
        return task(tgid).filter(Task::leader);
    }

    public List<Namespace> namespaces(NsKind kind) {
        List<Namespace> out = new ArrayList<>();
        for (Namespace n : namespaces.values()) if (n.kind() == kind) out.add(n);
        return out;
    }

    public Optional<Namespace> namespace(NsId id) {
        return Optional.ofNullable(namespaces.get(id));
    }

    /** The user name for a uid, from the host's passwd; empty when it has none. */
    public Optional<String> userName(long uid) {
        return Optional.ofNullable(userNames.get(uid));
    }

    public Map<Long, String> userNames() {
        return userNames;
    }

    /**
     * The links in which a thread's namespace differs from its thread group
     * leader's (both known). Empty for leaders and for conforming threads.
     */
    public Set<NsLink> divergentLinks(Task t) {
        Set<NsLink> out = EnumSet.noneOf(NsLink.class);
        if (t.leader()) return out;
        Task lead = tasks.get(t.tgid());
        if (lead == null) return out;
        for (NsLink l : NsLink.values()) {
            Readout<NsId> a = t.ns(l), b = lead.ns(l);
            if (a.known() && b.known() && !a.get().equals(b.get())) out.add(l);
        }
        return out;
    }
}
