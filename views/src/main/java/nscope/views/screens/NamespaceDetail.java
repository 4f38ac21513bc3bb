package nscope.views.screens;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.query.PidLevels;
import nscope.probes.readout.Readout;
import nscope.views.columns.NamespaceFacts;
import nscope.views.tree.RowKey;

/**
 * The part of a namespace's detail that is about what it holds and who is
 * in it: its facts in full (every interface with state, MTU, MAC, every
 * address and its veth peer; each id-map range with its figures named; a
 * pid namespace's level, its PID 1 and each member's PID at its level), and
 * links to its member processes, to the threads that are in it without
 * their process, to the tasks whose next child is born in it, and, for a
 * pid namespace, to the tasks that unshared one below it with no PID 1 yet.
 */
final class NamespaceDetail {
    private NamespaceDetail() {}

    static final int SHOWN = 20;

    static void facts(Snapshot s, Namespace n, List<String> lines, List<Link> links) {
        Readout<NsFacts> r = s.facts(n.id()).orElse(null);
        if (n.kind() == NsKind.PID) pid(s, n, r, lines, links);
        if (r == null) return;
        if (!r.known()) {
            lines.add(n.kind().label() + " facts: " + r.why() + ": " + r.why().detail());
            return;
        }
        NsFacts f = r.get();
        if (f instanceof NsFacts.Uts u) lines.add("hostname " + u.hostname() + ", domainname " + u.domainname());
        else if (f instanceof NsFacts.Ipc i)
            lines.add("SysV IPC objects: " + i.shm() + " shared memory segments, " + i.sem() + " semaphore sets, "
                    + i.msg() + " message queues");
        else if (f instanceof NsFacts.Net net)
            for (NsFacts.Interface i : net.interfaces()) iface(s, n, i, lines, links);
        else if (f instanceof NsFacts.User u) user(u, lines);
        else if (f instanceof NsFacts.Time t)
            lines.add("clock offsets: " + NamespaceFacts.summary(Readout.of(t))
                    + " (to CLOCK_MONOTONIC, CLOCK_BOOTTIME)");
        else if (f instanceof NsFacts.Mnt m)
            lines.add(m.table().mounts().size() + " mounts (the mounts screen shows the tree)");
        else if (f instanceof NsFacts.Cgroup c) {
            List<String> roots = new ArrayList<>();
            for (var l : c.roots()) roots.add((l.id() == 0 ? "v2" : l.controllers()) + ":" + l.path());
            lines.add("its root cgroups, as host paths: " + (roots.isEmpty() ? "unknown" : String.join(", ", roots)));
        }
    }

    /** "eth0 (index 2): up, mtu 1500, mac 02:42:ac:11:00:02, flags UP,BROADCAST; 10.0.0.2/24 fe80::2/64; veth peer ..." */
    private static void iface(Snapshot s, Namespace n, NsFacts.Interface i, List<String> lines, List<Link> links) {
        StringBuilder b = new StringBuilder(i.name())
                .append(" (index ")
                .append(i.index())
                .append("): ")
                .append(NamespaceFacts.state(i));
        if (i.mtu() != null) b.append(", mtu ").append(i.mtu());
        if (i.mac() != null) b.append(", mac ").append(i.mac());
        if (!i.flags().isEmpty()) b.append(", flags ").append(String.join(",", i.flags()));
        b.append(i.addresses().isEmpty() ? "; no address" : "; " + String.join(" ", i.addresses()));
        if (i.peerIndex() != null) {
            NsId where = i.peerNetns() != null ? i.peerNetns() : i.peerNetnsId() == null ? n.id() : null;
            Optional<String> name = where == null ? Optional.empty() : peerName(s, where, i.peerIndex());
            b.append("; peer ")
                    .append(name.map(x -> x + " (index " + i.peerIndex() + ")").orElse("index " + i.peerIndex()))
                    .append(
                            where == null
                                    ? " in the namespace with netnsid " + i.peerNetnsId() + " (not resolved)"
                                    : where.equals(n.id()) ? " in this namespace" : " in net:[" + where + "]");
            if (where != null && !where.equals(n.id()))
                links.add(new Link(
                        "peer of " + i.name() + ": " + name.orElse("index " + i.peerIndex()) + " in net:[" + where
                                + "]",
                        new RowKey.Namespace(NsKind.NET, where)));
        }
        lines.add(b.toString());
    }

