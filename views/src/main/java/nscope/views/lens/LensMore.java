package nscope.views.lens;

import java.util.List;
import java.util.stream.Collectors;
import nscope.probes.lens.TaskLens;
import nscope.probes.lens.TaskLens.CapSet;
import nscope.probes.lens.TaskLens.Family;
import nscope.probes.lens.TaskLens.ForChildren;
import nscope.probes.lens.TaskLens.Relative;
import nscope.probes.lens.TaskLens.UserLevel;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.parse.CapText;
import nscope.probes.readout.Readout;

/** The lens's second half as text: family, next fork, user namespaces, capabilities ({@link LensText}). */
final class LensMore {
    private LensMore() {}

    static void family(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        out.add(Line.heading("family: who it hangs from, and who takes its children"));
        Family f = l.family();
        String own = ownNs(l);
        if (f.parent().known()) {
            Relative p = f.parent().get();
            String there = !f.parentInNs().known()
                    ? "its PID in the task's namespace is " + LensText.unknown(f.parentInNs())
                    : f.parentInNs().get() == 0
                            ? "outside the task's pid namespace: getppid() returns 0 there"
                            : "PID " + f.parentInNs().get()
                                    + " in the task's pid namespace, what getppid() returns there";
            out.add(Line.row("  parent    " + who(p) + "; " + there, 12));
        } else out.add(Line.row("  parent    " + LensText.unknown(f.parent()), 12));
        String reaper = f.reaper().known() ? who(f.reaper().get()) : LensText.unknown(f.reaper());
        if (f.init())
            out.add(Line.row(
                    "  reaper    " + (l.subject().thread() ? "its process" : "itself") + ": it is PID 1 of " + own
                            + ", which adopts the namespace's orphans",
                    12));
        else
            out.add(Line.row(
                    "  reaper    " + reaper + ": PID 1 of " + own + ", which adopts its orphans; a child"
                            + " subreaper among its ancestors (prctl PR_SET_CHILD_SUBREAPER) would come first, and the"
                            + " kernel shows no process as a subreaper",
                    12));
        if (f.children().known()) {
            List<Relative> c = f.children().get();
            String list = c.isEmpty()
                    ? "none"
                    : c.size() + ": " + c.stream().limit(12).map(LensMore::who).collect(Collectors.joining(", "))
                            + (c.size() > 12 ? ", ..." : "");
            out.add(Line.row("  children  " + list, 12));
        } else out.add(Line.row("  children  " + LensText.unknown(f.children()), 12));
        out.add(Line.row("  on exit   " + onExit(l, f, reaper), 12));
        out.add(Line.note("  parent: stat field 4 (ppid) and the parent's NSpid; children: every thread's" + " /proc/"
                + l.subject().tgid() + "/task/*/children; PID 1: as in struct pid above"));
    }

    private static String onExit(TaskLens l, Family f, String reaper) {
        String zap = "the kernel kills (SIGKILL) every other process of " + ownNs(l) + " and of the pid namespaces"
                + " below it, and no new process can be made there; its own parent reaps it";
        if (f.init() && l.subject().thread())
            return "if this thread exits alone, nothing happens to the namespace; when its process (PID 1 there) has"
                    + " exited, " + zap;
        if (f.init()) return "it is PID 1 of " + ownNs(l) + ": when it exits, " + zap;
        String group = "its children go to the nearest child subreaper among its ancestors in its pid namespace,"
                + " else to its reaper, " + reaper;
        if (l.subject().thread())
            return "if this thread exits alone, the children it forked pass to another live thread of its process;"
                    + " when the whole process has exited, " + group;
        return group;
    }

    private static String who(Relative r) {
        String levels = r.nsPid().size() > 1
                ? " (" + r.nsPid().stream().map(String::valueOf).collect(Collectors.joining("/")) + ")"
                : "";
        return r.pid() + (r.comm().isEmpty() ? "" : " \"" + r.comm() + "\"") + levels;
    }

    private static String ownNs(TaskLens l) {
        if (!l.levels().known()) return "its pid namespace";
        Readout<NsId> id = l.levels().get().get(l.levels().get().size() - 1).ns();
        return id.known() ? LensText.ns("pid", id.get()) : "its pid namespace";
    }

