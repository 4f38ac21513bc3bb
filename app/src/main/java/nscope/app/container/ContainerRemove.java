package nscope.app.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.Signals;
import nscope.app.audit.Audited;
import nscope.app.exec.HostCommand;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * Ending and removing what a container made: its processes, its monitor,
 * cgroups, veth, the bridge when it was the last, a partial image unpack,
 * its writable layer and its directory. Every signal and every removal is
 * an audited change of its own. Works on a container left half made (its
 * state names each object before it was made; one never made is skipped).
 */
public final class ContainerRemove {
    private ContainerRemove() {}

    /**
     * SIGKILL to every process in the container's cgroups, each through a
     * pidfd opened while its PID is listed there and checked to be still
     * in the cgroup (a PID that ended and was reused is not signalled),
     * again until none is left; then the monitor, if it still runs.
     */
    static void killAll(Kernel k, Audited audited, ContainerState c) throws ActionException {
        for (int round = 0; round < 300; round++) {
            boolean any = false;
            for (ContainerState.Cg g : c.cgroups()) {
                Path dir = Path.of(g.mountPoint(), g.path());
                List<String> pids;
                try {
                    pids = Files.readAllLines(dir.resolve("cgroup.procs"));
                } catch (IOException e) {
                    continue; // that cgroup is gone already, or was never made
                }
                for (String p : pids) {
                    if (p.isBlank()) continue;
                    any = true;
                    kill(k, audited, Integer.parseInt(p.strip()), g, c.name());
                }
            }
            if (!any) break;
            sleep(10);
            if (round == 299)
                throw new ActionException(
                        "its processes did not end after SIGKILL (one may be stuck in the kernel, or frozen)");
        }
        if (c.monitor() != null && c.monitor().alive()) {
            Audited.Outcome o = audited.signal(k, c.monitor().pid(), c.monitor().startTime(), 9);
            if (!o.ok() && c.monitor().alive())
                throw new ActionException("its monitor (PID " + c.monitor().pid() + "): " + o.result());
        }
    }

