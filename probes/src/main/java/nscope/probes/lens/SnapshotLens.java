package nscope.probes.lens;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.lens.TaskLens.CgroupPlace;
import nscope.probes.lens.TaskLens.Family;
import nscope.probes.lens.TaskLens.ForChildren;
import nscope.probes.lens.TaskLens.Gap;
import nscope.probes.lens.TaskLens.Group;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.lens.TaskLens.Relative;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;

/**
 * The lens made from a snapshot alone (a moment of a recording, nscope replay): what a scan records on
 * a task, its NSpid/NStgid/NSpgid/NSsid levels with the pid namespaces' parents, its threads, its
 * cgroup lines, its parent and children, its *_for_children links; what only the task's files hold
 * (ns_last_pid, the user namespaces' maps as the task sees them, capabilities) is said to be
 * {@link TaskLens#RECORDING}. A task not in the snapshot is unknown, with the reason.
 */
public final class SnapshotLens {
    private SnapshotLens() {}

    static final String NOT_RECORDED = TaskLens.RECORDING + ": a recording holds what a scan reads, not ";

    /** The lens on task TID as the snapshot holds it; {@code source} names the recording and moment. */
    public static Readout<TaskLens> of(Snapshot s, int tid, String source) {
        Task t = s.task(tid).orElse(null);
        if (t == null)
            return Readout.unknown(Reason.EXITING, "task " + tid + " is not in the recording at this moment");
        TaskLens.Subject subject = new TaskLens.Subject(
                t.tid(), t.tgid(), t.comm(), t.state(), t.startTime(), "/proc/" + t.tgid() + "/task/" + t.tid());
        Readout<List<Level>> levels = levels(s, t);
        Readout<Integer> reaper =
                levels.known() ? levels.get().get(levels.get().size() - 1).init() : Readout.unknown(levels.why());
        return Readout.of(new TaskLens(
                subject,
                s.takenAt(),
                false,
                source,
                levels,
                group(s, t),
                cgroups(s, t),
                family(s, t, reaper),
                forChildren(s, t, NsLink.PID_FOR_CHILDREN),
                forChildren(s, t, NsLink.TIME_FOR_CHILDREN),
                Readout.unknown(Reason.NOT_PROVIDED, NOT_RECORDED + "the user namespaces' maps as the task sees them"),
                Readout.unknown(Reason.NOT_PROVIDED, NOT_RECORDED + "the task's capabilities (its status file)")));
    }