    static void nextFork(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        out.add(Line.heading("next fork: the namespaces its next child is made in"));
        out.add(Line.row("  pid_for_children   " + forChildren(l.pidForChildren(), "pid"), 21));
        out.add(Line.row("  time_for_children  " + forChildren(l.timeForChildren(), "time"), 21));
        out.add(Line.note("  from " + l.subject().kernelDir() + "/ns/pid_for_children and time_for_children, set by"
                + " unshare(CLONE_NEWPID or CLONE_NEWTIME) or setns: the task itself stays where it is"));
    }

    private static String forChildren(ForChildren c, String kind) {
        if (c.noInitYet()) return "none yet: " + c.gap().detail();
        if (c.next() == null) return LensText.gap(c.gap());
        String next = LensText.ns(kind, c.next());
        if (!c.own().known()) return next + " (its own is " + LensText.unknown(c.own()) + ")";
        if (!c.differs()) return next + ", its own: its children are made where it is";
        String s = next + ", not its own " + LensText.ns(kind, c.own().get()) + ": its next child will be there";
        if (kind.equals("pid")) return s + ", with a PID of that namespace (and one in each above it)";
        if (c.offsets() == null) return s;
        if (!c.offsets().known()) return s + "; offsets " + LensText.unknown(c.offsets());
        NsFacts.Time t = c.offsets().get();
        return s + ", its clocks offset by monotonic " + t.monotonicSec() + "."
                + String.format("%09d", t.monotonicNsec())
                + " s, boottime " + t.boottimeSec() + "." + String.format("%09d", t.boottimeNsec())
                + " s (timens_offsets)";
    }

    static void users(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        out.add(Line.heading("user namespaces, the host's first: its UID and GID as each numbers them"));
        if (!l.users().known()) {
            out.add(Line.row("  " + LensText.unknown(l.users()), 4));
            return;
        }
        for (UserLevel u : l.users().get()) {
            String owner = u.ownerUid().known() ? "made by UID " + u.ownerUid().get() : "";
            out.add(Line.row(String.format(
                    "  level %d  %s  uid %s  gid %s  %s",
                    u.level(),
                    u.ns().known() ? LensText.ns("user", u.ns().get()) : "?",
                    id(u.uid()),
                    id(u.gid()),
                    owner)));
            out.add(Line.row("           uid_map " + map(u.uidMap()) + "   gid_map " + map(u.gidMap()), 19));
            if (!u.uid().known()) out.add(Line.row("           uid " + LensText.unknown(u.uid()), 15));
        }
        out.add(Line.note("  maps: INSIDE OUTSIDE COUNT from a member's uid_map and gid_map, OUTSIDE in nscope's ids;"
                + " uid, gid: the real Uid and Gid of its status mapped through them; made by: NS_GET_OWNER_UID"));
    }

    private static String id(Readout<Long> r) {
        return r.known() ? Long.toString(r.get()) : "?";
    }

    private static String map(Readout<List<NsFacts.IdRange>> r) {
        if (!r.known()) return "?";
        if (r.get().isEmpty()) return "(none written)";
        return r.get().stream()
                .map(x -> x.inside() + " " + x.outside() + " " + x.count())
                .collect(Collectors.joining(", "));
    }

    /** A set's names; a set that lacks only a few names those first. */
    private static String names(CapSet c) {
        if (c.names().isEmpty()) return "none";
        List<String> missing =
                CapText.NAMES.stream().filter(n -> !c.names().contains(n)).toList();
        String all = String.join(" ", c.names());
        if (missing.size() > CapText.NAMES.size() / 4) return c.names().size() + ": " + all;
        if (missing.isEmpty()) return "all " + c.names().size() + " (" + all + ")";
        return c.names().size() + ", all but " + String.join(" ", missing) + " (" + all + ")";
    }

    static void caps(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        out.add(Line.heading(
                "capabilities, decoded from the Cap lines of " + l.subject().kernelDir() + "/status"));
        if (!l.caps().known()) {
            out.add(Line.row("  " + LensText.unknown(l.caps()), 4));
            return;
        }
        java.util.Map<Long, String> seen = new java.util.HashMap<>();
        for (CapSet c : l.caps().get()) {
            String same = seen.putIfAbsent(c.mask(), c.name());
            String names = same != null && !c.names().isEmpty() ? "the same as " + same : names(c);
            out.add(Line.row(String.format("  %-6s %016x  %s", c.name(), c.mask(), names), 26));
        }
        out.add(Line.note("  CapEff: what the kernel checks now; CapPrm: what it may make effective; CapBnd: the"
                + " most it can ever gain by exec; CapAmb: kept across exec of an ordinary program; CapInh: passed"
                + " to a program whose file grants them. They hold in its own user namespace and those below it"));
    }
}
