package nscope.probes.read.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.cgroups.Pids;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.read.Failures;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;

/**
 * Who is in each cgroup: every process's /proc/PID/cgroup lines, each
 * cgroup's member processes from them (and from its threads), and the
 * thread group of threads a processes-only scan did not read.
 */
public final class CgroupMembers {
    private final Host host;
    /**
     * Each /proc/PID/cgroup text met in this scan, parsed once: the processes of a container hold the same
     * lines, and the live screen keeps them (2,500 processes' eleven lines were 57,000 strings).
     */
    private final Map<String, Readout<List<CgroupLine>>> byText = new ConcurrentHashMap<>();

    public CgroupMembers(Host host) {
        this.host = host;
    }

    /** /proc/PID/cgroup of each of these processes, in their order; one that exited before its read is left out. */
    public Map<Integer, Readout<List<CgroupLine>>> lines(Collection<Integer> processes) {
        Map<Integer, Readout<List<CgroupLine>>> lines = new HashMap<>();
        List<Integer> pids = new ArrayList<>(processes);
        List<String> names = new ArrayList<>(pids.size());
        for (int pid : pids) names.add(pid + "/cgroup");
        Path proc = host.roots().proc();
        host.files().readEach(proc, names, (i, bytes, error) -> {
            Readout<List<CgroupLine>> r = parsed(proc.resolve(names.get(i)), bytes, error);
            if (r != null) lines.put(pids.get(i), r);
        });
        return lines;
    }

    /**
     * The cgroups of each of these threads (TID to its TGID), from its own
     * /proc/TGID/task/TID/cgroup: in v1 a thread may sit apart from its
     * process, and /proc/PID/cgroup shows only the leader's. One read per
     * thread gives every hierarchy at once; one that exited before its read
     * is left out.
     */
    public Map<Integer, Readout<List<CgroupLine>>> threadLines(Map<Integer, Integer> threads) {
        Map<Integer, Readout<List<CgroupLine>>> lines = new HashMap<>();
        threads.forEach((tid, tgid) -> {
            Path f = host.roots()
                    .proc()
                    .resolve(Integer.toString(tgid))
                    .resolve("task")
                    .resolve(Integer.toString(tid))
                    .resolve("cgroup");
            Readout<List<CgroupLine>> r = lines(f);
            if (r != null) lines.put(tid, r);
        });
        return lines;
    }

