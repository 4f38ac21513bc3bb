package nscope.views.screens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.query.CgroupNsPaths;
import nscope.probes.readout.Readout;
import nscope.views.columns.Column;
import nscope.views.columns.ProcessColumns;
import nscope.views.columns.ProcessColumns.TaskRow;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;

/**
 * The processes screen: the process tree by parent, each process's other
 * threads as its first children, with PID, TGID and TID side by side and the
 * PID in every pid namespace level (NSpid, outermost first). A thread whose
 * namespaces differ from its leader's is marked with the links that differ.
 * Its detail links a task to its parent, its process, each of its
 * namespaces and its cgroups.
 */
final class ProcessesScreen implements Screen {
    @Override
    public String title() {
        return "Processes";
    }

    @Override
    public List<Column<TaskRow>> columns() {
        return ProcessColumns.SCREEN;
    }

    @Override
    public boolean shows(RowKey key) {
        return key instanceof RowKey.Task;
    }

    /** The whole tree down to the first level of services. */
    @Override
    public int openDepth() {
        return 2;
    }

    @Override
    public Forest rows(Snapshot s, CgroupCpu cpu) {
        Map<Integer, List<Task>> children = new HashMap<>();
        List<Task> roots = new ArrayList<>();
        for (int tgid : s.threadGroups().keySet()) {
            Task lead = s.leader(tgid).orElse(null);
            if (lead == null) continue;
            if (lead.ppid() > 0 && s.leader(lead.ppid()).isPresent())
                children.computeIfAbsent(lead.ppid(), k -> new ArrayList<>()).add(lead);
            else roots.add(lead);
        }
        List<Node> out = new ArrayList<>();
        for (Task r : roots) out.add(process(s, r, children));
        return new Forest(out);
    }

    private static Node process(Snapshot s, Task lead, Map<Integer, List<Task>> children) {
        List<Node> kids = new ArrayList<>();
        for (int tid : s.threadGroups().getOrDefault(lead.tgid(), List.of())) {
            if (tid == lead.tid()) continue;
            Task t = s.tasks().get(tid);
            if (t != null) kids.add(new Node(RowKey.Task.thread(t), cells(s, t), mark(s, t), List.of()));
        }
        for (Task c : children.getOrDefault(lead.tgid(), List.of())) kids.add(process(s, c, children));
        return new Node(RowKey.Task.process(lead), cells(s, lead), "", kids);
    }

    private static List<String> cells(Snapshot s, Task t) {
        return Column.texts(ProcessColumns.SCREEN, new TaskRow(s, t), "");
    }

    /** "ns differs: net uts" for a thread in other namespaces than its leader's. */
    private static String mark(Snapshot s, Task t) {
        Set<NsLink> diff = s.divergentLinks(t);
        if (diff.isEmpty()) return "";
        StringBuilder b = new StringBuilder("ns differs:");
        for (NsLink l : diff) b.append(' ').append(l.fileName());
        return b.toString();
    }

    @Override
    public Target target(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Task k)) return Target.NONE;
        Task t = s.task(k.tid()).orElse(null);
        Task p = t == null ? null : s.leader(t.tgid()).orElse(null);
        return p == null ? Target.NONE : new Target.OfTask(t, p);
    }

    @Override
    public Detail detail(Snapshot s, RowKey key) {
        if (!(key instanceof RowKey.Task k)) return Detail.NONE;
        Task t = s.task(k.tid()).orElse(null);
        if (t == null) return Detail.gone("task " + k.tid());
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add((t.leader() ? "process " : "thread ") + t.tid() + " of thread group " + t.tgid() + ", parent "
                + t.ppid()
                + ", state " + t.state() + (t.kernelThread() ? ", kernel thread" : "") + ", NSpid "
                + (t.nsPid().known() ? t.nsPid().get() : t.nsPid().why()));
        lines.add("command: " + t.commandLine());
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
        s.cgroups().lines(t.tgid()).filter(Readout::known).ifPresent(ls -> {
            for (CgroupLine l : ls.get()) {
                CgroupTree tree = s.cgroups().treeOf(l).orElse(null);
                if (tree == null) continue;
                String inner = CgroupNsPaths.inner(s, t.tgid(), l)
                        .filter(p -> !p.equals(l.path()))
                        .map(p -> " (sees " + p + ")")
                        .orElse("");
                links.add(new Link(
                        "cgroup " + tree.hierarchy().label() + ":" + l.path() + inner,
                        new RowKey.Cgroup(tree.hierarchy().device(), l.path())));
            }
        });
        return new Detail(lines, links);
    }
}
