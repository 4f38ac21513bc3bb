package nscope.app.exec;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.Launch;
import nscope.app.audit.Audited;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.Tty;

/**
 * Runs a {@link Launch} for the operator, never handing it the operator's
 * terminal: with a terminal on nscope's input the child gets a
 * pseudo-terminal of its own that nscope relays (as docker exec -t does),
 * so Ctrl-C, Ctrl-Z and terminal replies stay inside it and window size
 * changes are passed on; without one, its output and errors go through
 * pipes that nscope copies (as docker run without -t does) and its input is
 * nscope's, which is then not a terminal. Either way it runs in a session
 * of its own, so its /dev/tty is never the operator's: TIOCSTI from inside
 * cannot type into the operator's shell. Java's ProcessBuilder passes the
 * child no descriptor but these three.
 */
public final class Interactive {
    private static final int SIGCONT = 18;
    private final Kernel k;
    private final Audited audited;

    public Interactive(Kernel k, Audited audited) {
        this.k = k;
        this.audited = audited;
    }

    /** Starts the launch on a pty of its own, or on pipes; attach to it to relay. */
    public Running start(Launch l) throws ActionException {
        return start(l, null);
    }

    /** Starts the launch in the background, outliving nscope: its input /dev/null, its output appended to log. */
    public Running startDetached(Launch l, Path log) throws ActionException {
        return start(l, log);
    }

    private Running start(Launch l, Path log) throws ActionException {
        Tty tty = new Tty(k);
        boolean onTty = log == null && tty.isTty(0);
        List<String> argv = new ArrayList<>();
        // a session of its own; on a terminal, with its pty as the controlling terminal (the helper does this itself)
        if (!l.ownSession()) argv.addAll(onTty ? List.of("setsid", "-c") : List.of("setsid"));
        argv.addAll(l.joins().isEmpty() || l.stopsItself() ? l.argv() : waitingFirst(l.argv()));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(l.env());
        Tty.Pty pty = null;
        try {
            if (onTty) {
                pty = tty.openPty();
                int[] size = nscope.kernel.WindowSize.of(0);
                if (size != null) tty.setSize(pty.master(), size[0], size[1]);
                File slave = new File(pty.slave());
                pb.redirectInput(slave)
                        .redirectOutput(Redirect.appendTo(slave))
                        .redirectError(Redirect.appendTo(slave));
            } else if (log != null) {
                pb.redirectInput(new File("/dev/null"))
                        .redirectOutput(Redirect.appendTo(log.toFile()))
                        .redirectErrorStream(true);
            } else {
                // not a terminal: nscope's input as it is; output and errors through pipes nscope copies
                pb.redirectInput(Redirect.INHERIT).redirectOutput(Redirect.PIPE).redirectError(Redirect.PIPE);
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ActionException("cannot start " + argv.get(0) + " (" + e.getMessage() + ")");
            }
            if (!l.joins().isEmpty()) join(p, p.pid(), l.joins());
            try {
                l.started().run(p.pid());
            } catch (ActionException | RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
            return new Running(tty, pty, p, l, onTty || log != null ? null : new Running.Pipes(p));
        } catch (KernelException e) {
            closeAll(pty, l);
            throw new ActionException("the terminal: " + e.getMessage());
        } catch (ActionException | RuntimeException e) {
            closeAll(pty, l);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(pty, l);
            throw new ActionException("interrupted");
        }
    }

    private static void closeAll(Tty.Pty pty, Launch l) {
        if (pty != null) pty.close();
        l.close();
    }

    /** The child stops itself until it is in its cgroups: nothing it runs starts outside them. A fixed script; argv follows as "$@". */
    private static List<String> waitingFirst(List<String> argv) {
        List<String> a = new ArrayList<>(List.of("/bin/sh", "-c", "kill -STOP $$; exec \"$@\"", "nscope-join"));
        a.addAll(argv);
        return a;
    }

    /** Lets a process that stopped itself go on. */
    static void cont(Kernel k, long pid) throws ActionException {
        try (Fd pidfd = k.pidfdOpen((int) pid)) {
            k.pidfdSendSignal(pidfd, SIGCONT);
        } catch (KernelException e) {
            throw new ActionException("cannot let PID " + pid + " go on: " + e.getMessage());
        }
    }

    /** The children of a process (/proc/PID/task/PID/children), oldest first; none when it is gone. */
    static long[] children(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children"))
                    .strip();
            return s.isEmpty()
                    ? new long[0]
                    : java.util.Arrays.stream(s.split(" "))
                            .mapToLong(Long::parseLong)
                            .toArray();
        } catch (IOException e) {
            return new long[0];
        }
    }

    /** Waits until PID has stopped itself (state T); false if it ended or took more than 5 s. */
    static boolean stopped(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (char st = state(pid); st != 'T'; st = state(pid)) {
            if (st == '?' || st == 'Z' || System.nanoTime() > deadline) return false;
            Thread.sleep(2);
        }
        return true;
    }

    private void join(Process p, long joining, List<Launch.CgroupJoin> joins)
            throws ActionException, InterruptedException {
        if (!stopped(joining)) {
            p.destroyForcibly();
            throw new ActionException("the child did not stop to be moved into its cgroups: nothing entered");
        }
        int pid = (int) joining;
        for (Launch.CgroupJoin j : joins) {
            Audited.Outcome o =
                    audited.cgroup(new CgroupWrites(k, j.mountPoint(), j.version() == 2), "mv", j.label(), w -> {
                        w.move(j.path(), pid, false);
                        return "moved PID " + pid + " (nscope's child, to enter) into " + j.label();
                    });
            if (!o.ok()) {
                p.destroyForcibly();
                throw new ActionException("joining " + j.label() + ": " + o.result() + ": nothing entered");
            }
        }
        try {
            cont(k, pid);
        } catch (ActionException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** The state letter of /proc/PID/stat ('T' stopped), or '?' when it cannot be read. */
    static char state(long pid) {
        return ProcStat.of(pid).map(nscope.probes.parse.StatLine::state).orElse('?');
    }
}