    private static void kill(Kernel k, Audited audited, int pid, ContainerState.Cg g, String name)
            throws ActionException {
        Fd pidfd;
        try {
            pidfd = k.pidfdOpen(pid);
        } catch (KernelException e) {
            return; // gone meanwhile
        }
        try (pidfd) {
            // the pidfd holds whatever has the PID now: only a process still in the container's cgroup is signalled
            String cgroups = Files.readString(Path.of("/proc", Integer.toString(pid), "cgroup"));
            if (!cgroups.contains(":" + g.path() + "\n") && !cgroups.contains(":" + g.path() + "/")) return;
            long start = Signals.startTime(k, "/proc", pid);
            audited.change("kill SIGKILL", "pid " + pid + " start " + start + " (container " + name + ")", () -> {
                try {
                    k.pidfdSendSignal(pidfd, 9);
                    return "sent SIGKILL";
                } catch (KernelException e) {
                    if (e.errno() == nscope.kernel.Errno.ESRCH) return "it had ended";
                    throw new ActionException("PID " + pid + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            // its /proc entry went: it ended
        }
    }

    /**
     * stop: SIGTERM to PID 1 (bound to its start time), then, if it is still
     * there after the grace time, SIGKILL to every process in its cgroups.
     * PID 1 of a pid namespace ignores SIGTERM without a handler, as docker
     * stop finds too. What happened, in words.
     */
    public static String stop(Kernel k, Audited audited, ContainerState c, int seconds) throws ActionException {
        if (!c.running()) return c.name() + " is not running";
        return audited.change("stop", c.name(), () -> stopIt(k, audited, c, seconds));
    }

    private static String stopIt(Kernel k, Audited audited, ContainerState c, int seconds) throws ActionException {
        Audited.Outcome term = audited.signal(k, c.pid(), c.startTime(), Signals.parse("TERM"));
        for (int i = 0; i < seconds * 10 && c.running(); i++) sleep(100);
        if (!c.running()) return "stopped " + c.name() + " by SIGTERM" + (term.ok() ? "" : " (" + term.result() + ")");
        killAll(k, audited, c);
        return "stopped " + c.name() + ": SIGKILL to every process after " + seconds
                + " s (PID 1 ignored SIGTERM or was still ending)";
    }

    /** Removes one cgroup nscope made for a container; one already gone (or never made) is fine. */
    static void rmdirCgroup(Kernel k, Audited audited, ContainerState.Cg g) throws ActionException {
        if (!Files.isDirectory(Path.of(g.mountPoint(), g.path()))) return;
        audited.change("cgroup rmdir", g.label(), () -> {
            ActionException last = null;
            for (int i = 0; i < 100; i++) {
                try {
                    new CgroupWrites(k, g.mountPoint(), g.version() == 2).rmdir(g.path());
                    return "removed " + g.label();
                } catch (ActionException e) {
                    last = e; // a killed process leaves the cgroup a moment later
                    sleep(10);
                }
            }
            throw last;
        });
    }

    /** The parent nscope made for containers (/nscope), removed when no container is left in it. */
    static void rmdirParentIfEmpty(Kernel k, Audited audited, ContainerState.Cg g) throws ActionException {
        String parent = g.path().substring(0, g.path().lastIndexOf('/'));
        Path dir = Path.of(g.mountPoint(), parent);
        if (parent.isEmpty() || !Files.isDirectory(dir)) return;
        try (var s = Files.list(dir)) {
            if (s.anyMatch(Files::isDirectory)) return; // other containers' cgroups
        } catch (IOException e) {
            return;
        }
        String label = g.label().substring(0, g.label().indexOf(':') + 1) + parent;
        audited.change("cgroup rmdir", label, () -> {
            new CgroupWrites(k, g.mountPoint(), g.version() == 2).rmdir(parent);
            return "removed " + label + " (no container left in it)";
        });
    }

    /**
     * rm: its processes and monitor (when forced, or not running), veth,
     * cgroups (then their parent if empty), the bridge when nscope made it
     * and no container is left on it, a partial image unpack, its writable
     * layer and its directory. Every step is tried; what failed is said together.
     */
    public static void remove(Kernel k, Audited audited, ContainerState c, boolean force) throws ActionException {
        if (c.creating())
            throw new ActionException("nscope (PID " + c.creator().pid()
                    + ") is making it right now: wait for it, or end that nscope first");
        String was = c.state();
        audited.change("rm", c.name(), () -> {
            removeAll(k, audited, c, force);
            return "removed the container (it was " + was + ") and all it made";
        });
    }

    private static void removeAll(Kernel k, Audited audited, ContainerState c, boolean force) throws ActionException {
        List<String> failed = new ArrayList<>();
        if (force || !c.running()) attempt(failed, () -> killAll(k, audited, c));
        if (c.veth() != null) attempt(failed, () -> ContainerNet.remove(c.veth(), audited));
        for (ContainerState.Cg g : c.cgroups())
            attempt(failed, () -> {
                rmdirCgroup(k, audited, g);
                rmdirParentIfEmpty(k, audited, g);
            });
        if (c.bridge() != null) attempt(failed, () -> bridgeIfLast(c, audited));
        for (String p :
                new String[] {c.unpacking(), c.dataDir().toString(), c.dir().toString()}) {
            if (p == null || !Files.exists(Path.of(p))) continue;
            attempt(
                    failed,
                    () -> audited.change("rm dir", p, () -> {
                        HostCommand.removeTree(Path.of(p));
                        return "removed " + p;
                    }));
        }
        if (!failed.isEmpty()) throw new ActionException("not all removed: " + String.join("; ", failed));
    }

    private interface Step {
        void run() throws ActionException;
    }

    private static void attempt(List<String> failed, Step s) {
        try {
            s.run();
        } catch (ActionException e) {
            failed.add(e.getMessage());
        }
    }

    /** The bridge goes with the last container on it, if nscope made it (its marker is in the state directory). */
    static void bridgeIfLast(ContainerState c, Audited audited) throws ActionException {
        try (ContainerLock lock = ContainerLock.take()) {
            Path marker = ContainerState.root().resolve(".bridge-" + c.bridge());
            if (!Files.exists(marker)) return;
            for (ContainerState o : ContainerState.all())
                if (!o.name().equals(c.name()) && c.bridge().equals(o.bridge())) return;
            if (!ContainerNet.bridgeEmpty(c.bridge())) return;
            ContainerNet.remove(c.bridge(), audited);
            Files.delete(marker);
        } catch (IOException e) {
            throw new ActionException("the bridge " + c.bridge() + ": " + e.getMessage());
        }
    }

    static void sleep(long ms) throws ActionException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }
}
