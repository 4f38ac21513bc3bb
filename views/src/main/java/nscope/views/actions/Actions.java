package nscope.views.actions;

import java.util.List;

/**
 * What the screen may do to the host. The app wires the real operations in
 * (views never touch the kernel); read-only (--read-only, or not root) has
 * none, and says why when their key is pressed.
 */
public interface Actions {
    /** A process an action is for, bound to its start time so a reused PID is refused. */
    /** A process; for entering, one of its threads too (tid 0: the process itself). */
    record Target(int pid, long startTime, String label, int tid, long tidStart) {
        public Target(int pid, long startTime, String label) {
            this(pid, startTime, label, 0, 0);
        }
    }

    /** Why nothing may be changed from here, or null when actions are allowed. */
    String refusal();

    /** The signals offered, the default first. */
    List<String> signals();

    /** Sends the signal to each target; what happened, in one line for the status line. */
    String signal(List<Target> targets, String signal);

    /** A cgroup an action is for: its hierarchy (label, mount point, version) and its path there. */
    record CgroupTarget(String hierarchy, String mountPoint, int version, String path) {
        public String label() {
            return hierarchy + ":" + path;
        }
    }

    /** A change to one cgroup: "rmdir", "freeze" or "thaw"; what happened, in one line. */
    String cgroup(CgroupTarget target, String change);

    /** Makes a child cgroup NAME under parent; what happened, in one line. */
    String mkdir(CgroupTarget parent, String name);

    /** Writes interface files of a cgroup (memory.max -> "32M", ...) in this order; what happened, in one line. */
    String set(CgroupTarget target, java.util.Map<String, String> values);

    /** Moves a process (all its threads; tid 0) or one thread of it into each cgroup; what happened, in one line. */
    String move(Target process, int tid, List<CgroupTarget> into);

    /** A program run on the terminal while the screen is put aside (a shell in namespaces). */
    interface Session {
        /** Why it cannot run (and nothing was started), or null when it is ready. */
        String refusal();

        /** Runs it on the terminal until it ends or is put aside (Ctrl-]); what happened, for the status line. */
        String run();

        /** After run(): whether it was put aside and still runs (run() again goes back to it). */
        default boolean detached() {
            return false;
        }

        /** For a session put aside: null while it runs; once it has ended, what happened (said once). */
        default String ended() {
            return null;
        }

        /** Ends a session put aside (the screen quits). */
        default void end() {}

        static Session refused(String why) {
            return new Session() {
                @Override
                public String refusal() {
                    return why;
                }

                @Override
                public String run() {
                    return why;
                }
            };
        }
    }

    /**
     * How to enter: the namespace types (empty: every one that differs),
     * whether to join the cgroups too, the user ("": root) and the command
     * (empty: a shell).
     */
    record EnterChoice(java.util.Set<String> types, boolean cgroups, String user, List<String> command) {
        public static final EnterChoice ALL = new EnterChoice(java.util.Set.of(), false, "", List.of());
    }

    /** Enters the namespaces of a process, with its root and working directory. */
    Session enter(Target process, EnterChoice choice);

    /**
     * A namespace as files may hold it (a member's ns link, a holder's fd, a
     * bind mount): the first that still opens on inode ino is entered.
     *
     * @param shellRoot where a shell is looked for (a member's root for a mount namespace, else /)
     */
    record NsTarget(String type, long dev, long ino, List<String> files, String shellRoot) {
        public String label() {
            return type + ":[" + Long.toUnsignedString(ino) + "]";
        }
    }

    /** Enters one namespace only. */
    Session enterNamespace(NsTarget ns, EnterChoice choice);

    /** What to unshare: types, fork, a new /proc, the caller mapped to root, a hostname ("": unchanged), a command (empty: a shell). */
    record UnshareChoice(
            java.util.Set<String> types,
            boolean fork,
            boolean mountProc,
            boolean mapRoot,
            String hostname,
            List<String> command) {}

    /** Runs a command (a shell) in new namespaces. */
    Session unshare(UnshareChoice choice);

    /** A container to make: empty strings for the defaults (a generated name, no limit, /bin/sh, the subnet's next address). */
    record RunChoice(
            String name,
            String image,
            List<String> command,
            String hostname,
            String memory,
            String pids,
            String cpu,
            String net,
            String ip,
            boolean userns,
            boolean timens) {}

    /** Makes a container and runs its command interactively (the screen steps aside; Ctrl-] leaves it running). */
    Session run(RunChoice choice);

    /** Makes a container that runs in the background; what happened, in one line. */
    String runDetached(RunChoice choice);

    /** "stop" or "rm" (forced) one of nscope's containers; what happened, in one line. */
    String container(String name, String change);

    /** nscope's containers as nscope ps lists them: a header line, then a line per container, its name first. */
    List<String> containers();

    /** No actions, for this reason. */
    static Actions readOnly(String why) {
        return new Inert(why, "read-only: " + why);
    }

    /** For screenshots: every dialog opens as it does for root, and nothing is done. */
    static Actions showOnly() {
        return new Inert(null, "screenshot: nothing done");
    }

    /** Actions that do nothing and say so; refusal null lets the dialogs open. */
    record Inert(String refusal, String words) implements Actions {
        @Override
        public List<String> signals() {
            return refusal == null ? List.of("TERM", "KILL") : List.of();
        }

        @Override
        public String signal(List<Target> targets, String signal) {
            return words;
        }

        @Override
        public String cgroup(CgroupTarget target, String change) {
            return words;
        }

        @Override
        public String mkdir(CgroupTarget parent, String name) {
            return words;
        }

        @Override
        public String set(CgroupTarget target, java.util.Map<String, String> values) {
            return words;
        }

        @Override
        public String move(Target process, int tid, List<CgroupTarget> into) {
            return words;
        }

        @Override
        public Session enter(Target process, EnterChoice choice) {
            return Session.refused(words);
        }

        @Override
        public Session enterNamespace(NsTarget ns, EnterChoice choice) {
            return Session.refused(words);
        }

        @Override
        public Session unshare(UnshareChoice choice) {
            return Session.refused(words);
        }

        @Override
        public Session run(RunChoice choice) {
            return Session.refused(words);
        }

        @Override
        public String runDetached(RunChoice choice) {
            return words;
        }

        @Override
        public String container(String name, String change) {
            return words;
        }

        @Override
        public List<String> containers() {
            return List.of();
        }
    }
}
