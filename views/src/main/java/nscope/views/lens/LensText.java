package nscope.views.lens;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import nscope.probes.lens.TaskLens;
import nscope.probes.lens.TaskLens.CgroupPlace;
import nscope.probes.lens.TaskLens.Gap;
import nscope.probes.lens.TaskLens.Level;
import nscope.probes.lens.TaskLens.Member;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;
import nscope.views.text.Escape;

/**
 * The lens as text, for `nscope explain` and the screen's `t`: the task, its struct pid level by level,
 * its thread group and its cgroups here; its family, next fork, user namespaces and capabilities in
 * {@link LensMore}. Under each part, one short line per field says what it means and which kernel file
 * it came from. {@link #lines} holds plain host text; {@link #escaped} and {@link #wrapped} escape it.
 */
public final class LensText {
    private LensText() {}

    /** Every line of the lens, unwrapped. */
    public static List<Line> lines(TaskLens l, ZoneId zone) {
        List<Line> out = new ArrayList<>();
        subject(l, zone, out);
        levels(l, zone, out);
        group(l, out);
        cgroups(l, out);
        LensMore.family(l, out);
        LensMore.nextFork(l, out);
        LensMore.users(l, out);
        LensMore.caps(l, out);
        return out;
    }

    /** Every line with its host text escaped for a terminal (before folding: an escape is wider). */
    public static List<Line> escaped(TaskLens l, ZoneId zone) {
        List<Line> out = new ArrayList<>();
        for (Line x : lines(l, zone)) out.add(new Line(x.kind(), Escape.terminal(x.text()), x.hang()));
        return out;
    }

    /** The lines escaped and folded to a width, for a terminal (80 columns, the screen's least). */
    public static List<String> wrapped(TaskLens l, ZoneId zone, int width) {
        List<String> out = new ArrayList<>();
        for (Line x : escaped(l, zone)) out.addAll(x.wrap(width));
        return out;
    }

    /** The title a box or a page gives the lens. */
    public static String title(TaskLens l) {
        TaskLens.Subject s = l.subject();
        return (s.thread() ? "thread " + s.tid() + " of process " + s.tgid() : "process " + s.tid()) + " (" + s.comm()
                + ")";
    }

