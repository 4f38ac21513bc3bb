package nscope.views.tree;

import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;

/**
 * What a row stands for, typed: the selection, the expanded rows, the
 * cross-links and the history to go back are kept by these keys (by
 * equals), so a refresh that rebuilds every row moves nothing. No code
 * takes a key apart from text: each record carries its parts.
 */
public sealed interface RowKey {
    /**
     * What search and filter match besides a row's cells: the text the rows
     * were known by before the keys were typed ("p:1@5", "cg:0:29:/a/b"), so
     * a cgroup's whole path or a process's start time still finds it.
     */
    String text();

    /** A process (its leader: tid is the TGID) or one of its other threads, with the start time that makes it unique across PID reuse. */
    record Task(int tid, long startTime, boolean thread) implements RowKey {
        public static Task process(nscope.probes.model.Task t) {
            return new Task(t.tgid(), t.startTime(), false);
        }

        public static Task thread(nscope.probes.model.Task t) {
            return new Task(t.tid(), t.startTime(), true);
        }

        /** The row of a task: its process's when it is the leader, else its own as a thread. */
        public static Task of(nscope.probes.model.Task t) {
            return t.leader() ? process(t) : thread(t);
        }

        @Override
        public String text() {
            return (thread ? "t:" : "p:") + tid + "@" + startTime;
        }

        // equals and hashCode written out: a record's own are bootstrapped through method handles at first use,
        // some milliseconds each of the first frame (see NsId)
        @Override
        public boolean equals(Object o) {
            return o instanceof Task k && k.tid == tid && k.startTime == startTime && k.thread == thread;
        }

        @Override
        public int hashCode() {
            return (tid * 31 + Long.hashCode(startTime)) * 2 + (thread ? 1 : 0);
        }
    }

    /** The group of all namespaces of one type. */
    record NsGroup(NsKind kind) implements RowKey {
        @Override
        public String text() {
            return "k:" + kind.label();
        }
    }

    /** A namespace on the namespaces screen. */
    record Namespace(NsKind kind, NsId id) implements RowKey {
        @Override
        public String text() {
            return "ns:" + id.dev() + ":" + Long.toUnsignedString(id.ino());
        }

        // written out, as Task's
        @Override
        public boolean equals(Object o) {
            return o instanceof Namespace k && k.kind == kind && k.id.equals(id);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + id.hashCode();
        }
    }

    /** A cgroup hierarchy, by its superblock's device ("0:29"). */
    record Hierarchy(String device) implements RowKey {
        @Override
        public String text() {
            return "h:" + device;
        }
    }

    /** A cgroup: its hierarchy's device and its path there. */
    record Cgroup(String device, String path) implements RowKey {
        @Override
        public String text() {
            return "cg:" + device + ":" + path;
        }
    }

    /** A mount namespace on the mounts screen (the root of its mount tree). */
    record MountNs(NsId ns) implements RowKey {
        @Override
        public String text() {
            return "mnt:" + ns.dev() + ":" + Long.toUnsignedString(ns.ino());
        }
    }

    /** A mount of a mount namespace, by its mount ID. */
    record Mount(NsId ns, int mountId) implements RowKey {
        @Override
        public String text() {
            return new MountNs(ns).text() + ":" + mountId;
        }
    }

    /** The index-th layer line of an overlay mount. */
    record Layer(NsId ns, int mountId, int index) implements RowKey {
        @Override
        public String text() {
            return new Mount(ns, mountId).text() + ":layer" + index;
        }
    }
}
