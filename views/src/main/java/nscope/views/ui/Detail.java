package nscope.views.ui;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.query.CgroupNsPaths;
import nscope.views.screens.CgroupRows;
import nscope.views.screens.NamespaceRows;
import nscope.views.screens.ProcessRows;
import nscope.views.text.CgroupCells;

/**
 * What the detail pane says about the selected row, and its cross-links:
 * from a process or thread to each of its namespaces, its cgroups and its
 * parent; from a namespace to its parent, owner, children and members; from
 * a cgroup to its processes. Host text is escaped by the pane that draws it.
 */
record Detail(List<String> lines, List<Link> links) {
    static final Detail NONE = new Detail(List.of(), List.of());

    static Detail of(Snapshot s, String id) {
        if (id == null) return NONE;
        var tid = ProcessRows.tidOf(id);
        if (tid.isPresent()) return task(s, tid.getAsInt());
        var ns = NamespaceRows.nsIdOf(id);
        if (ns.isPresent()) return namespace(s, ns.get());
        if (id.startsWith("cg:")) return CgroupRows.cgroupOf(s, id).map(f -> cgroup(s, f))
                .orElseGet(() -> new Detail(List.of("that cgroup is no longer there"), List.of()));
        return NONE;
    }

    private static Detail task(Snapshot s, int tid) {
        Task t = s.task(tid).orElse(null);
        if (t == null) return new Detail(List.of("task " + tid + " is no longer there"), List.of());
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add((t.leader() ? "process " : "thread ") + t.tid() + " of thread group " + t.tgid() + ", parent " + t.ppid()
                + ", state " + t.state() + (t.kernelThread() ? ", kernel thread" : "") + ", NSpid "
                + (t.nsPid().known() ? t.nsPid().get() : t.nsPid().why()));
        lines.add("command: " + t.commandLine());
        s.leader(t.ppid()).ifPresent(p -> links.add(new Link("parent " + p.tgid() + " " + p.comm(), Tab.PROCESSES, ProcessRows.processId(p))));
        if (!t.leader()) s.leader(t.tgid()).ifPresent(p -> links.add(new Link("its process " + p.tgid(), Tab.PROCESSES, ProcessRows.processId(p))));
        for (NsLink l : NsLink.values()) {
            Readout<NsId> r = t.ns(l);
            if (!r.known()) continue;
            if (l.forChildren() && t.ns(NsLink.of(l.kind())).map(x -> x.equals(r.get())).orNull() == Boolean.TRUE) continue;
            links.add(new Link(l.fileName() + ":[" + r.get() + "]", Tab.NAMESPACES, NamespaceRows.nsId(r.get())));
        }
        s.cgroups().lines(t.tgid()).filter(Readout::known).ifPresent(ls -> {
            for (CgroupLine l : ls.get()) {
                CgroupTree tree = s.cgroups().treeOf(l).orElse(null);
                if (tree == null) continue;
                String inner = CgroupNsPaths.inner(s, t.tgid(), l).filter(p -> !p.equals(l.path())).map(p -> " (sees " + p + ")").orElse("");
                links.add(new Link("cgroup " + tree.hierarchy().label() + ":" + l.path() + inner, Tab.CGROUPS, CgroupRows.cgroupId(tree, l.path())));
            }
        });
        return new Detail(lines, links);
    }

    private static Detail namespace(Snapshot s, NsId id) {
        Namespace n = s.namespace(id).orElse(null);
        if (n == null) return new Detail(List.of("namespace " + id + " is no longer there"), List.of());
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add(n.kind().label() + ":[" + id + "] on nsfs device " + id.dev() + ": " + n.processes().size() + " processes, "
                + n.tasks().size() + " tasks" + (n.pendingFor().isEmpty() ? "" : ", " + n.pendingFor().size() + " whose children will be in it"));
        for (Holder h : n.holders()) lines.add("held by " + h);
        s.relations(id).ifPresent(r -> {
            if (!r.known()) {
                lines.add("parent and owner: " + r.why());
                return;
            }
            NsRelations x = r.get();
            if (x.parent() != null) links.add(new Link("parent " + n.kind().label() + ":[" + x.parent() + "]", Tab.NAMESPACES, NamespaceRows.nsId(x.parent())));
            if (x.owner() != null) links.add(new Link("owner user:[" + x.owner() + "]", Tab.NAMESPACES, NamespaceRows.nsId(x.owner())));
            if (x.ownerUid() != null) lines.add("made by uid " + x.ownerUid());
        });
        s.relations().forEach((child, r) -> {
            if (r.known() && id.equals(r.get().parent())) links.add(new Link("child " + n.kind().label() + ":[" + child + "]", Tab.NAMESPACES, NamespaceRows.nsId(child)));
        });
        int shown = 0;
        for (int pid : n.processes()) {
            if (shown++ == 20) break;
            s.leader(pid).ifPresent(t -> links.add(new Link("member " + pid + " " + t.comm(), Tab.PROCESSES, ProcessRows.processId(t))));
        }
        return new Detail(lines, links);
    }

    private static Detail cgroup(Snapshot s, CgroupRows.Found f) {
        CgroupTree t = f.tree();
        Cgroup c = f.cgroup();
        String path = f.path();
        List<String> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        lines.add(t.hierarchy().label() + ":" + path + (c.id() != 0 ? " (id " + c.id() + ")" : "") + ", memory " + CgroupCells.memory(c)
                + ", pids " + CgroupCells.pids(c) + CgroupCells.marks(c));
        if (!c.threads().known()) lines.add("threads: " + c.threads().why().detail());
        if (c.procs().known()) {
            int shown = 0;
            for (int pid : c.procs().get()) {
                if (shown++ == 20) break;
                s.leader(pid).ifPresent(p -> links.add(new Link("process " + pid + " " + p.comm(), Tab.PROCESSES, ProcessRows.processId(p))));
            }
        }
        return new Detail(lines, links);
    }
}
