package nscope.probes.lens;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.lens.TaskLens.CgroupPlace;
import nscope.probes.lens.TaskLens.Group;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.lens.TaskLens.Subject;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.parse.PidName;
import nscope.probes.parse.StatusFields;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader;

/**
 * Reads the lens on one task ({@link TaskLens}), now, through a host's files: the task, its thread
 * group, the processes that are PID 1 of its pid namespaces, its parent and children, its user
 * namespaces' maps, and (live) each pid namespace's ns_last_pid through a short-lived child. A task
 * that is gone, or a file that cannot be read, is a result with the reason; nothing here throws for
 * what the host does.
 */
public final class LensReader {
    private final Host host;
    private final boolean live;
    private final java.time.Clock clock;

    public LensReader(Host host) {
        this(host, java.time.Clock.systemUTC());
    }

    /** @param clock the time the lens says it read the task at (fixed for screenshots) */
    public LensReader(Host host, java.time.Clock clock) {
        this.host = host;
        this.live = host.label().equals("live");
        this.clock = clock;
    }

    /** The lens on task TID (a process's PID or a thread's TID), or why there is none. */
    public Readout<TaskLens> read(int tid) {
        Reads reads = new Reads(host);
        Readout<Integer> tgid = reads.tgidOf(tid);
        if (!tgid.known()) return Readout.unknown(tgid.why());
        Readout<Reads.Seen> seen = reads.task(tgid.get(), tid);
        if (!seen.known()) return Readout.unknown(seen.why());
        Reads.Seen task = seen.get();
        Census census = new Census(reads, task.tgid());
        Map<NsId, Readout<NsRelations>> relations = relations(task);
        List<Integer> tids = threads(reads, task);
        Readout<List<Level>> levels = levels(reads, census, task, relations);
        Readout<Integer> reaper =
                levels.known() ? levels.get().get(levels.get().size() - 1).init() : Readout.unknown(levels.why());
        Subject subject = new Subject(
                task.tid(),
                task.tgid(),
                task.stat().comm(),
                task.stat().state(),
                task.stat().startTime(),
                task.dir().toString());
        return Readout.of(new TaskLens(
                subject,
                clock.instant(),
                live,
                live ? "live" : host.label(),
                levels,
                group(reads, task, tids),
                cgroups(reads, task),
                Kin.family(reads, census, task, reaper, tids),
                Kin.forChildren(reads, task, NsLink.PID_FOR_CHILDREN),
                Kin.forChildren(reads, task, NsLink.TIME_FOR_CHILDREN),
                Users.chain(reads, census, task, relations),
                Users.caps(task)));
    }

    /** Parents and owners of the task's pid and user namespaces, up to nscope's (NS_GET_PARENT, NS_GET_USERNS). */
    private Map<NsId, Readout<NsRelations>> relations(Reads.Seen task) {
        Map<NsId, RelationReader.Start> starts = new TreeMap<>();
        for (NsLink l : List.of(NsLink.PID, NsLink.USER)) {
            Readout<NsId> id = task.link(l);
            Path via = task.dir().resolve("ns").resolve(l.fileName());
            if (id.known()) starts.put(id.get(), new RelationReader.Start(l.kind(), List.of(via)));
        }
        if (starts.isEmpty()) return Map.of();
        try {
            return host.files().relations().walk(starts).relations();
        } catch (RuntimeException e) { // a reader that could not answer: every relation unknown, said below
            return Map.of();
        }
    }

