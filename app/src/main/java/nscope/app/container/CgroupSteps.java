package nscope.app.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.app.audit.Audited;
import nscope.app.container.confine.Confinement;
import nscope.app.exec.HostCommand;
import nscope.kernel.Kernel;
import nscope.probes.CgroupMounts;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.source.Host;

/**
 * A container's cgroups, for the creation steps: one per hierarchy under
 * the parent (each named in the state before it is made), the device allow
 * list, the limits, PID 1 moved in; and, to undo, every one of them removed
 * (then the parent when no container is left in it).
 */
final class CgroupSteps {
    private final RunSteps run;
    private final Kernel k;
    private final Audited audited;
    private final RunPlan plan;
    private final ContainerCreate.Options o;
    private final List<ContainerState.Cg> cgroups;

    CgroupSteps(RunSteps run, Kernel k, Audited audited, RunPlan plan, List<ContainerState.Cg> cgroups) {
        this.run = run;
        this.k = k;
        this.audited = audited;
        this.plan = plan;
        this.o = plan.o();
        this.cgroups = cgroups;
    }

    private void save() throws ActionException {
        run.save();
    }

    void cgroups() throws ActionException {
        for (Hierarchy h : CgroupMounts.of(Host.live())) {
            String path = o.cgroupParent() + "/" + o.name();
            ContainerState.Cg cg = new ContainerState.Cg(h.mountPoint(), h.version(), path, h.label() + ":" + path);
            cgroups.add(cg);
            save(); // named before made; rm derives the parent from it too
            CgroupWrites w = new CgroupWrites(k, h.mountPoint(), h.version() == 2);
            String parent = o.cgroupParent();
            if (!Files.isDirectory(Path.of(h.mountPoint(), parent))) {
                for (String p = ""; !p.equals(parent); ) {
                    p = parent.substring(
                            0,
                            parent.indexOf('/', p.length() + 1) < 0
                                    ? parent.length()
                                    : parent.indexOf('/', p.length() + 1));
                    String made = p;
                    if (!Files.isDirectory(Path.of(h.mountPoint(), made)))
                        change(w, "mkdir", h.label() + ":" + made, () -> w.mkdir(made));
                }
            }
            change(w, "mkdir", cg.label(), () -> w.mkdir(path));
        }
    }

    /**
     * The device allow list: in the v1 devices controller (every device
     * denied, then the allowed ones), and on cgroup v2, which has no such
     * file, as a device filter program nscope-init attaches to the
     * container's cgroup (the kernel checks both where both are).
     */
    void devices() throws ActionException {
        if (o.confinement().privileged()) return;
        boolean enforced = false;
        for (ContainerState.Cg cg : cgroups)
            if (cg.version() == 1 && controllers(cg).contains("devices")) {
                CgroupWrites w = new CgroupWrites(k, cg.mountPoint(), false);
                change(w, "set", cg.label(), () -> w.set(cg.path(), "devices.deny", "a"));
                for (String rule : Confinement.DEVICES_ALLOWED)
                    change(w, "set", cg.label(), () -> w.set(cg.path(), "devices.allow", rule));
                enforced = true;
            } else if (cg.version() == 2) {
                List<String> argv = new ArrayList<>(List.of(
                        plan.helper().toString(),
                        "devices",
                        Path.of(cg.mountPoint(), cg.path()).toString()));
                for (String rule : Confinement.DEVICES_ALLOWED)
                    argv.add(rule.substring(0, rule.indexOf(' ')) + " "
                            + rule.substring(2, rule.lastIndexOf(' ')).replace(':', ' '));
                audited.change("cgroup devices", cg.label(), () -> {
                    HostCommand.run(argv);
                    return "a device filter program allows only " + String.join(", ", Confinement.DEVICES_ALLOWED);
                });
                enforced = true;
            }
        if (!enforced)
            throw new ActionException(
                    "this host has neither a v1 devices controller nor cgroup v2, so the container's device list"
                            + " cannot be enforced (give --privileged to run it without one)");
    }

    private static List<String> controllers(ContainerState.Cg cg) {
        return List.of(cg.label().split(":")[0].split(","));
    }

    void limits() throws ActionException {
        if (plan.memory() != null) limit("memory", "memory.max", "memory.limit_in_bytes", Long.toString(plan.memory()));
        if (plan.pids() != null) limit("pids", "pids.max", "pids.max", Long.toString(plan.pids()));
        if (plan.cpuQuota() != null) {
            for (ContainerState.Cg cg : cgroups)
                if (cg.version() == 2 && Files.exists(Path.of(cg.mountPoint(), cg.path(), "cpu.max"))) {
                    write(cg, "cpu.max", plan.cpuQuota() + " 100000");
                    return;
                }
            for (ContainerState.Cg cg : cgroups)
                if (cg.version() == 1 && controllers(cg).contains("cpu")) {
                    write(cg, "cpu.cfs_period_us", "100000");
                    write(cg, "cpu.cfs_quota_us", Long.toString(plan.cpuQuota()));
                    return;
                }
            throw new ActionException("no cpu controller on this host (v2 or v1) for --cpu " + o.cpu());
        }
    }

    /** A limit in the v2 hierarchy when its controller is there, else in the v1 hierarchy of the controller. */
    private void limit(String controller, String v2File, String v1File, String value) throws ActionException {
        for (ContainerState.Cg c : cgroups)
            if (c.version() == 2 && Files.exists(Path.of(c.mountPoint(), c.path(), v2File))) {
                write(c, v2File, value);
                return;
            }
        for (ContainerState.Cg c : cgroups)
            if (c.version() == 1 && controllers(c).contains(controller)) {
                write(c, v1File, value);
                return;
            }
        throw new ActionException("no " + controller + " controller on this host (v2 or v1) for the limit " + value);
    }

    private void write(ContainerState.Cg c, String file, String value) throws ActionException {
        CgroupWrites w = new CgroupWrites(k, c.mountPoint(), c.version() == 2);
        change(w, "set", c.label(), () -> w.set(c.path(), file, value));
        run.limits().put(c.label() + " " + file, value);
    }

    private interface Work {
        void run() throws ActionException;
    }

    private void change(CgroupWrites w, String action, String label, Work s) throws ActionException {
        Audited.Outcome out = audited.cgroup(w, action, label, x -> {
            s.run();
            return action + " " + label;
        });
        if (!out.ok()) throw new ActionException(out.result());
    }

    void join() throws ActionException {
        for (ContainerState.Cg cg : cgroups) {
            CgroupWrites w = new CgroupWrites(k, cg.mountPoint(), cg.version() == 2);
            change(w, "mv", cg.label(), () -> w.move(cg.path(), run.pid(), false));
        }
    }

    /** Undoing: every cgroup the state names that exists, then the parent if it is empty; what was removed, in words. */
    String remove() throws ActionException {
        List<String> gone = new ArrayList<>();
        for (ContainerState.Cg cg : cgroups) {
            if (Files.isDirectory(Path.of(cg.mountPoint(), cg.path()))) gone.add(cg.label());
            ContainerRemove.rmdirCgroup(k, audited, cg);
            ContainerRemove.rmdirParentIfEmpty(k, audited, cg);
        }
        return gone.isEmpty() ? null : "the cgroups " + String.join(", ", gone);
    }
}
