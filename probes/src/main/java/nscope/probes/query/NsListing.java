package nscope.probes.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;

/**
 * One row per namespace as lsns lists them: those a process is in (by its
 * leader's link), with the lowest PID as the representative, sorted by inode.
 * With threads, namespaces that only non-leader threads are in are listed
 * too (nprocs 0), and tasks counts every task's own link.
 */
public final class NsListing {
    private NsListing() {}

    /**
     * @param pid the representative: lowest PID in it, else lowest TID, else the first holder's process
     * @param uid effective uid of the representative, or -1 when unknown
     * @param holder what holds it open besides its tasks ("" for none)
     */
    public record Row(
            Namespace ns, int nprocs, int ntasks, int pid, long uid, String user, String command, String holder) {}

    public static List<Row> rows(Snapshot s, Set<NsKind> kinds, boolean threads, Integer onlyPid) {
        return rows(s, kinds, threads, onlyPid, false);
    }

    /** With {@code all}, every namespace: also those that only a descriptor, a bind mount or a pending child holds. */
    public static List<Row> rows(Snapshot s, Set<NsKind> kinds, boolean threads, Integer onlyPid, boolean all) {
        List<Row> out = new ArrayList<>();
        for (Namespace n : s.namespaces().values()) {
            if (!kinds.contains(n.kind())) continue;
            if (!all && n.processes().isEmpty() && (!threads || n.tasks().isEmpty())) continue;
            if (onlyPid != null && !n.processes().contains(onlyPid) && !heldBy(n, onlyPid)) continue;
            int rep = representative(n);
            Task t = rep < 0 ? null : s.tasks().get(rep);
            long uid = t != null && t.uids().known() ? t.uids().get().effective() : -1;
            String user = t == null ? "-" : uid < 0 ? "?" : s.userName(uid).orElse(Long.toString(uid));
            String holder =
                    String.join(", ", n.holders().stream().map(Holder::toString).toList());
            out.add(new Row(
                    n,
                    n.processes().size(),
                    n.tasks().size(),
                    rep,
                    uid,
                    user,
                    t != null ? t.commandLine() : "-",
                    holder));
        }
        return out;
    }

    /** As lsns: the lowest PID in it; for a thread-only namespace the lowest TID; else who holds it. */
    private static int representative(Namespace n) {
        if (!n.processes().isEmpty()) return n.processes().get(0);
        if (!n.tasks().isEmpty()) return n.tasks().get(0);
        if (!n.pendingFor().isEmpty()) return n.pendingFor().get(0);
        // a bind mount has no process: the one its table was read through says nothing about it
        for (Holder h : n.holders()) if (h instanceof Holder.Fd fd) return fd.pid();
        return -1;
    }

    private static boolean heldBy(Namespace n, int pid) {
        return n.holders().stream().anyMatch(h -> h instanceof Holder.Fd fd && fd.pid() == pid);
    }
}
