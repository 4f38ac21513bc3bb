package nscope.probes.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.probes.model.NsKind;
import nscope.probes.parse.PidName;

/**
 * A thread group read in one call ({@link GroupRead}), turned into the
 * TaskFiles the call-by-call reader makes: the same bytes, the same
 * failures, stat and status lent in this thread's buffers.
 */
final class GroupRecords {
    private GroupRecords() {}

    /** Buffers for stat and status, lent to the visitor until this thread's next task. */
    private static final ThreadLocal<byte[][]> FILE_BUF =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[1024], new byte[4096], new byte[256]});

    /**
     * Each task of the records, in the order listed; with {@code cmdline}, the records start with the process's
     * command line, which the first task carries.
     */
    static void each(GroupRead.Records r, boolean cmdline, LinkNames names, HostFiles.TaskVisitor each) {
        Head head = cmdline ? Head.of(r) : null;
        while (r.more()) {
            int tid = r.next();
            TaskFiles t = task(r, tid, names.cNames(), names.kinds());
            if (head != null) head.into(t);
            head = null;
            each.task(Integer.toString(tid), t);
        }
    }

    /** The records' first when asked for: the process's command line, or why it could not be read. */
    private record Head(byte[] bytes, java.io.IOException error) {
        static Head of(GroupRead.Records r) {
            int v = r.next();
            return v < 0 ? new Head(null, GroupRead.Records.failure(-v, "cmdline")) : new Head(r.bytes(v), null);
        }

        void into(TaskFiles t) {
            t.cmdline = bytes;
            t.cmdlineError = error;
        }
    }

    /**
     * The task in {@code dir} (/proc/PID/task/TID) alone, or null when its
     * name is not a TID (the caller reads it call by call then).
     */
    static TaskFiles one(GroupRead batch, Path dir, LinkNames names) {
        return one(batch, dir, names, null);
    }

    /** {@link #one(GroupRead, Path, LinkNames)}, with a file of the process read first into the TaskFiles. */
    static TaskFiles one(GroupRead batch, Path dir, LinkNames names, byte[] head) {
        byte[][] cNames = names.cNames();
        NsKind[] kinds = names.kinds();
        if (dir.getParent() == null) return null;
        int tid = PidName.parse(dir.getFileName().toString());
        if (tid <= 0) return null;
        try {
            // a TID read alone always comes back as one record: its stat, or why stat failed
            GroupRead.Records r =
                    batch.read(Kernel.cPath(dir.getParent().toString()), head, names.joined(), cNames.length, tid);
            Head first = head == null ? null : Head.of(r);
            TaskFiles t = task(r, r.next(), cNames, kinds);
            if (first != null) first.into(t);
            return t;
        } catch (KernelException e) {
            TaskFiles t = new TaskFiles(cNames.length);
            t.statError = e;
            if (head != null) t.cmdlineError = e; // the task directory would not open: nor was the command line read
            return t;
        }
    }

    private static TaskFiles task(GroupRead.Records r, int tid, byte[][] cNames, NsKind[] kinds) {
        int nlinks = cNames.length;
        TaskFiles t = new TaskFiles(nlinks);
        byte[][] bufs = FILE_BUF.get();
        int v = r.next();
        if (v < 0) {
            t.statError = GroupRead.Records.failure(-v, tid + "/stat");
            return t;
        }
        t.stat = bytes(r, bufs, 0, v);
        t.statLength = v;
        v = r.next();
        if (v < 0) {
            t.statusError = GroupRead.Records.failure(-v, tid + "/status");
            return t;
        }
        t.status = bytes(r, bufs, 1, v);
        t.statusLength = v;
        if (nlinks == 0) return t;
        v = r.next();
        if (v < 0) {
            java.util.Arrays.fill(t.linkErrors, GroupRead.Records.failure(-v, tid + "/ns"));
            return t;
        }
        for (int i = 0; i < nlinks; i++) {
            v = r.next();
            if (v < 0) {
                t.linkErrors[i] = GroupRead.Records.failure(-v, tid + "/ns/" + name(cNames[i]));
                continue;
            }
            t.link(i, bytes(r, bufs, 2, v), v, kinds[i]);
        }
        return t;
    }

    /** The next len bytes in this thread's i-th buffer, grown to hold them with room to spare (a parser may look one past). */
    private static byte[] bytes(GroupRead.Records r, byte[][] bufs, int i, int len) {
        if (bufs[i].length <= len) bufs[i] = new byte[Math.max(len + 1, bufs[i].length * 2)];
        r.bytes(bufs[i], len);
        return bufs[i];
    }

    private static String name(byte[] c) {
        return new String(c, 0, c.length - 1, StandardCharsets.UTF_8);
    }
}