    /**
     * Each v1 cgroup's threads, where the walk did not list them (its tasks
     * file not read): every process's leader placed by its /proc/PID/cgroup
     * line, every other thread by its own ({@link #threadLines}). A process
     * whose lines could not be read is in no list; when a thread's could not
     * be read (refused, or a fixture that never recorded them), no list is
     * whole, so each stays unknown, with why.
     */
    public static List<Map<String, Cgroup>> v1Threads(
            List<Hierarchy> hierarchies,
            List<Map<String, Cgroup>> walked,
            Map<Integer, Readout<List<CgroupLine>>> processLines,
            Map<Integer, Readout<List<CgroupLine>>> threadLines,
            TreeOf treeOf) {
        Readout<List<Integer>> notWhole = notWhole(threadLines);
        List<Map<String, List<Integer>>> byPath = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) byPath.add(new HashMap<>());
        java.util.TreeMap<Integer, Readout<List<CgroupLine>>> all = new java.util.TreeMap<>(processLines);
        all.putAll(threadLines);
        all.forEach((tid, r) -> {
            if (!r.known()) return;
            for (CgroupLine l : r.get()) {
                int t = treeOf.of(l);
                if (t >= 0 && hierarchies.get(t).version() == 1)
                    byPath.get(t)
                            .computeIfAbsent(l.path(), k -> new ArrayList<>())
                            .add(tid);
            }
        });
        List<Map<String, Cgroup>> out = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            Map<String, Cgroup> m = new HashMap<>(walked.get(i));
            if (hierarchies.get(i).version() == 1) {
                Map<String, List<Integer>> here = byPath.get(i);
                m.replaceAll((path, c) -> unlisted(c)
                        ? new Cgroup(
                                c.path(),
                                c.id(),
                                c.children(),
                                c.procs(),
                                notWhole != null
                                        ? notWhole
                                        : Readout.of(List.copyOf(here.getOrDefault(path, List.of()))),
                                c.files())
                        : c);
            }
            out.add(m);
        }
        return out;
    }

    /** Why no v1 thread list is whole: some thread's own cgroup file could not be read; null when every one was. */
    private static Readout<List<Integer>> notWhole(Map<Integer, Readout<List<CgroupLine>>> threadLines) {
        int n = 0;
        Unknown first = null;
        for (Readout<List<CgroupLine>> r : threadLines.values()) {
            if (r.known()) continue;
            n++;
            if (first == null) first = r.why();
        }
        if (first == null) return null;
        return Readout.unknown(
                first.reason(),
                "v1 thread lists not read, and " + n + (n == 1 ? " thread's" : " threads'")
                        + " own /proc/PID/task/TID/cgroup could not be read (first: " + first.detail() + ")");
    }

    /** A v1 cgroup whose tasks file the walk left unread (not one it failed to read). */
    private static boolean unlisted(Cgroup c) {
        return !c.threads().known() && c.threads().why().detail().equals(CgroupWalk.V1_THREADS_NOT_READ);
    }

    /**
     * The thread group of every thread in a list the walk read, where the
     * scan did not read threads itself (a processes-only scan): each
     * multithreaded process's /proc/PID/task listed once, only when some
     * thread is unknown.
     */
    public IntUnaryOperator threadGroups(
            List<Map<String, Cgroup>> walked, Collection<Integer> processes, IntUnaryOperator tgidOf) {
        if (!anyUnknown(walked, tgidOf)) return tgidOf;
        // each thread as TID << 32 | TGID: sorted as longs, they are sorted by TID (looked up once per thread of
        // every list: ints, not boxed keys)
        long[] all = host.files().threadGroups(host.roots().proc(), new ArrayList<>(processes));
        java.util.Arrays.sort(all);
        int[] tids = new int[all.length], tgids = new int[all.length];
        for (int k = 0; k < all.length; k++) {
            tids[k] = (int) (all[k] >>> 32);
            tgids[k] = (int) all[k];
        }
        return tid -> {
            int known = tgidOf.applyAsInt(tid);
            if (known > 0) return known;
            int i = java.util.Arrays.binarySearch(tids, tid);
            return i >= 0 ? tgids[i] : -1;
        };
    }

    /** Whether some thread of a list the walk read is in no thread group the scan knows. */
    private static boolean anyUnknown(List<Map<String, Cgroup>> walked, IntUnaryOperator tgidOf) {
        for (Map<String, Cgroup> m : walked)
            for (Cgroup c : m.values())
                if (c.threads().known()) {
                    List<Integer> tids = c.threads().get();
                    for (int k = 0; k < tids.size(); k++) if (tgidOf.applyAsInt(Pids.id(tids, k)) < 0) return true;
                }
        return false;
    }

    /** Which hierarchy a /proc/PID/cgroup line's ID names, worked out once per ID. */
    public static final class TreeOf {
        private final List<Hierarchy> hierarchies;
        private final Map<Integer, Integer> byId = new ConcurrentHashMap<>();

        public TreeOf(List<Hierarchy> hierarchies) {
            this.hierarchies = hierarchies;
        }

        /** The index of the line's hierarchy, -1 for none mounted here. */
        public int of(CgroupLine l) {
            Integer t = byId.get(l.id());
            if (t == null) {
                t = -1;
                for (int i = 0; i < hierarchies.size(); i++)
                    if (hierarchies.get(i).matches(l)) t = i;
                byId.put(l.id(), t);
            }
            return t;
        }
    }

    /**
     * Which cgroup of each walked hierarchy holds each process's leader, from
     * the thread lists the walk read (v1 tasks, v2 cgroup.threads), as its
     * /proc/PID/cgroup line would name it: one hash lookup instead of a file
     * read per process. A process in no list of some walked hierarchy (a
     * zombie: listed in /proc, its line still naming a cgroup, but in no
     * cgroup's lists; or one that came after the walk) is left out, for its
     * own /proc/PID/cgroup to place. Null when some list is not known.
     *
     * @return for each process placed, its cgroup path in each hierarchy (null where not walked)
     */
    public static Map<Integer, String[]> placed(List<Map<String, Cgroup>> walked, Collection<Integer> processes) {
        java.util.BitSet listed = new java.util.BitSet();
        for (int pid : processes) if (pid > 0) listed.set(pid);
        Map<Integer, String[]> at = new HashMap<>(processes.size() * 2);
        int n = walked.size();
        for (int i = 0; i < n; i++)
            for (Cgroup c : walked.get(i).values()) {
                if (!c.threads().known()) return null;
                List<Integer> tids = c.threads().get();
                for (int k = 0; k < tids.size(); k++) {
                    int tid = Pids.id(tids, k);
                    if (tid > 0 && listed.get(tid)) at.computeIfAbsent(tid, x -> new String[n])[i] = c.path();
                }
            }
        at.values().removeIf(paths -> {
            for (int i = 0; i < n; i++) if (paths[i] == null && !walked.get(i).isEmpty()) return true;
            return false;
        });
        return at;
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
    public static List<CgroupTree> withProcesses(
            List<Hierarchy> hierarchies,
            List<Map<String, Cgroup>> walked,
            Collection<Integer> processes,
            Map<Integer, Readout<List<CgroupLine>>> lines,
            TreeOf treeOf,
            IntUnaryOperator tgidOf) {
        return withProcesses(hierarchies, walked, processes, Map.of(), lines, treeOf, tgidOf);
    }

    /**
     * As above, each process placed by {@link #placed} where it was, by its
     * line where not.
     */
    public static List<CgroupTree> withProcesses(
            List<Hierarchy> hierarchies,
            List<Map<String, Cgroup>> walked,
            Collection<Integer> processes,
            Map<Integer, String[]> placed,
            Map<Integer, Readout<List<CgroupLine>>> lines,
            TreeOf treeOf,
            IntUnaryOperator tgidOf) {
        // one pass over every process, in PID order, so each cgroup's list comes out sorted
        List<Map<String, List<Integer>>> procs = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) procs.add(new HashMap<>());
        for (int pid : processes) {
            String[] at = placed.get(pid);
            if (at != null) {
                for (int i = 0; i < at.length; i++)
                    if (at[i] != null)
                        procs.get(i)
                                .computeIfAbsent(at[i], k -> new ArrayList<>())
                                .add(pid);
                continue;
            }
            Readout<List<CgroupLine>> r = lines.get(pid);
            if (r == null || !r.known()) continue;
            for (CgroupLine l : r.get()) {
                int t = treeOf.of(l);
                if (t >= 0)
                    procs.get(t)
                            .computeIfAbsent(l.path(), k -> new ArrayList<>())
                            .add(pid);
            }
        }
        List<CgroupTree> out = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            Map<String, Cgroup> cgroups = new HashMap<>();
            for (Cgroup c : walked.get(i).values()) {
                Readout<List<Integer>> members = members(c, procs.get(i).get(c.path()), tgidOf);
                cgroups.put(
                        c.path(),
                        members.equals(c.procs())
                                ? c
                                : new Cgroup(c.path(), c.id(), c.children(), members, c.threads(), c.files()));
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
    private static Readout<List<Integer>> members(Cgroup c, List<Integer> byLine, IntUnaryOperator tgidOf) {
        if (!c.procs().known()) return c.procs();
        if (CgroupFigures.type(c).filter(t -> t.equals("threaded")).isPresent())
            return Readout.unknown(
                    Unknown.Reason.NOT_PROVIDED,
                    "a threaded cgroup has no processes of its own (cgroup.procs: EOPNOTSUPP)");
        List<Integer> base = byLine == null ? List.of() : byLine; // sorted: lines are grouped in PID order
        java.util.TreeSet<Integer> extra = null;
        if (c.threads().known()) {
            int[] sorted = Pids.ints(base);
            int last = -1; // a process's threads mostly come one after another: one search for them all
            List<Integer> tids = c.threads().get();
            for (int k = 0; k < tids.size(); k++) {
                int tgid = tgidOf.applyAsInt(Pids.id(tids, k));
                if (tgid == last) continue;
                last = tgid;
                if (tgid > 0 && java.util.Arrays.binarySearch(sorted, tgid) < 0) {
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

    /** A cgroup file of /proc, read again each scan (kept open); null when its task exited before the read. */
    private Readout<List<CgroupLine>> lines(Path f) {
        try {
            return parsed(f, host.files().readAgain(f), null);
        } catch (IOException e) {
            return parsed(f, null, e);
        }
    }

    /** A cgroup file's lines, or why they are unknown; null when its task exited before the read. */
    private Readout<List<CgroupLine>> parsed(Path f, byte[] bytes, IOException error) {
        if (error != null) {
            Readout<List<CgroupLine>> r = Failures.readout(f, error);
            return r.why().reason() == Unknown.Reason.EXITING ? null : r;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Readout<List<CgroupLine>> known = byText.get(text);
        if (known != null) return known;
        try {
            Readout<List<CgroupLine>> r = Readout.of(List.copyOf(CgroupText.procLines(text)));
            byText.putIfAbsent(text, r);
            return r;
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, f + ": " + m.getMessage());
        }
    }
}
