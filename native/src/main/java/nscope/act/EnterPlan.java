package nscope.act;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.kernel.DevIno;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NsType;

/**
 * How to enter namespaces, for a child process (the multithreaded JVM cannot
 * setns into mnt, user or pid namespaces itself): util-linux's nsenter,
 * given the namespace files as /proc/JVM/fd/N paths of descriptors nscope
 * opened after checking the target, so a process that exits meanwhile and
 * whose PID is reused cannot be entered by mistake.
 */
public final class EnterPlan {
    private EnterPlan() {}

    /** The nsenter option for each type, in setns order as nsenter does it (user first). */
    static String option(NsType t) {
        return switch (t) {
            case MNT -> "--mount";
            case UTS -> "--uts";
            case IPC -> "--ipc";
            case NET -> "--net";
            case PID -> "--pid";
            case USER -> "--user";
            case CGROUP -> "--cgroup";
            case TIME -> "--time";
        };
    }

    /**
     * Entering a process: its namespaces of these types (empty: every type in
     * which it differs from nscope), its root and working directory, a shell
     * (its $SHELL if that is in its root, else bash, else sh) or the command.
     *
     * @param user "" to stay root (in a user namespace entered: its root), else "UID" or "UID:GID"
     */
    public static Launch process(
            Kernel k,
            String proc,
            int pid,
            long startTime,
            Set<NsType> types,
            String user,
            List<String> command,
            Map<String, String> env,
            String label)
            throws ActionException {
        return process(k, proc, pid, startTime, null, types, user, command, env, label);
    }

    /**
     * The same for one thread of the process: its own namespaces, root and
     * directory (a thread may have left its leader's with setns or unshare),
     * read from /proc/PID/task/TID while the process's pidfd shows it alive
     * and the thread's start time shows it is still that thread.
     *
     * @param thread the thread, or null for the process itself (its leader)
     */
    public static Launch process(
            Kernel k,
            String proc,
            int pid,
            long startTime,
            Bound.Thread thread,
            Set<NsType> types,
            String user,
            List<String> command,
            Map<String, String> env,
            String label)
            throws ActionException {
        String nothing = "nothing started";
        String dir = thread == null ? proc + "/" + pid : proc + "/" + pid + "/task/" + thread.tid();
        String who = thread == null ? "PID " + pid : "thread " + thread.tid() + " of PID " + pid;
        List<Fd> held = new ArrayList<>();
        try (Fd pidfd = Bound.pin(k, proc, pid, startTime, nothing)) {
            List<String> argv = new ArrayList<>(List.of("nsenter"));
            List<String> entered = new ArrayList<>();
            for (NsType t : types.isEmpty() ? EnumSet.allOf(NsType.class) : types) {
                String theirs = link(dir + "/ns/" + t.link()), ours = link("/proc/self/ns/" + t.link());
                if (theirs == null) {
                    if (thread != null && !Files.exists(Path.of(dir)))
                        throw new ActionException(who + " has ended: " + nothing);
                    if (types.contains(t))
                        throw new ActionException(who + " has no readable " + t.link() + " namespace: " + nothing);
                    continue; // a type this kernel does not have (time before 5.6)
                }
                if (theirs.equals(ours)) continue; // already there (setns into one's own user namespace is refused)
                Fd fd = open(k, dir + "/ns/" + t.link(), held);
                argv.add(option(t) + "=" + viaJvm(fd));
                entered.add(t.link());
            }
            Fd root = open(k, dir + "/root", held);
            Fd cwd = open(k, dir + "/cwd", held);
            // opened through /proc/PID while the pidfd shows it alive: they are that process's, not a successor's
            Bound.alive(k, pidfd, pid, nothing);
            if (thread != null) Bound.sameThread(k, proc, pid, thread, nothing);
            argv.add("--root=" + viaJvm(root));
            argv.add("--wd=" + viaJvm(cwd));
            addUser(argv, user);
            argv.add("--");
            if (command.isEmpty()) argv.add(shell(k, root, targetShell(proc, pid)));
            else argv.addAll(command);
            String what = (command.isEmpty() ? "a shell" : String.join(" ", command)) + " in " + who + " (" + label
                    + "): " + (entered.isEmpty() ? "no namespace differs from nscope's" : String.join(" ", entered))
                    + (thread == null ? ", its root and directory" : ", the thread's own, its root and directory");
            return new Launch(argv, env, held, List.of(), what);
        } catch (ActionException | RuntimeException e) {
            held.forEach(Fd::close);
            throw e;
        }
    }

    /**
     * For nscope's helper (nscope-init exec): PID's namespaces of these
     * types opened now, while its pidfd shows it is still the process that
     * started at startTime, as "--ns TYPE=/proc/JVM/fd/N" options; the
     * descriptors are added to held (close them once the helper runs).
     * Types in which it does not differ from nscope are left out.
     */
    public static List<String> helperOptions(
            Kernel k, String proc, int pid, long startTime, List<NsType> types, List<Fd> held) throws ActionException {
        String nothing = "nothing started";
        List<String> out = new ArrayList<>();
        try (Fd pidfd = Bound.pin(k, proc, pid, startTime, nothing)) {
            for (NsType t : types) {
                String theirs = link(proc + "/" + pid + "/ns/" + t.link()), ours = link("/proc/self/ns/" + t.link());
                if (theirs == null)
                    throw new ActionException("PID " + pid + " has no readable " + t.link() + " namespace: " + nothing);
                if (theirs.equals(ours)) continue;
                out.add(t.link() + "=" + viaJvm(open(k, proc + "/" + pid + "/ns/" + t.link(), held)));
            }
            Bound.alive(k, pidfd, pid, nothing);
            return out;
        }
    }