    static String time(Instant t, ZoneId zone) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(t);
    }

    /** A value that could not be read, in words. */
    static String unknown(Readout<?> r) {
        Gap g = Gap.of(r.why());
        return g.reason().equals(TaskLens.RECORDING) ? gap(g) : "unknown (" + g.reason() + "): " + g.detail();
    }

    static String gap(Gap g) {
        return g.reason() + ": " + g.detail();
    }

    static String ns(String kind, NsId id) {
        return kind + ":[" + Long.toUnsignedString(id.ino()) + "]";
    }

    /** An inode or "?" for a table cell (the reason follows under the table). */
    static String cell(Readout<NsId> r) {
        return r.known() ? Long.toUnsignedString(r.get().ino()) : "?";
    }

    private static void subject(TaskLens l, ZoneId zone, List<Line> out) {
        TaskLens.Subject s = l.subject();
        out.add(Line.heading("task " + s.tid() + " \"" + s.comm() + "\": "
                + (s.thread() ? "a thread of process " + s.tgid() : "a process (its leader thread: TID = PID = TGID)")
                + ", state " + s.state()));
        out.add(Line.row(String.format(
                "  started %.2f s after boot (stat field 22: %s ticks of 1/100 s; with the TID it names this task)",
                s.startTime() / 100.0, Long.toUnsignedString(s.startTime()))));
        out.add(Line.row("  read " + time(l.readAt(), zone) + " from "
                + (l.live()
                        ? "the live host, when the lens opened"
                        : "the recording " + l.source() + " (what only the live host answers says it is not available)")
                + (l.live() ? "" : "; from " + s.dir())));
    }

    private static void levels(TaskLens l, ZoneId zone, List<Line> out) {
        out.add(Line.blank());
        out.add(Line.heading("struct pid: its number in every pid namespace it is in, the host's first"));
        if (!l.levels().known()) {
            out.add(Line.row("  " + unknown(l.levels())));
            return;
        }
        boolean thread = l.subject().thread();
        out.add(Line.row(String.format(
                "  %3s %-10s %-10s %7s %7s %7s %7s %8s %9s",
                "LVL", "PID-NS", "USER-NS", thread ? "TID" : "PID", "TGID", "PGID", "SID", "PID 1", "LAST PID")));
        List<String> why = new ArrayList<>();
        for (Level v : l.levels().get()) {
            String init = v.init().known() ? Integer.toString(v.init().get()) : "?";
            String last = v.lastPid() != null ? Long.toString(v.lastPid()) : "?";
            out.add(Line.row(String.format(
                    "  %3d %-10s %-10s %7d %7d %7d %7d %8s %9s",
                    v.level(), cell(v.ns()), cell(v.owner()), v.pid(), v.tgid(), v.pgid(), v.sid(), init, last)));
            if (!v.ns().known()) why.add("level " + v.level() + " PID-NS " + unknown(v.ns()));
            if (v.ns().known() && !v.owner().known()) why.add("level " + v.level() + " USER-NS " + unknown(v.owner()));
            if (!v.init().known()) why.add("level " + v.level() + " PID 1 " + unknown(v.init()));
        }
        for (String w : why) out.add(Line.row("  " + w, 4));
        Level last = l.levels().get().get(l.levels().get().size() - 1);
        lastPidWhy(l, zone, out);
        String status = l.subject().kernelDir() + "/status";
        out.add(Line.note("  LVL: 0 is the pid namespace nscope's /proc shows; each next is a child of the one above"));
        out.add(Line.note("  PID-NS: that pid namespace's inode, from ns/pid and NS_GET_PARENT up from it"));
        out.add(Line.note("  USER-NS: the user namespace that owns it (NS_GET_USERNS): its capabilities rule there"));
        out.add(Line.note("  " + (thread ? "TID: this thread's own number there" : "PID: its number there")
                + " (NSpid in " + status + ")"));
        out.add(Line.note("  TGID: its process's PID there, what getpid() returns in it (NStgid)"));
        out.add(Line.note("  PGID, SID: its process group and session there; 0 where their leader is outside"
                + " that namespace (NSpgid, NSsid)"));
        out.add(Line.note("  PID 1: the host PID of that namespace's PID 1, its init and reaper (a process whose"
                + " ns/pid is it and whose NSpid ends in 1)"));
        out.add(Line.note("  LAST PID: ns_last_pid, the last PID the kernel handed out there. The kernel shows each"
                + " reader only its own namespace's, so a short-lived child placed there (nsenter --pid, then cat"
                + " /proc/sys/kernel/ns_last_pid) read it"
                + (last.lastPidReadAt() != null
                        ? " at " + time(last.lastPidReadAt(), zone) + ", when the lens opened"
                        : "")
                + "; that child took a PID there itself, so it is the last PID allocated, the reader's own"
                + " included: the next process there gets a higher free number"));
    }

    private static void lastPidWhy(TaskLens l, ZoneId zone, List<Line> out) {
        List<Level> levels = l.levels().get();
        Gap first = null;
        boolean same = true;
        for (Level v : levels) {
            if (v.lastPidGap() == null) continue;
            if (first == null) first = v.lastPidGap();
            else same &= first.equals(v.lastPidGap());
        }
        if (first == null) return;
        if (same) out.add(Line.row("  LAST PID " + gap(first), 4));
        else
            for (Level v : levels)
                if (v.lastPidGap() != null)
                    out.add(Line.row("  level " + v.level() + " LAST PID " + gap(v.lastPidGap()), 4));
    }

    private static void group(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        TaskLens.Group g = l.group();
        if (!g.threads().known()) {
            out.add(Line.heading("thread group " + g.leader()));
            out.add(Line.row("  " + unknown(g.threads())));
            return;
        }
        List<Member> ts = g.threads().get();
        out.add(Line.heading("thread group " + g.leader() + ": " + ts.size() + (ts.size() == 1 ? " thread" : " threads")
                + ", the leader (TID = TGID) first"));
        out.add(Line.row(String.format(
                "  %-8s %-16s %-5s %-20s %s", "TID", "NAME", "STATE", "TID AT EACH LEVEL", "DIFFERS FROM THE LEADER")));
        for (Member m : ts) {
            String levels = m.nsPid().known()
                    ? m.nsPid().get().stream().map(String::valueOf).collect(Collectors.joining("/"))
                    : "?";
            String mark = m.tid() == l.subject().tid() ? "> " : "  ";
            out.add(Line.row(
                    String.format(
                            "%s%-8d %-16s %-5s %-20s %s", mark, m.tid(), m.comm(), m.state(), levels, differs(m, g)),
                    48));
        }
        out.add(Line.note("  > marks this task. Every thread has a TID of its own at each level and shares its"
                + " process's TGID; a thread can leave its leader's namespaces (unshare, setns) and, in cgroup v1,"
                + " its cgroups. From /proc/" + g.leader() + "/task/*/stat, status (NSpid), ns/* and cgroup"));
    }

    private static String differs(Member m, TaskLens.Group g) {
        if (m.tid() == g.leader()) return "(leader)";
        List<String> parts = new ArrayList<>();
        if (!m.nsDiffers().known()) parts.add("ns ?");
        else if (!m.nsDiffers().get().isEmpty())
            parts.add(
                    "ns: " + m.nsDiffers().get().stream().map(x -> x.fileName()).collect(Collectors.joining(" ")));
        if (!m.cgroupsDiffer().known())
            parts.add(
                    Gap.of(m.cgroupsDiffer().why()).reason().equals(TaskLens.RECORDING)
                            ? "cgroups not recorded"
                            : "cgroups ?");
        else if (!m.cgroupsDiffer().get().isEmpty())
            parts.add("cgroups: " + String.join(" ", m.cgroupsDiffer().get()));
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    private static void cgroups(TaskLens l, List<Line> out) {
        out.add(Line.blank());
        String file = l.subject().kernelDir() + "/cgroup";
        out.add(Line.heading("cgroups: where the task is in every hierarchy (" + file + ", read now)"));
        if (!l.cgroups().known()) {
            out.add(Line.row("  " + unknown(l.cgroups()), 4));
            return;
        }
        for (CgroupPlace c : l.cgroups().get()) {
            String h = c.hierarchy().equals("v2") ? "v2" : c.id() + ":" + c.hierarchy();
            String after = "";
            if (c.differs())
                after = "   DIFFERS: its leader is in " + c.leaderPath().get();
            else if (c.leaderPath() != null && !c.leaderPath().known()) after = "   leader: " + unknown(c.leaderPath());
            out.add(Line.row(String.format("  %-20s %s%s", h, c.path(), after), 23));
        }
        out.add(Line.note("  v2: the unified hierarchy (ID 0); ID:CONTROLLERS a v1 hierarchy. Paths are as nscope's"
                + " cgroup namespace sees them."
                + (l.subject().thread()
                        ? " A thread's own file can differ from its leader's where it was moved alone (v1)."
                        : "")));
    }
}
