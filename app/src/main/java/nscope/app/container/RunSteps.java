package nscope.app.container;

import nscope.app.container.confine.InitHelper;
import nscope.app.audit.Audited;
import nscope.app.exec.Interactive;
import nscope.app.exec.Running;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.HostCommand;
import nscope.app.exec.ProcStat;
import nscope.app.exec.StateDirs;
import nscope.app.container.image.ContainerImage;
import nscope.app.container.confine.Confinement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.kernel.Kernel;
import nscope.probes.CgroupMounts;
import nscope.probes.source.Host;
import nscope.probes.cgroups.Hierarchy;

/**
 * The steps of one container's creation, in order, over its state as it
 * grows: each object is named in state.json (saved) before it is made.
 * The kernel-side work after the new root is mounted (mounts, pivot_root,
 * capabilities, no_new_privs, seccomp, exec) is nscope-init's; this side
 * makes the host's objects (cgroups with their device list and limits, the
 * bridge, the veth, the id maps) while PID 1 waits for "go".
 */
public final class RunSteps {
    /** The devices a container may use (runc's list without its "mknod any device" rules): null, zero, full, random, urandom, tty, pts, ptmx. */
    public static final List<String> DEVICES_ALLOWED = List.of("c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
            "c 5:2 rwm", "c 136:* rwm");

    private final Kernel k;
    private final Audited audited;
    private final RunPlan plan;
    private final ContainerCreate.Options o;
    private final ContainerCreate.Stepper stepper;
    private final ContainerCreate.OnFailure undo;
    private final Path dir;
    private final ContainerState.Proc creator = ContainerState.Proc.self();
    private final long created = System.currentTimeMillis() / 1000;
    // the state as it grows
    private String status = "creating", lower, veth, address, unpacking, data;
    private boolean bridgeMade;
    private SubIds.Range ids;
    private ContainerState.Proc monitor;
    private int pid;
    private long startTime;
    private final List<ContainerState.Cg> cgroups = new ArrayList<>();
    private final Map<String, String> limits = new LinkedHashMap<>();
    private Running running;
    private MonitorLink link;

    public RunSteps(Kernel k, Audited audited, RunPlan plan, ContainerCreate.Stepper stepper, ContainerCreate.OnFailure undo) {
        this.k = k;
        this.audited = audited;
        this.plan = plan;
        this.o = plan.o();
        this.stepper = stepper;
        this.undo = undo;
        this.dir = ContainerState.dir(o.name());
    }

    ContainerCreate.Created run() throws ContainerCreate.StepFailed {
        stepper.step("state", this::reserve);
        stepper.step("image", this::image);
        stepper.step("dirs", this::dirs);
        stepper.step("cgroups", this::cgroups);
        stepper.step("devices", this::devices);
        stepper.step("limits", this::limits);
        stepper.step("bridge", this::makeBridge);
        stepper.step("start", this::start);
        stepper.step("userns", this::userns);
        stepper.step("join", this::join);
        stepper.step("veth", this::veth);
        stepper.step("go", this::go);
        stepper.step("save", this::running);
        return new ContainerCreate.Created(state(), o.interactive() ? running : null);
    }

    private boolean bridge() { return o.net().equals("bridge"); }

    ContainerState state() {
        List<String> ns = new ArrayList<>(List.of("pid", "mnt", "uts", "ipc", "net", "cgroup"));
        if (o.user()) ns.add("user");
        if (o.time()) ns.add("time");
        return new ContainerState(o.name(), status, creator, o.image(), lower, o.hostname(), ns, created, monitor, pid, startTime,
                List.copyOf(cgroups), Map.copyOf(limits), o.net(), bridge() ? o.bridge() : null, bridgeMade, veth, address, plan.command(),
                unpacking, data, ids, o.confinement());
    }

    private void save() throws ActionException {
        try {
            state().save();
        } catch (IOException e) {
            throw new ActionException("cannot write " + dir.resolve("state.json") + ": " + e.getMessage());
        }
    }

