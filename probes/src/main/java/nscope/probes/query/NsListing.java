package nscope.probes.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** @param uid effective uid of the representative, or -1 when unknown */
    public record Row(Namespace ns, int nprocs, int ntasks, int pid, long uid, String user, String command) {}

    public static List<Row> rows(Snapshot s, Set<NsKind> kinds, boolean threads, Integer onlyPid) {
        List<Row> out = new ArrayList<>();
        for (Namespace n : s.namespaces().values()) {
            if (!kinds.contains(n.kind())) continue;
            if (n.processes().isEmpty() && (!threads || n.tasks().isEmpty())) continue;
            if (onlyPid != null && !n.processes().contains(onlyPid)) continue;
            // the lowest PID in it represents it, as in lsns; for a thread-only namespace, the lowest TID
            int rep = n.processes().isEmpty() ? n.tasks().get(0) : n.processes().get(0);
            Task t = s.tasks().get(rep);
            long uid = t.uids().known() ? t.uids().get().effective() : -1;
            String user = uid < 0 ? "?" : s.userName(uid).orElse(Long.toString(uid));
            out.add(new Row(n, n.processes().size(), n.tasks().size(), rep, uid, user, t.commandLine()));
        }
        return out;
    }
}
