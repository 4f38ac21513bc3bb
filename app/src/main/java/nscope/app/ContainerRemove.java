package nscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.kernel.Kernel;

/** Ending and removing what a container made: its processes, cgroups, veth, the bridge when it was the last, its directory. */
final class ContainerRemove {
    private ContainerRemove() {}

    /**
     * SIGKILL to every process in the container's cgroups (v2: cgroup.kill;
     * v1: each PID of cgroup.procs, again until none is left), and the
     * relay's end freed. Only processes in the container's own cgroups.
     */
    static void killAll(Kernel k, List<ContainerState.Cg> cgroups, Running r) throws ActionException {
        if (r != null) r.end();
        for (int round = 0; round < 200; round++) {
            boolean any = false;
            for (ContainerState.Cg c : cgroups) {
                Path procs = Path.of(c.mountPoint(), c.path(), "cgroup.procs");
                List<String> pids;
                try {
                    pids = Files.readAllLines(procs);
                } catch (IOException e) {
                    continue; // that cgroup is gone already
                }
                for (String p : pids) {
                    if (p.isBlank()) continue;
                    any = true;
                    ProcessHandle.of(Long.parseLong(p.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (!any) return;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionException("interrupted while ending the container's processes");
            }
        }
        throw new ActionException("its processes did not end after SIGKILL (one may be stuck in the kernel, or frozen)");
    }

    /**
     * stop: SIGTERM to PID 1 (bound to its start time), then, if it is still
     * there after the grace time, SIGKILL to every process in its cgroups.
     * PID 1 of a pid namespace ignores SIGTERM without a handler, as docker
     * stop finds too. What happened, in words.
     */
    static String stop(Kernel k, Audited audited, ContainerState c, int seconds) throws ActionException {
        if (!c.running()) return c.name() + " is not running";
        Audited.Outcome term = audited.signal(k, c.pid(), c.startTime(), nscope.act.Signals.parse("TERM"));
        try {
            for (int i = 0; i < seconds * 10 && c.running(); i++) Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
        if (!c.running()) {
            String r = "stopped " + c.name() + " by SIGTERM" + (term.ok() ? "" : " (" + term.result() + ")");
            audited.logged("stop", c.name(), true, r);
            return r;
        }
        try {
            killAll(k, c.cgroups(), null);
        } catch (ActionException e) {
            audited.logged("stop", c.name(), false, e.getMessage());
            throw e;
        }
        String r = "stopped " + c.name() + ": SIGKILL to every process after " + seconds + " s";
        audited.logged("stop", c.name(), true, r);
        return r;
    }

    /** Removes one cgroup nscope made for a container; one already gone is fine. */
    static void rmdirCgroup(Kernel k, String mountPoint, int version, String path) throws ActionException {
        if (!Files.isDirectory(Path.of(mountPoint, path))) return;
        ActionException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                new CgroupWrites(k, mountPoint, version == 2).rmdir(path);
                return;
            } catch (ActionException e) {
                last = e; // a killed process leaves the cgroup a moment later
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * rm: its processes (when forced), veth, cgroups (then their parent if
     * empty), the bridge when nscope made it and no container is left on it,
     * its writable layer and its directory. Every step is tried; what failed is said together.
     */
    static void remove(Kernel k, Audited audited, ContainerState c, boolean force) throws ActionException {
        java.util.List<String> failed = new java.util.ArrayList<>();
        if (force || !c.running()) {
            try {
                killAll(k, c.cgroups(), null);
            } catch (ActionException e) {
                failed.add(e.getMessage());
            }
        }
        if (c.veth() != null) {
            try {
                ContainerNet.remove(c.veth());
            } catch (ActionException e) {
                failed.add(e.getMessage());
            }
        }
        for (ContainerState.Cg g : c.cgroups()) {
            try {
                rmdirCgroup(k, g.mountPoint(), g.version(), g.path());
                String parent = g.path().substring(0, g.path().lastIndexOf('/'));
                if (!parent.isEmpty()) new CgroupWrites(k, g.mountPoint(), g.version() == 2).rmdir(parent);
            } catch (ActionException e) {
                if (!e.getMessage().contains("EBUSY")) failed.add(e.getMessage()); // EBUSY: the parent holds other containers
            }
        }
        if (c.bridge() != null) {
            try {
                bridgeIfLast(c);
            } catch (ActionException | IOException e) {
                failed.add(e.getMessage());
            }
        }
        for (Path d : new Path[] {ContainerState.data(c.name()), c.dir()}) {
            try {
                HostCommand.removeTree(d);
            } catch (ActionException e) {
                failed.add(e.getMessage());
            }
        }
        String result = failed.isEmpty() ? "removed" : "not all removed: " + String.join("; ", failed);
        audited.logged("rm", c.name(), failed.isEmpty(), result);
        if (!failed.isEmpty()) throw new ActionException(result);
    }

    /** The bridge goes with the last container on it, if nscope made it (its marker is in the state directory). */
    private static void bridgeIfLast(ContainerState c) throws ActionException, IOException {
        Path marker = ContainerState.root().resolve(".bridge-" + c.bridge());
        if (!Files.exists(marker)) return;
        for (ContainerState o : ContainerState.all()) if (!o.name().equals(c.name()) && c.bridge().equals(o.bridge())) return;
        if (!ContainerNet.bridgeEmpty(c.bridge())) return;
        ContainerNet.remove(c.bridge());
        Files.delete(marker);
    }
}
