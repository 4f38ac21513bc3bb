package nscope.probes.model;

import java.util.List;
import java.util.Map;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * One task (thread) as the kernel describes it in /proc/TGID/task/TID.
 * The thread group leader has tid == tgid. Every field that could not be
 * read says why, through {@link Readout}.
 *
 * @param startTime start time in clock ticks after boot (field 22 of stat);
 *                  with tid it identifies a task across PID reuse
 * @param cmdline   the process's argv (shared by its threads); empty for kernel threads
 * @param nsPid     the task's PID in its own and every ancestor pid namespace,
 *                  outermost first (NSpid of status); likewise nsTgid, nsPgid, nsSid
 */
public record Task(
        int tid,
        int tgid,
        int ppid,
        char state,
        String comm,
        long startTime,
        int pgrp,
        int session,
        boolean kernelThread,
        Readout<Ids> uids,
        Readout<Ids> gids,
        Readout<List<Integer>> nsPid,
        Readout<List<Integer>> nsTgid,
        Readout<List<Integer>> nsPgid,
        Readout<List<Integer>> nsSid,
        Readout<List<String>> cmdline,
        Map<NsLink, Readout<NsId>> namespaces) {

    public Task {
        namespaces = NsLinks.of(namespaces);
    }

    // Written out: a record's generated equals goes through method handles, which the quick-start compiler
    // does not inline; the live refresh compares every task it read again with the one it had (12,000 on a
    // big host), and shared parts (the links of a process, its command line) compare by identity first.
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        return o instanceof Task t
                && tid == t.tid
                && tgid == t.tgid
                && ppid == t.ppid
                && state == t.state
                && startTime == t.startTime
                && pgrp == t.pgrp
                && session == t.session
                && kernelThread == t.kernelThread
                && same(comm, t.comm)
                && namespaces.equals(t.namespaces)
                && same(uids, t.uids)
                && same(gids, t.gids)
                && same(nsPid, t.nsPid)
                && same(nsTgid, t.nsTgid)
                && same(nsPgid, t.nsPgid)
                && same(nsSid, t.nsSid)
                && same(cmdline, t.cmdline);
    }

    private static boolean same(Object a, Object b) {
        return java.util.Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        int h = tid;
        h = 31 * h + tgid;
        h = 31 * h + Long.hashCode(startTime);
        h = 31 * h + state;
        h = 31 * h + java.util.Objects.hashCode(comm);
        return 31 * h + namespaces.hashCode();
    }

    public boolean leader() {
        return tid == tgid;
    }

    /** The link's namespace, or why it is unknown. */
    public Readout<NsId> ns(NsLink link) {
        Readout<NsId> r = namespaces.get(link);
        return r != null ? r : Readout.unknown(Unknown.Reason.IO_ERROR, "not read");
    }

    /** The key that tells this task from a later one that reuses its TID. */
    public TaskKey key() {
        return new TaskKey(tid, startTime);
    }

    /** argv joined by spaces, as ps and lsns print it; comm when there is none. */
    public String commandLine() {
        if (cmdline.known() && !cmdline.get().isEmpty()) return String.join(" ", cmdline.get());
        return comm;
    }
}