    /** Under the containers' lock: the name, the address, the veth's name and the id range, all in the state before it is let go. */
    private void reserve() throws ActionException {
        try (ContainerLock lock = ContainerLock.take()) {
            List<ContainerState> others = others();
            if (Files.exists(dir)) throw new ActionException("a container named " + o.name() + " exists already (nscope ps)");
            if (bridge()) {
                address = ContainerNet.address(plan.subnet(), o.ip(), others);
                veth = ContainerNet.vethName(o.vethPrefix());
                for (ContainerState c : others) if (veth.equals(c.veth())) veth = ContainerNet.vethName(o.vethPrefix());
            }
            if (o.user()) ids = SubIds.allocate(others, audited);
            try {
                StateDirs.fresh(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new ActionException("a container named " + o.name() + " exists already (nscope ps)");
            } catch (IOException e) {
                throw new ActionException("cannot make " + dir + ": " + e.getMessage());
            }
            undo.add("its directory " + dir, () -> HostCommand.removeTree(dir));
            save();
        }
    }

    private static List<ContainerState> others() throws ActionException {
        try {
            return ContainerState.all();
        } catch (IOException e) {
            throw new ActionException("cannot read the other containers' states: " + e.getMessage());
        }
    }

    private void image() throws ActionException {
        lower = ContainerImage.lower(plan.image(), audited, tmp -> {
            unpacking = tmp.toString();
            try {
                save();
            } catch (ActionException e) {
                throw new IllegalStateException(e.getMessage());
            }
        }).toString();
        unpacking = null;
        save();
        if (!Files.isDirectory(plan.image())) RunPlan.checkCommand(Path.of(lower), plan.command(), o.command().isEmpty());
    }

    private void dirs() throws ActionException {
        Path d = ContainerState.data(o.name());
        data = d.toString();
        save();
        try {
            StateDirs.fresh(d);
            undo.add("its writable layer " + d, () -> HostCommand.removeTree(d));
            for (String sub : List.of("upper", "work")) {
                Path p = Files.createDirectory(d.resolve(sub));
                if (ids != null) { // the container's root owns its writable layer
                    Files.setAttribute(p, "unix:uid", (int) ids.uid());
                    Files.setAttribute(p, "unix:gid", (int) ids.gid());
                }
            }
            Files.createDirectory(dir.resolve("root"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ActionException(e.getFile() + " is there already (left by another nscope?): remove it, or choose another name");
        } catch (IOException e) {
            throw new ActionException("cannot make the overlay's directories (" + dir + ", " + d + "): " + e.getMessage());
        }
    }

    private void cgroups() throws ActionException {
        for (Hierarchy h : CgroupMounts.of(Host.live())) {
            String path = o.cgroupParent() + "/" + o.name();
            ContainerState.Cg cg = new ContainerState.Cg(h.mountPoint(), h.version(), path, h.label() + ":" + path);
            cgroups.add(cg);
            save(); // named before made; rm derives the parent from it too
            CgroupWrites w = new CgroupWrites(k, h.mountPoint(), h.version() == 2);
            String parent = o.cgroupParent();
            if (!Files.isDirectory(Path.of(h.mountPoint(), parent))) {
                for (String p = ""; !p.equals(parent); ) {
                    p = parent.substring(0, parent.indexOf('/', p.length() + 1) < 0 ? parent.length() : parent.indexOf('/', p.length() + 1));
                    String made = p;
                    if (!Files.isDirectory(Path.of(h.mountPoint(), made))) change(w, "mkdir", h.label() + ":" + made, () -> w.mkdir(made));
                }
                undo.add("the cgroup " + h.label() + ":" + parent + " if empty", () -> ContainerRemove.rmdirParentIfEmpty(k, audited, cg));
            }
            change(w, "mkdir", cg.label(), () -> w.mkdir(path));
            undo.add("the cgroup " + cg.label(), () -> ContainerRemove.rmdirCgroup(k, audited, cg));
        }
    }

    /**
     * The device allow list: in the v1 devices controller (every device
     * denied, then the allowed ones), and on cgroup v2, which has no such
     * file, as a device filter program nscope-init attaches to the
     * container's cgroup (the kernel checks both where both are).
     */
    private void devices() throws ActionException {
        if (o.confinement().privileged()) return;
        boolean enforced = false;
        for (ContainerState.Cg cg : cgroups)
            if (cg.version() == 1 && controllers(cg).contains("devices")) {
                CgroupWrites w = new CgroupWrites(k, cg.mountPoint(), false);
                change(w, "set", cg.label(), () -> w.set(cg.path(), "devices.deny", "a"));
                for (String rule : DEVICES_ALLOWED) change(w, "set", cg.label(), () -> w.set(cg.path(), "devices.allow", rule));
                enforced = true;
            } else if (cg.version() == 2) {
                List<String> argv = new ArrayList<>(List.of(plan.helper().toString(), "devices", Path.of(cg.mountPoint(), cg.path()).toString()));
                for (String rule : DEVICES_ALLOWED) argv.add(rule.substring(0, rule.indexOf(' ')) + " " + rule.substring(2, rule.lastIndexOf(' ')).replace(':', ' '));
                audited.change("cgroup devices", cg.label(), () -> {
                    HostCommand.run(argv);
                    return "a device filter program allows only " + String.join(", ", DEVICES_ALLOWED);
                });
                enforced = true;
            }
        if (!enforced) throw new ActionException("this host has neither a v1 devices controller nor cgroup v2, so the container's device list"
                + " cannot be enforced (give --privileged to run it without one)");
    }

    private static List<String> controllers(ContainerState.Cg cg) { return List.of(cg.label().split(":")[0].split(",")); }

    private void limits() throws ActionException {
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
        limits.put(c.label() + " " + file, value);
    }

    private interface Work { void run() throws ActionException; }

    private void change(CgroupWrites w, String action, String label, Work s) throws ActionException {
        Audited.Outcome out = audited.cgroup(w, action, label, x -> {
            s.run();
            return action + " " + label;
        });
        if (!out.ok()) throw new ActionException(out.result());
    }

    /** Under the lock: the bridge, made when missing (its marker, saying nscope made it, written first). */
    private void makeBridge() throws ActionException {
        if (!bridge()) return;
        try (ContainerLock lock = ContainerLock.take()) {
            if (ContainerNet.bridgeThere(o.bridge())) return;
            Path marker = ContainerState.root().resolve(".bridge-" + o.bridge());
            try {
                Files.writeString(marker, o.subnet() + "\n");
            } catch (IOException e) {
                throw new ActionException("cannot write " + marker + ": " + e.getMessage());
            }
            bridgeMade = true;
            save();
            ContainerNet.bridge(o.bridge(), plan.subnet(), audited);
            undo.add("the bridge " + o.bridge(), () -> ContainerRemove.bridgeIfLast(state(), audited));
        }
    }

    /** nscope-init's monitor started with the container's two config files; PID 1 made and waiting. */
    private void start() throws ActionException {
        int[] kv = Confinement.kernel();
        o.confinement().conf(kv[0], kv[1]).write(dir.resolve("confine.conf"));
        initConf().write(dir.resolve("init.conf"));
        link = MonitorLink.listen(dir.resolve("ctl.sock"));
        Interactive i = new Interactive(k, audited);
        try {
            running = o.interactive() ? i.start(ContainerCreate.monitorLaunch(plan.helper(), dir, o.name(), plan.command()))
                    : i.startDetached(ContainerCreate.monitorLaunch(plan.helper(), dir, o.name(), plan.command()), dir.resolve("log"));
        } catch (ActionException e) {
            link.close();
            throw e;
        }
        undo.add("its processes", () -> {
            link.close(); // the monitor kills PID 1 when its socket closes
            running.end();
            ContainerRemove.killAll(k, audited, state());
        });
        monitor = ContainerState.Proc.of(running.pid());
        save();
        link.accept(running::alive, 10);
        String line = link.read(10);
        if (line == null || !line.startsWith("pid ")) throw helperFailed(line);
        pid = Integer.parseInt(line.substring(4).strip());
        save();
    }

    private InitHelper.Conf initConf() {
        InitHelper.Conf c = new InitHelper.Conf();
        c.add("name", o.name()).add("socket", dir.resolve("ctl.sock").toString()).add("root", dir.resolve("root").toString());
        Path d = Path.of(data);
        c.add("lower", lower).add("upper", d.resolve("upper").toString()).add("work", d.resolve("work").toString());
        c.add("hostname", o.hostname()).add("net", o.net()).add("exit", dir.resolve("exit").toString());
        c.add("userns", o.user() ? "1" : "0").add("timens", o.time() ? "1" : "0").add("interactive", o.interactive() ? "1" : "0");
        c.addAll("dev", List.of("null", "zero", "full", "random", "urandom", "tty"));
        String home = o.confinement().user() == null || o.confinement().user().startsWith("0:") ? "/root" : "/";
        ChildEnv.of(System.getenv(), List.of(), home).forEach((name, value) -> c.add("env", name + "=" + value));
        c.addAll("arg", plan.command());
        return c;
    }

    private ActionException helperFailed(String line) {
        if (line != null && line.startsWith("error ")) return new ActionException(line.substring(6));
        String log = o.interactive() ? "" : ": " + ContainerCreate.logTail(dir.resolve("log"));
        return new ActionException("the helper ended unexpectedly" + (line == null ? "" : " (it said " + nscope.act.Names.shown(line) + ")") + log);
    }

    private void userns() throws ActionException {
        if (ids == null) return;
        audited.change("userns map", "pid " + pid, () -> {
            for (String f : List.of("uid_map", "gid_map")) {
                long base = f.startsWith("uid") ? ids.uid() : ids.gid();
                try {
                    Files.writeString(Path.of("/proc", Integer.toString(pid), f), "0 " + base + " " + ids.size() + "\n", StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new ActionException("cannot write the " + f + " of PID " + pid + ": " + e.getMessage());
                }
            }
            return "the container's ids 0-" + (ids.size() - 1) + " are host uids " + ids.uid() + "- and gids " + ids.gid() + "-";
        });
    }

    private void join() throws ActionException {
        for (ContainerState.Cg cg : cgroups) {
            CgroupWrites w = new CgroupWrites(k, cg.mountPoint(), cg.version() == 2);
            change(w, "mv", cg.label(), () -> w.move(cg.path(), pid, false));
        }
    }

    private void veth() throws ActionException {
        if (!bridge()) return;
        ContainerNet.veth(veth, o.bridge(), pid, address, plan.subnet().gateway(), audited);
        undo.add("the veth " + veth, () -> ContainerNet.remove(veth, audited));
    }

    /** PID 1 builds its root and confines itself; "ready" once its command runs. */
    private void go() throws ActionException {
        link.send("go");
        String line = link.read(60);
        if (!"ready".equals(line)) throw helperFailed(line);
    }

    /** Made: a background container is let go first (killed before this, its monitor ends it), then its state says running. */
    private void running() throws ActionException {
        if (!o.interactive()) {
            link.send("detach");
            link.close();
        } else {
            running.onEnd(code -> link.close());
        }
        status = "running";
        startTime = ProcStat.of(pid).map(nscope.probes.parse.StatLine::startTime).orElse(0L);
        save();
    }
}
