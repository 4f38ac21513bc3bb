package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.query.CgroupNsPaths;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.views.columns.TaskTimes;
import nscope.views.tree.RowKey;

/**
 * What the processes screen's detail says about one task: its IDs as ps
 * shows them, its state and start in words, what differs from its process
 * (namespaces, cgroups), a pid_for_children still waiting for its PID 1,
 * and links to its parent, its process, each of its namespaces and each of
 * its own cgroups (a thread's, where it sits apart, not its process's).
 */
final class TaskDetail {
    private TaskDetail() {}

    static Detail of(Snapshot s, Task t) {
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add((t.leader() ? "process " : "thread ") + t.tid() + " of thread group " + t.tgid() + ", parent "
                + t.ppid()
                + ", state " + t.state() + state(t.state()) + (t.kernelThread() ? ", kernel thread" : "") + ", NSpid "
                + (t.nsPid().known() ? t.nsPid().get() : t.nsPid().why()));
        if (!t.leader())
            lines.add("ps -eLf: PID " + t.tgid() + " (its process, the TGID), LWP " + t.tid() + " (this thread's TID)");
        lines.add("command: " + t.commandLine());
        lines.add(TaskTimes.started(s, t.startTime()));
        Set<NsLink> ns = s.divergentLinks(t);
        if (!ns.isEmpty()) lines.add("namespaces differ from its process's: " + ProcessesScreen.names(ns));
        List<String> cg = new ArrayList<>();
        for (var h : s.cgroups().differing(t.tid(), t.tgid()))
            cg.add(h.label() + ":" + s.cgroups().pathOf(t.tid(), t.tgid(), h).orElse("?") + " (its process: "
                    + s.cgroups().pathOf(t.tgid(), t.tgid(), h).orElse("?") + ")");
        if (!cg.isEmpty()) lines.add("cgroups differ from its process's: " + String.join(", ", cg));
        pidForChildren(t).ifPresent(lines::add);
        s.leader(t.ppid())
                .ifPresent(p -> links.add(new Link("parent " + p.tgid() + " " + p.comm(), RowKey.Task.process(p))));
        if (!t.leader())
            s.leader(t.tgid()).ifPresent(p -> links.add(new Link("its process " + p.tgid(), RowKey.Task.process(p))));
        for (NsLink l : NsLink.values()) {
            Readout<NsId> r = t.ns(l);
            if (!r.known()) continue;
            if (l.forChildren()
                    && t.ns(NsLink.of(l.kind())).map(x -> x.equals(r.get())).orNull() == Boolean.TRUE) continue;
            links.add(new Link(l.fileName() + ":[" + r.get() + "]", new RowKey.Namespace(l.kind(), r.get())));
        }
        cgroups(s, t, links);
        return new Detail(lines, links);
    }

    /** What pid_for_children says when it is not the task's own pid namespace: where its next child is born. */
    static Optional<String> pidForChildren(Task t) {
        Readout<NsId> r = t.ns(NsLink.PID_FOR_CHILDREN);
        if (!r.known() && r.why().reason() == Unknown.Reason.NO_PID1_YET)
            return Optional.of("pid_for_children: a new pid namespace with no PID 1 yet (unshared, not forked):"
                    + " its next child becomes PID 1 there");
        if (r.known()
                && t.ns(NsLink.PID).known()
                && !r.get().equals(t.ns(NsLink.PID).get()))
            return Optional.of("pid_for_children: pid:[" + r.get() + "], not its own: its next child is born there");
        return Optional.empty();
    }

    /** A link to each of the task's own cgroups, in the order of its process's /proc/PID/cgroup. */
    private static void cgroups(Snapshot s, Task t, List<Link> links) {
        s.cgroups().lines(t.tgid()).filter(Readout::known).ifPresent(ls -> {
            for (CgroupLine l : ls.get()) {
                CgroupTree tree = s.cgroups().treeOf(l).orElse(null);
                if (tree == null) continue;
                String path = t.leader()
                        ? l.path()
                        : s.cgroups()
                                .pathOf(t.tid(), t.tgid(), tree.hierarchy())
                                .orElse(null);
                String note = "";
                if (path == null) {
                    path = l.path();
                    note = " (its process's: this thread's own was not read)";
                } else if (!path.equals(l.path())) note = " (apart from its process, in " + l.path() + ")";
                CgroupLine own = new CgroupLine(l.id(), l.controllers(), path);
                String inner = CgroupNsPaths.inner(s, t.tid(), own)
                        .filter(p -> !p.equals(own.path()))
                        .map(p -> " (sees " + p + ")")
                        .orElse("");
                links.add(new Link(
                        "cgroup " + tree.hierarchy().label() + ":" + path + inner + note,
                        new RowKey.Cgroup(tree.hierarchy().device(), path)));
            }
        });
    }

    /** The state letter in words, as ps(1) and proc(5) name them. */
    static String state(char c) {
        String w = switch (c) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "waiting on disk, uninterruptible";
            case 'Z' -> "zombie";
            case 'T' -> "stopped";
            case 't' -> "stopped by a debugger";
            case 'I' -> "idle kernel thread";
            case 'X' -> "dead";
            case 'P' -> "parked";
            default -> null;
        };
        return w == null ? "" : " (" + w + ")";
    }
}