    /** The name of the interface with this index in that namespace, when its facts were read. */
    private static Optional<String> peerName(Snapshot s, NsId ns, int index) {
        return s.facts(ns)
                .filter(Readout::known)
                .map(Readout::get)
                .filter(NsFacts.Net.class::isInstance)
                .flatMap(f -> ((NsFacts.Net) f)
                        .interfaces().stream()
                                .filter(x -> x.index() == index)
                                .map(NsFacts.Interface::name)
                                .findFirst());
    }

    private static void user(NsFacts.User u, List<String> lines) {
        for (NsFacts.IdRange m : u.uidMap()) lines.add("uid map: " + NamespaceFacts.range(m));
        if (u.uidMap().isEmpty()) lines.add("uid map: none written yet (every uid is the overflow uid inside)");
        for (NsFacts.IdRange m : u.gidMap()) lines.add("gid map: " + NamespaceFacts.range(m));
        lines.add(
                "setgroups: " + u.setgroups() + " (inside = the namespace's ids, outside = nscope's user namespace's)");
    }

    /** Level, PID 1 and ns_last_pid; the tasks waiting to make one below it. */
    private static void pid(Snapshot s, Namespace n, Readout<NsFacts> r, List<String> lines, List<Link> links) {
        Optional<Integer> level = PidLevels.level(s, n);
        level.ifPresent(l -> lines.add("level " + l + " (0: the pid namespace nscope's /proc shows; each level below"
                + " numbers its tasks again from 1)"));
        Optional<Task> init = PidLevels.init(s, n);
        if (init.isPresent()) {
            Task t = init.get();
            lines.add("PID 1 here = host " + t.tid() + " (" + t.comm() + "): its reaper; when it exits, every task"
                    + " in it is killed");
            links.add(new Link("PID 1 here: host " + t.tid() + " " + t.comm(), RowKey.Task.process(t)));
        } else if (!n.processes().isEmpty()) lines.add("PID 1 here: not among the processes read (it may have exited)");
        if (r != null && r.known() && r.get() instanceof NsFacts.Pid p)
            lines.add(
                    p.lastPid().known()
                            ? "last PID allocated here: " + p.lastPid().get()
                            : "last PID allocated here: unknown ("
                                    + p.lastPid().why().detail() + ")");
        for (Task t : PidLevels.awaitingInit(s, n.id())) {
            lines.add((t.leader() ? "PID " : "thread ") + t.tid() + " (" + t.comm() + ") unshared a new pid namespace"
                    + " below this one: no PID 1 yet, its next child becomes PID 1 there");
            links.add(new Link(
                    "no PID 1 yet below: " + t.tid() + " " + t.comm() + " (its next child)", RowKey.Task.of(t)));
        }
    }

    /**
     * Links to members (with a pid namespace's own numbering), threads in it
     * without their process, and tasks whose next children are born in it.
     */
    static void members(Snapshot s, Namespace n, List<Link> links) {
        Optional<Integer> level = PidLevels.level(s, n);
        int shown = 0;
        for (int pid : n.processes()) {
            Task t = s.leader(pid).orElse(null);
            if (t == null) continue;
            if (shown++ == SHOWN) break;
            String here = level.flatMap(l -> PidLevels.at(t, l))
                    .map(p -> " (PID " + p + " here)")
                    .orElse("");
            links.add(new Link("member " + pid + " " + t.comm() + here, RowKey.Task.process(t)));
        }
        Set<Integer> processes = new java.util.HashSet<>(n.processes());
        shown = 0;
        for (int tid : n.tasks()) {
            Task t = s.task(tid).orElse(null);
            if (t == null || processes.contains(t.tgid())) continue;
            if (shown++ == SHOWN) break;
            String here = level.flatMap(l -> PidLevels.at(t, l))
                    .map(p -> " (TID " + p + " here)")
                    .orElse("");
            links.add(new Link(
                    "thread " + tid + " {" + t.comm() + "} of PID " + t.tgid() + ", in it without its process" + here,
                    RowKey.Task.of(t)));
        }
        shown = 0;
        for (int tid : n.pendingFor()) {
            Task t = s.task(tid).orElse(null);
            if (t == null) continue;
            if (shown++ == SHOWN) break;
            links.add(new Link(
                    "next child born here: " + (t.leader() ? "PID " : "thread ") + tid + " " + t.comm() + " ("
                            + n.kind().label() + "_for_children)",
                    RowKey.Task.of(t)));
        }
    }
}