    /** The struct pid's levels, host first, with each namespace's PID 1 and (live) ns_last_pid. */
    private Readout<List<Level>> levels(
            Reads reads, Census census, Reads.Seen task, Map<NsId, Readout<NsRelations>> relations) {
        if (!task.status().known()) return Readout.unknown(task.status().why());
        StatusFields s = task.status().get();
        List<List<Integer>> ns = java.util.Arrays.asList(s.nsPid(), s.nsTgid(), s.nsPgid(), s.nsSid());
        for (List<Integer> l : ns) {
            if (l == null)
                return Readout.unknown(
                        Reason.NOT_PROVIDED,
                        task.dir().resolve("status") + " lacks NSpid, NStgid, NSpgid or NSsid (Linux 4.1+)");
        }
        int n = s.nsPid().size();
        for (List<Integer> l : ns)
            if (l.size() != n)
                return Readout.unknown(
                        Reason.MALFORMED, task.dir().resolve("status") + ": NS* lines of unequal length");
        List<Readout<NsId>> chain = chain(task.link(NsLink.PID), relations, n);
        List<LastPids.Reading> last =
                LastPids.read(reads, task.dir().resolve("ns").resolve(NsLink.PID.fileName()), chain, live, clock);
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Readout<NsId> id = chain.get(i);
            Readout<NsId> owner = !id.known() ? Readout.unknown(id.why()) : owner(relations.get(id.get()));
            Readout<Integer> init = id.known() ? census.init(id.get(), i) : Readout.unknown(id.why());
            LastPids.Reading r = last.get(i);
            out.add(new Level(
                    i,
                    id,
                    owner,
                    ns.get(0).get(i),
                    ns.get(1).get(i),
                    ns.get(2).get(i),
                    ns.get(3).get(i),
                    init,
                    r.value(),
                    r.gap(),
                    r.at()));
        }
        return Readout.of(out);
    }

    private static Readout<NsId> owner(Readout<NsRelations> r) {
        if (r == null) return Readout.unknown(Reason.IO_ERROR, "the relation walk did not reach it");
        if (!r.known()) return Readout.unknown(r.why());
        return r.get().owner() != null
                ? Readout.of(r.get().owner())
                : Readout.unknown(Reason.NOT_PROVIDED, "its owner is outside nscope's view");
    }

    /** The n pid namespaces from nscope's down to the task's own, through the parents the walk found. */
    private static List<Readout<NsId>> chain(Readout<NsId> own, Map<NsId, Readout<NsRelations>> rel, int n) {
        List<Readout<NsId>> up = new ArrayList<>();
        Readout<NsId> at = own;
        for (int i = 0; i < n; i++) {
            up.add(at);
            if (!at.known()) continue; // every level above an unknown one is unknown for the same reason
            Readout<NsRelations> r = rel.get(at.get());
            if (r == null)
                at = Readout.unknown(Reason.IO_ERROR, "the relation walk did not reach pid:[" + at.get() + "]");
            else if (!r.known()) at = Readout.unknown(r.why());
            else if (r.get().parent() == null)
                at = Readout.unknown(Reason.NOT_PROVIDED, "NS_GET_PARENT names no parent of pid:[" + at.get() + "]");
            else at = Readout.of(r.get().parent());
        }
        Collections.reverse(up);
        return up;
    }

    /** The TIDs of the task's thread group, the leader first (the task alone if the list cannot be read). */
    private static List<Integer> threads(Reads reads, Reads.Seen task) {
        Path dir = reads.proc().resolve(Integer.toString(task.tgid())).resolve("task");
        List<Integer> tids = new ArrayList<>();
        try {
            for (String n : reads.host().files().list(dir)) {
                int tid = PidName.parse(n);
                if (tid > 0) tids.add(tid);
            }
        } catch (IOException e) {
            return List.of(task.tid());
        }
        if (!tids.contains(task.tid())) tids.add(task.tid());
        tids.sort((a, b) -> a == task.tgid() ? -1 : b == task.tgid() ? 1 : Integer.compare(a, b));
        return tids;
    }

    /** Every thread, each against its leader: its namespace links and its cgroups. */
    private static Group group(Reads reads, Reads.Seen task, List<Integer> tids) {
        Readout<Reads.Seen> leader =
                task.tid() == task.tgid() ? Readout.of(task) : reads.task(task.tgid(), task.tgid());
        Readout<List<CgroupLine>> leaderCg =
                leader.known() ? cgroupLines(reads, leader.get()) : Readout.unknown(leader.why());
        List<Member> out = new ArrayList<>();
        for (int tid : tids) {
            Readout<Reads.Seen> t = tid == task.tid() ? Readout.of(task) : reads.task(task.tgid(), tid);
            if (!t.known()) continue; // ended meanwhile
            Reads.Seen s = t.get();
            Readout<Set<NsLink>> ns =
                    leader.known() ? Readout.of(differs(s, leader.get())) : Readout.unknown(leader.why());
            Readout<List<CgroupLine>> cg = tid == task.tgid() ? leaderCg : cgroupLines(reads, s);
            out.add(new Member(tid, s.stat().comm(), s.stat().state(), s.nsPid(), ns, cgDiffers(cg, leaderCg)));
        }
        return new Group(task.tgid(), Readout.of(out));
    }

    /** The links a thread has elsewhere than its leader (both read). */
    private static Set<NsLink> differs(Reads.Seen t, Reads.Seen leader) {
        Set<NsLink> out = EnumSet.noneOf(NsLink.class);
        for (NsLink l : NsLink.values())
            if (t.link(l).known()
                    && leader.link(l).known()
                    && !t.link(l).get().equals(leader.link(l).get())) out.add(l);
        return out;
    }

    /** The hierarchies ("ID:CONTROLLERS") in which a thread's cgroup is not its leader's. */
    private static Readout<List<String>> cgDiffers(Readout<List<CgroupLine>> t, Readout<List<CgroupLine>> leader) {
        if (!t.known()) return Readout.unknown(t.why());
        if (!leader.known()) return Readout.unknown(leader.why());
        List<String> out = new ArrayList<>();
        for (CgroupLine l : t.get()) {
            String lp = pathIn(leader.get(), l);
            if (lp != null && !lp.equals(l.path())) out.add(l.id() + ":" + l.controllers());
        }
        return Readout.of(out);
    }

    private static String pathIn(List<CgroupLine> lines, CgroupLine like) {
        for (CgroupLine l : lines)
            if (l.id() == like.id() && l.controllers().equals(like.controllers())) return l.path();
        return null;
    }

    /** The task's cgroup in every hierarchy, and its leader's beside where it is a thread. */
    private static Readout<List<CgroupPlace>> cgroups(Reads reads, Reads.Seen task) {
        Readout<List<CgroupLine>> mine = cgroupLines(reads, task);
        if (!mine.known()) return Readout.unknown(mine.why());
        Readout<List<CgroupLine>> leader = null;
        if (task.tid() != task.tgid()) {
            Readout<Reads.Seen> l = reads.task(task.tgid(), task.tgid());
            leader = l.known() ? cgroupLines(reads, l.get()) : Readout.unknown(l.why());
        }
        List<CgroupPlace> out = new ArrayList<>();
        for (CgroupLine c : mine.get()) {
            Readout<String> lp = null;
            if (leader != null) {
                String p = leader.known() ? pathIn(leader.get(), c) : null;
                lp = !leader.known()
                        ? Readout.unknown(leader.why())
                        : p == null
                                ? Readout.unknown(Reason.NOT_PROVIDED, "the leader has no line for it")
                                : Readout.of(p);
            }
            out.add(new CgroupPlace(
                    c.id(), c.id() == 0 && c.controllers().isEmpty() ? "v2" : c.controllers(), c.path(), lp));
        }
        return Readout.of(out);
    }

    /**
     * A task's own cgroup file; for a leader in a recording, /proc/TGID/cgroup (the same task's file, which
     * a capture records).
     */
    private static Readout<List<CgroupLine>> cgroupLines(Reads reads, Reads.Seen t) {
        Readout<List<CgroupLine>> r = reads.cgroups(t.dir());
        if (r.known() || t.tid() != t.tgid() || !r.why().detail().startsWith(Reads.RECORDING)) return r;
        return reads.cgroups(reads.proc().resolve(Integer.toString(t.tgid())));
    }
}
