package nscope.probes.lens;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;

/**
 * Who else the lens needs: a pid namespace's PID 1 and a member of each user namespace. Asked first
 * of the task's ancestors (its parent, their parents, ... up to PID 1), which hold them in nearly every
 * case; only what they do not hold is looked for among every process, whose pid and user links are
 * then read once (two readlinks a process).
 */
final class Census {
    /** An ancestor: its host PID and what the lens asks of it. */
    record Proc(
            int pid, int ppid, String comm, Readout<List<Integer>> nsPid, Readout<NsId> pidNs, Readout<NsId> userNs) {}

    private static final int MAX_DEPTH = 256;

    private final Reads reads;
    private final int start;
    private List<Proc> ancestors;
    /** Every process's pid and user namespace inode, read at the first question the ancestors cannot answer. */
    private Map<Integer, long[]> everyone;

    Census(Reads reads, int startTgid) {
        this.reads = reads;
        this.start = startTgid;
    }

    /** The task's process and its ancestors, nearest first, up to one whose parent is 0 (or unreadable). */
    List<Proc> ancestors() {
        if (ancestors != null) return ancestors;
        List<Proc> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int pid = start;
        while (pid > 0 && seen.add(pid) && out.size() < MAX_DEPTH) {
            Proc p = proc(pid);
            if (p == null) break;
            out.add(p);
            pid = p.ppid();
        }
        return ancestors = List.copyOf(out);
    }

    /** A process by host PID, read through its leader's task directory; null when it cannot be read. */
    Proc proc(int pid) {
        Readout<Reads.Seen> s = reads.task(pid, pid);
        if (!s.known()) return null;
        Reads.Seen t = s.get();
        return new Proc(pid, t.stat().ppid(), t.stat().comm(), t.nsPid(), t.link(NsLink.PID), t.link(NsLink.USER));
    }

    /**
     * The host PID of the pid namespace's PID 1: a process whose pid link is that namespace and whose
     * last NSpid number is 1.
     */
    Readout<Integer> init(NsId ns, int level) {
        for (Proc p : ancestors()) if (isInit(p, ns)) return Readout.of(p.pid());
        // the pid namespace of nscope's /proc has its PID 1 at /proc/1, even where that process hides its links
        Proc one = level == 0 ? proc(1) : null;
        if (one != null && one.nsPid().known() && one.nsPid().get().equals(List.of(1))) return Readout.of(1);
        Readout<Map<Integer, long[]>> all = everyone();
        if (!all.known()) return Readout.unknown(all.why());
        for (Map.Entry<Integer, long[]> e : all.get().entrySet()) {
            if (e.getValue()[0] != ns.ino()) continue;
            Proc p = proc(e.getKey());
            if (p != null && isInit(p, ns)) return Readout.of(p.pid());
        }
        return Readout.unknown(
                Reason.EXITING,
                "no process of pid:[" + ns + "] is its PID 1: it has exited (the namespace is ending)"
                        + " or it is hidden from nscope");
    }

    private static boolean isInit(Proc p, NsId ns) {
        return p.pidNs().known()
                && p.pidNs().get().ino() == ns.ino()
                && p.nsPid().known()
                && p.nsPid().get().get(p.nsPid().get().size() - 1) == 1;
    }

    /** The task's ancestors (itself first) in a user namespace. */
    List<Integer> userAncestors(NsId ns) {
        List<Integer> out = new ArrayList<>();
        for (Proc p : ancestors()) if (p.userNs().known() && p.userNs().get().ino() == ns.ino()) out.add(p.pid());
        return out;
    }

    /** Other processes in a user namespace, lowest PIDs first, at most {@code max}: every process is listed for it. */
    List<Integer> userOthers(NsId ns, int max) {
        List<Integer> out = new ArrayList<>();
        Readout<Map<Integer, long[]>> all = everyone();
        if (!all.known()) return out;
        for (Map.Entry<Integer, long[]> e : all.get().entrySet()) {
            if (e.getValue()[1] == ns.ino()) out.add(e.getKey());
            if (out.size() >= max) break;
        }
        return out;
    }

    /** Whether the full listing of processes was needed (for the figures: it is the dear part). */
    boolean listedEveryone() {
        return everyone != null;
    }

    private Readout<Map<Integer, long[]>> everyone() {
        if (everyone != null) return Readout.of(everyone);
        List<String> names;
        try {
            names = reads.host().files().list(reads.proc());
        } catch (IOException e) {
            return reads.failed(reads.proc(), e);
        }
        Map<Integer, long[]> out = new java.util.TreeMap<>();
        for (String n : names) {
            int pid = PidName.parse(n);
            if (pid <= 0) continue;
            Path ns = reads.taskDir(pid, pid).resolve("ns");
            out.put(pid, new long[] {inode(ns.resolve("pid")), inode(ns.resolve("user"))});
        }
        everyone = out;
        return Readout.of(out);
    }

    /** A link's inode; 0 when it cannot be read (the process left, or refuses us). */
    private long inode(Path link) {
        try {
            return nscope.probes.parse.NsLinkText.parse(reads.host().files().readLink(link))
                    .inode();
        } catch (IOException | nscope.probes.parse.Malformed e) {
            return 0;
        }
    }
}