    /** The shell to start in PID's root: its $SHELL if there, else /bin/bash, else /bin/sh (looked up inside that root). */
    public static String shellIn(Kernel k, String proc, int pid) throws ActionException {
        List<Fd> held = new ArrayList<>();
        try {
            return shell(k, open(k, proc + "/" + pid + "/root", held), targetShell(proc, pid));
        } finally {
            held.forEach(Fd::close);
        }
    }

    /**
     * Entering one namespace only, through a file that holds it (a member's
     * /proc/PID/ns link, a holder's /proc/PID/fd/N, a bind mount), checked to
     * be the namespace the user chose by its inode.
     *
     * @param shellRoot where the shell is looked for (the root of a process in the mount namespace entered, else /)
     */
    public static Launch namespace(
            Kernel k,
            NsType type,
            String file,
            DevIno expected,
            String shellRoot,
            String user,
            List<String> command,
            Map<String, String> env)
            throws ActionException {
        List<Fd> held = new ArrayList<>();
        try {
            Fd fd = open(k, file, held);
            DevIno got;
            try {
                got = k.fstat(fd);
            } catch (KernelException e) {
                throw new ActionException("cannot check " + file + ": " + e.getMessage());
            }
            if (got.ino() != expected.ino() || got.dev() != expected.dev())
                throw new ActionException(file + " now holds " + type.link() + ":[" + Long.toUnsignedString(got.ino())
                        + "], not [" + Long.toUnsignedString(expected.ino())
                        + "] (it changed since the screen was drawn): nothing started");
            List<String> argv = new ArrayList<>(List.of("nsenter", option(type) + "=" + viaJvm(fd)));
            addUser(argv, user);
            argv.add("--");
            if (command.isEmpty()) {
                Fd root = open(k, shellRoot, held);
                argv.add(shell(k, root, System.getenv("SHELL")));
            } else argv.addAll(command);
            String what = (command.isEmpty() ? "a shell" : String.join(" ", command)) + " in " + type.link() + ":["
                    + Long.toUnsignedString(expected.ino()) + "] only";
            return new Launch(argv, env, held, List.of(), what);
        } catch (ActionException | RuntimeException e) {
            held.forEach(Fd::close);
            throw e;
        }
    }

    private static void addUser(List<String> argv, String user) throws ActionException {
        if (user == null || user.isEmpty()) return;
        if (!user.matches("[0-9]{1,10}(:[0-9]{1,10})?"))
            throw new ActionException(
                    "user: give a numeric UID or UID:GID (as the target's namespace numbers them), not "
                            + Names.shown(user));
        String[] ug = user.split(":");
        argv.addAll(List.of("--setuid", ug[0], "--setgid", ug.length > 1 ? ug[1] : ug[0]));
    }

    /** The JVM's own path to an open descriptor: the child opens it while nscope holds it. */
    static String viaJvm(Fd fd) {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd.number();
    }

    private static Fd open(Kernel k, String path, List<Fd> held) throws ActionException {
        try {
            Fd fd = k.open(path, nscope.kernel.LibC.O_RDONLY);
            held.add(fd);
            return fd;
        } catch (KernelException e) {
            throw new ActionException("cannot open " + path + ": " + e.getMessage() + ": nothing started");
        }
    }

    private static String link(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no such type, or the process went (the pidfd check says which)
        }
    }

    /** The SHELL variable of the target's environment, or null. */
    static String targetShell(String proc, int pid) {
        try {
            for (String v : new String(
                            Files.readAllBytes(Path.of(proc, String.valueOf(pid), "environ")), StandardCharsets.UTF_8)
                    .split("\0")) if (v.startsWith("SHELL=")) return v.substring(6);
        } catch (IOException e) {
            return null; // a kernel thread or a process gone: the next shells are tried
        }
        return null;
    }

    /** The first of $SHELL, /bin/bash, /bin/sh that is an executable file inside root (symlinks resolved inside it). */
    static String shell(Kernel k, Fd root, String preferred) throws ActionException {
        List<String> tried = new ArrayList<>();
        for (String s : new String[] {preferred, "/bin/bash", "/bin/sh"}) {
            if (s == null || !s.startsWith("/") || tried.contains(s)) continue;
            tried.add(s);
            try (Fd f = k.openInRoot(root, s)) {
                int mode = k.mode(f);
                if ((mode & 0170000) == 0100000 && (mode & 0111) != 0) return s;
            } catch (KernelException e) {
                // not there (or not reachable): the next one
            }
        }
        throw new ActionException(
                "no shell in the target's root (tried " + String.join(", ", tried) + "): give a command");
    }
}
