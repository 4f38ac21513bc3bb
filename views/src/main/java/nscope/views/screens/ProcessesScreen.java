package nscope.views.screens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
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
 * namespaces or cgroups differ from its leader's is marked with the links
 * and hierarchies that differ. Its detail ({@link TaskDetail}) links a task
 * to its parent, its process, each of its namespaces and its own cgroups.
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

    /** The rows of the last build, for the tasks a refresh carried over. */
    private final TaskRows kept = new TaskRows();

    @Override
    public Forest rows(Snapshot s, CgroupCpu cpu) {
        synchronized (kept) {
            kept.start(s);
            try {
                return build(s);
            } finally {
                kept.end();
            }
        }
    }

    private Forest build(Snapshot s) {
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

    private Node process(Snapshot s, Task lead, Map<Integer, List<Task>> children) {
        List<Node> kids = new ArrayList<>();
        for (int tid : s.threadGroups().getOrDefault(lead.tgid(), List.of())) {
            if (tid == lead.tid()) continue;
            Task t = s.tasks().get(tid);
            if (t != null)
                kids.add(kept.thread(s, t, () -> new Node(RowKey.Task.thread(t), cells(s, t), mark(s, t), List.of())));
        }
        for (Task c : children.getOrDefault(lead.tgid(), List.of())) kids.add(process(s, c, children));
        return new Node(RowKey.Task.process(lead), kept.cells(lead, () -> cells(s, lead)), "", kids);
    }

    private static List<String> cells(Snapshot s, Task t) {
        return Column.texts(ProcessColumns.SCREEN, new TaskRow(s, t), "");
    }

    /**
     * "ns differs: net uts" for a thread in other namespaces than its
     * leader's, "cgroup differs: cpu,cpuacct" for one in other cgroups (a v1
     * thread moved alone), both when both differ.
     */
    private static String mark(Snapshot s, Task t) {
        List<String> marks = new ArrayList<>();
        Set<NsLink> diff = s.divergentLinks(t);
        if (!diff.isEmpty()) marks.add("ns differs: " + names(diff));
        List<String> cg = new ArrayList<>();
        for (var h : s.cgroups().differing(t.tid(), t.tgid())) cg.add(h.label());
        if (!cg.isEmpty()) marks.add("cgroup differs: " + String.join(" ", cg));
        return String.join("; ", marks);
    }

    /** The links' names, space-separated ("net uts"). */
    static String names(Set<NsLink> links) {
        StringBuilder b = new StringBuilder();
        for (NsLink l : links) b.append(b.length() == 0 ? "" : " ").append(l.fileName());
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
        return TaskDetail.of(s, t);
    }
}
