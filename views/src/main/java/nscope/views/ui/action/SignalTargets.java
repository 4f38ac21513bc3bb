package nscope.views.ui.action;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.views.actions.Actions;
import nscope.views.screens.Target;
import nscope.views.text.Escape;

/**
 * Who K signals on a row, and what the confirmation must say. A namespace's
 * or cgroup's members never include the host's PID 1 (ending it ends the
 * host), nscope itself, or kernel threads (no user space to signal); each
 * left out is named. A member that is PID 1 of a pid namespace is named as
 * such: every process of that namespace (and of those below it) dies with
 * it, and it ignores signals it has no handler for, except KILL and STOP
 * sent from an ancestor namespace, as nscope's are.
 */
record SignalTargets(List<Actions.Target> targets, List<String> lines) {
    static SignalTargets of(Snapshot s, Target row, long self) {
        List<Actions.Target> all = ActionTargets.processes(s, row), kept = new ArrayList<>();
        boolean group = !(row instanceof Target.OfTask);
        java.util.Map<String, List<String>> leftOut = new java.util.LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Actions.Target t : all) {
            Task p = s.leader(t.pid()).orElse(null);
            String why = !group
                    ? null
                    : t.pid() == 1
                            ? "the host's PID 1"
                            : t.pid() == self
                                    ? "nscope itself"
                                    : p != null && p.kernelThread() ? "a kernel thread" : null;
            if (why != null) {
                leftOut.computeIfAbsent(why, w -> new ArrayList<>())
                        .add("PID " + t.pid() + " " + Escape.terminal(t.label()));
                continue;
            }
            kept.add(t);
            if (p != null && t.pid() != 1) init(s, p, notes);
        }
        List<String> lines = new ArrayList<>(notes);
        leftOut.forEach((why, who) -> lines.add("left out: " + (who.size() == 1 ? why : who.size() + " " + plural(why))
                + " (" + String.join(", ", who) + ")"));
        for (Actions.Target t : kept)
            lines.add("PID " + t.pid() + " (" + nscope.views.columns.TaskTimes.startedShort(s, t.startTime()) + ")  "
                    + Escape.terminal(t.label()));
        return new SignalTargets(kept, lines);
    }

    private static String plural(String why) {
        return why.equals("a kernel thread") ? "kernel threads" : why;
    }

    /** The note for PID 1 of a pid namespace below the host's. */
    private static void init(Snapshot s, Task p, List<String> notes) {
        if (!p.nsPid().known()
                || p.nsPid().get().size() < 2
                || p.nsPid().get().get(p.nsPid().get().size() - 1) != 1) return;
        Readout<NsId> ns = p.ns(NsLink.PID);
        if (!ns.known()) return;
        int die = 0;
        for (Task t : s.tasks().values())
            if (t.leader() && t.tgid() != p.tgid() && below(s, t.ns(NsLink.PID), ns.get())) die++;
        notes.add("PID " + p.tgid() + " is PID 1 of pid:["
                + Long.toUnsignedString(ns.get().ino()) + "]: its " + die
                + (die == 1 ? " other process dies" : " other processes die") + " with it;");
        notes.add("  it ignores signals it has no handler for (KILL and STOP still work)");
    }

    /** Whether a pid namespace is ns or one below it (by the parents the relations phase read). */
    private static boolean below(Snapshot s, Readout<NsId> theirs, NsId ns) {
        if (!theirs.known()) return false;
        NsId at = theirs.get();
        for (int depth = 0; at != null && depth < 33; depth++) {
            if (at.equals(ns)) return true;
            Readout<NsRelations> r = s.relations().get(at);
            at = r != null && r.known() ? r.get().parent() : null;
        }
        return false;
    }
}
