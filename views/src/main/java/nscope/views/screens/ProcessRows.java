package nscope.views.screens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.Ids;
import nscope.probes.model.NsLink;
import nscope.probes.readout.Readout;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;

/**
 * The processes screen: the process tree by parent, each process's other
 * threads as its first children, with PID, TGID and TID side by side and the
 * PID in every pid namespace level (NSpid, outermost first). A thread whose
 * namespaces differ from its leader's is marked with the links that differ.
 */
public final class ProcessRows {
    private ProcessRows() {}

    public static final List<Column> COLUMNS = List.of(
            new Column("PID", 7, true, "the task's PID in nscope's pid namespace (for a thread: its TID)"),
            new Column("TGID", 7, true, "its thread group: the PID of the process it belongs to"),
            new Column("TID", 7, true, "the task's own ID: equal to TGID for a process's leader"),
            new Column("NSPID", 12, false, "its PID in every pid namespace it is in, outermost first (status NSpid)"),
            new Column("S", 1, false, "state: R running, S sleeping, D disk wait, Z zombie, T stopped, I idle"),
            new Column("USER", 8, false, "real user (name from the host's passwd, else the number)"),
            new Column("COMMAND", 0, false, "the tree, then the command line ([comm] for kernel threads)"));

    /** The id of a process's row (its leader's TID and start time: unique across PID reuse). */
    public static String processId(Task t) { return "p:" + t.tgid() + "@" + t.startTime(); }

    public static String threadId(Task t) { return "t:" + t.tid() + "@" + t.startTime(); }

    /** The TID a process's or thread's row id names (see {@link #processId}, {@link #threadId}); empty for another row. */
    public static java.util.OptionalInt tidOf(String id) {
        if (id == null || !(id.startsWith("p:") || id.startsWith("t:")) || id.indexOf('@') < 3) return java.util.OptionalInt.empty();
        try {
            return java.util.OptionalInt.of(Integer.parseInt(id.substring(2, id.indexOf('@'))));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    public static Forest of(Snapshot s) {
        Map<Integer, List<Task>> children = new HashMap<>();
        List<Task> roots = new ArrayList<>();
        for (int tgid : s.threadGroups().keySet()) {
            Task lead = s.leader(tgid).orElse(null);
            if (lead == null) continue;
            if (lead.ppid() > 0 && s.leader(lead.ppid()).isPresent()) children.computeIfAbsent(lead.ppid(), k -> new ArrayList<>()).add(lead);
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
            if (t != null) kids.add(new Node(threadId(t), cells(s, t), mark(s, t), List.of()));
        }
        for (Task c : children.getOrDefault(lead.tgid(), List.of())) kids.add(process(s, c, children));
        return new Node(processId(lead), cells(s, lead), "", kids);
    }

    static List<String> cells(Snapshot s, Task t) {
        String cmd = t.kernelThread() || t.cmdline().known() && t.cmdline().get().isEmpty() ? "[" + t.comm() + "]" : t.commandLine();
        if (!t.leader()) cmd = "{" + t.comm() + "}"; // a thread: its own name, as pstree shows it
        return List.of(Integer.toString(t.tid()), Integer.toString(t.tgid()), Integer.toString(t.tid()),
                nsPid(t.nsPid()), Character.toString(t.state()), user(s, t.uids()), cmd);
    }

    private static String nsPid(Readout<List<Integer>> r) {
        if (!r.known()) return "?";
        StringBuilder b = new StringBuilder();
        for (int p : r.get()) b.append(b.length() == 0 ? "" : "/").append(p);
        return b.toString();
    }

    private static String user(Snapshot s, Readout<Ids> ids) {
        if (!ids.known()) return "?";
        long uid = ids.get().real();
        return s.userName(uid).orElse(Long.toString(uid));
    }

    /** "ns differs: net uts" for a thread in other namespaces than its leader's. */
    static String mark(Snapshot s, Task t) {
        Set<NsLink> diff = s.divergentLinks(t);
        if (diff.isEmpty()) return "";
        StringBuilder b = new StringBuilder("ns differs:");
        for (NsLink l : diff) b.append(' ').append(l.fileName());
        return b.toString();
    }
}
