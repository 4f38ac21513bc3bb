package nscope.probes.lens;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nscope.kernel.Errno;
import nscope.probes.lens.TaskLens.Family;
import nscope.probes.lens.TaskLens.ForChildren;
import nscope.probes.lens.TaskLens.Gap;
import nscope.probes.lens.TaskLens.Relative;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.parse.FactsText;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.FixtureFiles;

/**
 * A task's family (its parent, its reaper, its children) and where its next child goes
 * (pid_for_children, time_for_children).
 */
final class Kin {
    /** Children beyond this many are counted, not read. */
    static final int MAX_CHILDREN = 64;

    private Kin() {}

    /**
     * @param reaperPid the host PID of PID 1 of the task's pid namespace, or why unknown
     * @param threads   the TIDs of the task's group (every thread's children are the process's)
     */
    static Family family(
            Reads reads, Census census, Reads.Seen task, Readout<Integer> reaperPid, List<Integer> threads) {
        Readout<List<Integer>> nsTgid =
                task.status().known() && task.status().get().nsTgid() != null
                        ? Readout.of(task.status().get().nsTgid())
                        : Readout.unknown(Reason.NOT_PROVIDED, task.dir().resolve("status") + ": no NStgid");
        boolean init = nsTgid.known() && nsTgid.get().get(nsTgid.get().size() - 1) == 1;
        int ppid = task.stat().ppid();
        Readout<Relative> parent;
        Readout<Integer> inNs;
        if (ppid <= 0) {
            parent = Readout.unknown(
                    Reason.NOT_PROVIDED,
                    "its parent is 0: it is the first process nscope's /proc shows, or a kernel thread's");
            inNs = Readout.of(0);
        } else {
            Census.Proc p = census.proc(ppid);
            parent = p == null
                    ? Readout.unknown(Reason.EXITING, "its parent " + ppid + " could not be read (it is exiting)")
                    : Readout.of(new Relative(
                            ppid, p.comm(), p.nsPid().known() ? p.nsPid().get() : List.of()));
            inNs = p == null ? Readout.unknown(parent.why()) : parentInNs(task, p);
        }
        Readout<Relative> reaper =
                reaperPid.known() ? relative(census, reaperPid.get()) : Readout.unknown(reaperPid.why());
        return new Family(parent, inNs, reaper, init, children(reads, census, task.tgid(), threads));
    }

    /** What getppid() returns in the task's pid namespace: the parent's PID there, or 0 when it is outside. */
    private static Readout<Integer> parentInNs(Reads.Seen task, Census.Proc parent) {
        Readout<List<Integer>> mine = task.nsPid();
        Readout<NsId> myNs = task.link(NsLink.PID);
        if (!mine.known()) return Readout.unknown(mine.why());
        if (!parent.nsPid().known()) return Readout.unknown(parent.nsPid().why());
        if (!myNs.known()) return Readout.unknown(myNs.why());
        if (!parent.pidNs().known()) return Readout.unknown(parent.pidNs().why());
        List<Integer> theirs = parent.nsPid().get();
        boolean same = parent.pidNs().get().ino() == myNs.get().ino();
        return Readout.of(same ? theirs.get(theirs.size() - 1) : 0);
    }

    private static Readout<Relative> relative(Census census, int pid) {
        Census.Proc p = census.proc(pid);
        if (p == null) return Readout.unknown(Reason.EXITING, "process " + pid + " could not be read (it is exiting)");
        return Readout.of(
                new Relative(pid, p.comm(), p.nsPid().known() ? p.nsPid().get() : List.of()));
    }

    /** Every thread's children (task/TID/children), as host PIDs with their names and numbers. */
    private static Readout<List<Relative>> children(Reads reads, Census census, int tgid, List<Integer> threads) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (int tid : threads) {
            Path f = reads.taskDir(tgid, tid).resolve("children");
            Readout<String> t = reads.text(f);
            if (!t.known()) {
                if (t.why().reason() == Reason.EXITING) continue; // that thread ended meanwhile
                return Readout.unknown(t.why());
            }
            for (String n : t.get().trim().split("\\s+")) {
                int pid = PidName.parse(n);
                if (pid > 0) pids.add(pid);
            }
        }
        List<Relative> out = new ArrayList<>();
        for (int pid : pids) {
            if (out.size() >= MAX_CHILDREN) {
                out.add(new Relative(pid, "", List.of()));
                continue;
            }
            Census.Proc p = census.proc(pid);
            if (p != null)
                out.add(new Relative(
                        pid, p.comm(), p.nsPid().known() ? p.nsPid().get() : List.of()));
        }
        return Readout.of(out);
    }

    /** The task's *_for_children link beside its own; "no PID 1 yet" where the kernel answers ENOENT for that reason. */
    static ForChildren forChildren(Reads reads, Reads.Seen task, NsLink link) {
        NsLink ownLink = link == NsLink.PID_FOR_CHILDREN ? NsLink.PID : NsLink.TIME;
        Readout<NsId> own = task.link(ownLink), next = task.link(link);
        Readout<NsFacts.Time> offsets = link == NsLink.TIME_FOR_CHILDREN ? offsets(reads, task) : null;
        if (next.known()) return new ForChildren(link, own, next.get(), null, offsets);
        return new ForChildren(link, own, null, gap(reads, task, link, next), offsets);
    }

    /**
     * pid_for_children answers ENOENT both for a task that is exiting (its nsproxy is gone) and for one
     * whose pid namespace made by unshare(CLONE_NEWPID) has no PID 1 yet: the task's other nsproxy links
     * (mnt, net, uts) still answering tells the second.
     */
    private static Gap gap(Reads reads, Reads.Seen task, NsLink link, Readout<NsId> next) {
        if (link != NsLink.PID_FOR_CHILDREN) return Gap.of(next.why());
        Path p = task.dir().resolve("ns").resolve(link.fileName());
        try {
            reads.host().files().readLink(p);
            return Gap.of(next.why()); // it answers now: what failed before stands
        } catch (IOException e) {
            boolean enoent = !(e instanceof FixtureFiles.NotRecorded) && Errno.of(e) == Errno.ENOENT;
            char state = task.stat().state();
            boolean alive = state != 'Z'
                    && state != 'X'
                    && task.link(NsLink.MNT).known()
                    && task.link(NsLink.UTS).known();
            if (enoent && alive)
                return new Gap(
                        ForChildren.NO_INIT_YET,
                        "the kernel answers ENOENT for " + p + ": the pid namespace it made (unshare(CLONE_NEWPID))"
                                + " has no PID 1 yet, so its next child will be PID 1 there");
            return Gap.of(next.why());
        }
    }

    /** timens_offsets: the clocks' offsets of the process's time_for_children (shown per process, by its leader). */
    private static Readout<NsFacts.Time> offsets(Reads reads, Reads.Seen task) {
        if (task.tid() != task.tgid())
            return Readout.unknown(
                    Reason.NOT_PROVIDED, "the kernel shows timens_offsets per process (its leader's), not per thread");
        Path f = reads.proc().resolve(Integer.toString(task.tgid())).resolve("timens_offsets");
        Readout<String> t = reads.text(f);
        if (!t.known()) return Readout.unknown(t.why());
        try {
            return Readout.of(FactsText.timensOffsets(t.get()));
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, f + ": " + m.getMessage());
        }
    }
}