    private static Readout<List<Level>> levels(Snapshot s, Task t) {
        if (!t.nsPid().known()) return Readout.unknown(t.nsPid().why());
        List<Integer> pid = t.nsPid().get();
        int n = pid.size();
        List<Readout<NsId>> chain = new ArrayList<>();
        Readout<NsId> own = t.ns(NsLink.PID);
        chain.add(own);
        // up the parents from the task's own pid namespace, then reversed: the host's first
        while (chain.size() < n) {
            Readout<NsId> at = chain.get(chain.size() - 1);
            NsRelations r = at.known()
                    ? s.relations(at.get())
                            .filter(Readout::known)
                            .map(Readout::get)
                            .orElse(null)
                    : null;
            chain.add(
                    r != null && r.parent() != null
                            ? Readout.of(r.parent())
                            : Readout.unknown(
                                    Reason.NOT_PROVIDED, "the recording holds no parent of this pid namespace"));
        }
        java.util.Collections.reverse(chain);
        Gap noLast = new Gap(TaskLens.RECORDING, "ns_last_pid is read live, through a child placed in the namespace");
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Readout<NsId> id = chain.get(i);
            NsRelations r = id.known()
                    ? s.relations(id.get())
                            .filter(Readout::known)
                            .map(Readout::get)
                            .orElse(null)
                    : null;
            Readout<NsId> owner = r != null && r.owner() != null
                    ? Readout.of(r.owner())
                    : Readout.unknown(Reason.NOT_PROVIDED, "the recording holds no owner of this pid namespace");
            out.add(new Level(
                    i,
                    id,
                    owner,
                    pid.get(i),
                    at(t.nsTgid(), i),
                    at(t.nsPgid(), i),
                    at(t.nsSid(), i),
                    init(s, id, i),
                    null,
                    noLast,
                    s.takenAt()));
        }
        return Readout.of(out);
    }

    private static int at(Readout<List<Integer>> l, int i) {
        return l.known() && i < l.get().size() ? l.get().get(i) : 0;
    }

    /** The host PID of the process that is PID 1 at level i of a pid namespace, as the recording holds it. */
    private static Readout<Integer> init(Snapshot s, Readout<NsId> ns, int level) {
        // level 0 is the pid namespace nscope's /proc shows: its PID 1 is PID 1 (whose links may have been refused)
        if (level == 0 && s.task(1).isPresent()) return Readout.of(1);
        if (!ns.known()) return Readout.unknown(ns.why());
        for (Task x : s.tasks().values())
            if (x.tid() == x.tgid()
                    && x.nsPid().known()
                    && x.nsPid().get().size() > level
                    && x.nsPid().get().get(level) == 1
                    && x.ns(NsLink.PID).known()
                    && x.nsPid().get().size() == level + 1
                    && x.ns(NsLink.PID).get().equals(ns.get())) return Readout.of(x.tid());
        return Readout.unknown(Reason.NOT_PROVIDED, "no process of the recording is PID 1 of " + ns.get());
    }

    private static Group group(Snapshot s, Task t) {
        Task leader = s.task(t.tgid()).orElse(t);
        List<Member> out = new ArrayList<>();
        for (int tid : s.threadGroups().getOrDefault(t.tgid(), List.of(t.tid()))) {
            Task m = s.task(tid).orElse(null);
            if (m == null) continue;
            Set<NsLink> differs = EnumSet.noneOf(NsLink.class);
            for (NsLink l : NsLink.values()) if (!m.ns(l).equals(leader.ns(l))) differs.add(l);
            out.add(new Member(
                    m.tid(),
                    m.comm(),
                    m.state(),
                    m.nsPid(),
                    Readout.of(differs),
                    Readout.unknown(Reason.NOT_PROVIDED, NOT_RECORDED + "each thread's own cgroup file")));
        }
        return new Group(t.tgid(), Readout.of(out));
    }

    private static Readout<List<CgroupPlace>> cgroups(Snapshot s, Task t) {
        var lines = s.cgroups().lines(t.tgid());
        if (lines.isEmpty())
            return Readout.unknown(Reason.NOT_PROVIDED, "the recording holds no cgroup lines of process " + t.tgid());
        if (!lines.get().known()) return Readout.unknown(lines.get().why());
        List<CgroupPlace> out = new ArrayList<>();
        for (CgroupLine c : lines.get().get())
            out.add(new CgroupPlace(
                    c.id(), c.id() == 0 && c.controllers().isEmpty() ? "v2" : c.controllers(), c.path(), null));
        return Readout.of(out);
    }

    private static Family family(Snapshot s, Task t, Readout<Integer> reaper) {
        Readout<Relative> parent = t.ppid() <= 0
                ? Readout.unknown(Reason.NOT_PROVIDED, "its parent is 0: the first process, or a kernel thread's")
                : s.task(t.ppid())
                        .map(p -> Readout.of(relative(p)))
                        .orElse(Readout.unknown(Reason.EXITING, "its parent " + t.ppid() + " is not in the recording"));
        Readout<Integer> inNs = !parent.known()
                        || !t.nsPid().known()
                        || parent.get().nsPid().size() < t.nsPid().get().size()
                ? Readout.of(0)
                : Readout.of(parent.get().nsPid().get(t.nsPid().get().size() - 1));
        boolean init =
                t.nsTgid().known() && t.nsTgid().get().get(t.nsTgid().get().size() - 1) == 1;
        Readout<Relative> reaperRel = !reaper.known()
                ? Readout.unknown(reaper.why())
                : s.task(reaper.get())
                        .map(p -> Readout.of(relative(p)))
                        .orElse(Readout.unknown(Reason.EXITING, "PID " + reaper.get() + " is not in the recording"));
        List<Relative> kids = new ArrayList<>();
        for (Task x : s.tasks().values())
            if (x.tid() == x.tgid() && x.ppid() == t.tgid() && kids.size() < Kin.MAX_CHILDREN) kids.add(relative(x));
        return new Family(parent, inNs, reaperRel, init, Readout.of(kids));
    }

    private static Relative relative(Task p) {
        return new Relative(p.tid(), p.comm(), p.nsPid().known() ? p.nsPid().get() : List.of());
    }

    private static ForChildren forChildren(Snapshot s, Task t, NsLink link) {
        NsLink ownLink = link == NsLink.PID_FOR_CHILDREN ? NsLink.PID : NsLink.TIME;
        Readout<NsId> own = t.ns(ownLink), next = t.ns(link);
        Readout<NsFacts.Time> offsets = null;
        if (link == NsLink.TIME_FOR_CHILDREN && next.known())
            offsets = s.facts(next.get())
                    .filter(Readout::known)
                    .map(Readout::get)
                    .filter(f -> f instanceof NsFacts.Time)
                    .map(f -> Readout.of((NsFacts.Time) f))
                    .orElse(Readout.unknown(Reason.NOT_PROVIDED, "the recording holds no offsets of " + next.get()));
        return new ForChildren(
                link, own, next.known() ? next.get() : null, next.known() ? null : Gap.of(next.why()), offsets);
    }
}
