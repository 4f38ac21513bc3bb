package nscope.app.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.act.ActionException;
import nscope.app.audit.Audited;
import nscope.app.container.confine.Confinement;
import nscope.app.container.confine.InitHelper;
import nscope.app.container.image.ContainerImage;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.HostCommand;
import nscope.app.exec.Interactive;
import nscope.app.exec.ProcStat;
import nscope.app.exec.Running;
import nscope.app.exec.StateDirs;
import nscope.kernel.Kernel;

/**
 * The steps of one container's creation, in order, over its state as it
 * grows: each object is named in state.json (saved) before it is made.
 * The kernel-side work after the new root is mounted (mounts, pivot_root,
 * capabilities, no_new_privs, seccomp, exec) is nscope-init's; this side
 * makes the host's objects (cgroups with their device list and limits, the
 * bridge, the veth, the id maps) while PID 1 waits for "go".
 */
public final class RunSteps {
    private final Kernel k;
    private final Audited audited;
    private final RunPlan plan;
    private final ContainerCreate.Options o;
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
    private final CgroupSteps cgroupSteps;
    private Running running;
    private MonitorLink link;

    RunSteps(Kernel k, Audited audited, RunPlan plan) {
        this.k = k;
        this.audited = audited;
        this.plan = plan;
        this.o = plan.o();
        this.dir = ContainerState.dir(o.name());
        this.cgroupSteps = new CgroupSteps(this, k, audited, plan, cgroups);
    }

    /** What the steps made, once they are all done: the container, and for an interactive one its relay. */
    ContainerCreate.Created created() {
        return new ContainerCreate.Created(state(), o.interactive() ? running : null);
    }

    CgroupSteps cgroupSteps() {
        return cgroupSteps;
    }

    Map<String, String> limits() {
        return limits;
    }

    int pid() {
        return pid;
    }

    private boolean bridge() {
        return o.net().equals("bridge");
    }

    ContainerState state() {
        List<String> ns = new ArrayList<>(List.of("pid", "mnt", "uts", "ipc", "net", "cgroup"));
        if (o.user()) ns.add("user");
        if (o.time()) ns.add("time");
        return new ContainerState(
                o.name(),
                status,
                creator,
                o.image(),
                lower,
                o.hostname(),
                ns,
                created,
                monitor,
                pid,
                startTime,
                List.copyOf(cgroups),
                Map.copyOf(limits),
                o.net(),
                bridge() ? o.bridge() : null,
                bridgeMade,
                veth,
                address,
                plan.command(),
                unpacking,
                data,
                ids,
                o.confinement());
    }

    void save() throws ActionException {
        try {
            state().save();
        } catch (IOException e) {
            throw new ActionException("cannot write " + dir.resolve("state.json") + ": " + e.getMessage());
        }
    }

    /** Under the containers' lock: the name, the address, the veth's name and the id range, all in the state before it is let go. */
    void reserve() throws ActionException {
        try (ContainerLock lock = ContainerLock.take()) {
            List<ContainerState> others = others();
            if (Files.exists(dir))
                throw new ActionException("a container named " + o.name() + " exists already (nscope ps)");
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

    void image() throws ActionException {
        lower = ContainerImage.lower(plan.image(), audited, tmp -> {
                    unpacking = tmp.toString();
                    try {
                        save();
                    } catch (ActionException e) {
                        throw new IllegalStateException(e.getMessage());
                    }
                })
                .toString();
        unpacking = null;
        save();
        if (!Files.isDirectory(plan.image()))
            RunPlan.checkCommand(Path.of(lower), plan.command(), o.command().isEmpty());
    }

    void dirs() throws ActionException {
        Path d = ContainerState.data(o.name());
        data = d.toString();
        save();
        try {
            StateDirs.fresh(d);
            for (String sub : List.of("upper", "work")) {
                Path p = Files.createDirectory(d.resolve(sub));
                if (ids != null) { // the container's root owns its writable layer
                    Files.setAttribute(p, "unix:uid", (int) ids.uid());
                    Files.setAttribute(p, "unix:gid", (int) ids.gid());
                }
            }
            Files.createDirectory(dir.resolve("root"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ActionException(
                    e.getFile() + " is there already (left by another nscope?): remove it, or choose another name");
        } catch (IOException e) {
            throw new ActionException(
                    "cannot make the overlay's directories (" + dir + ", " + d + "): " + e.getMessage());
        }
    }

    /** Under the lock: the bridge, made when missing (its marker, saying nscope made it, written first). */
    void makeBridge() throws ActionException {
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
        }
    }

    /** nscope-init's monitor started with the container's two config files; PID 1 made and waiting. */
    void start() throws ActionException {
        int[] kv = Confinement.kernel();
        o.confinement().conf(kv[0], kv[1]).write(dir.resolve("confine.conf"));
        initConf().write(dir.resolve("init.conf"));
        link = MonitorLink.listen(dir.resolve("ctl.sock"));
        Interactive i = new Interactive(k, audited);
        try {
            running = o.interactive()
                    ? i.start(ContainerCreate.monitorLaunch(plan.helper(), dir, o.name(), plan.command()))
                    : i.startDetached(
                            ContainerCreate.monitorLaunch(plan.helper(), dir, o.name(), plan.command()),
                            dir.resolve("log"));
        } catch (ActionException e) {
            link.close();
            throw e;
        }
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
        c.add("name", o.name())
                .add("socket", dir.resolve("ctl.sock").toString())
                .add("root", dir.resolve("root").toString());
        Path d = Path.of(data);
        c.add("lower", lower)
                .add("upper", d.resolve("upper").toString())
                .add("work", d.resolve("work").toString());
        c.add("hostname", o.hostname())
                .add("net", o.net())
                .add("exit", dir.resolve("exit").toString());
        c.add("userns", o.user() ? "1" : "0")
                .add("timens", o.time() ? "1" : "0")
                .add("interactive", o.interactive() ? "1" : "0");
        c.addAll("dev", List.of("null", "zero", "full", "random", "urandom", "tty"));
        String home = o.confinement().user() == null || o.confinement().user().startsWith("0:") ? "/root" : "/";
        ChildEnv.of(System.getenv(), List.of(), home).forEach((name, value) -> c.add("env", name + "=" + value));
        c.addAll("arg", plan.command());
        return c;
    }

    private ActionException helperFailed(String line) {
        if (line != null && line.startsWith("error ")) return new ActionException(line.substring(6));
        String log = o.interactive() ? "" : ": " + ContainerCreate.logTail(dir.resolve("log"));
        return new ActionException("the helper ended unexpectedly"
                + (line == null ? "" : " (it said " + nscope.act.Names.shown(line) + ")") + log);
    }

    void userns() throws ActionException {
        if (ids == null) return;
        audited.change("userns map", "pid " + pid, () -> {
            for (String f : List.of("uid_map", "gid_map")) {
                long base = f.startsWith("uid") ? ids.uid() : ids.gid();
                try {
                    Files.writeString(
                            Path.of("/proc", Integer.toString(pid), f),
                            "0 " + base + " " + ids.size() + "\n",
                            StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new ActionException("cannot write the " + f + " of PID " + pid + ": " + e.getMessage());
                }
            }
            return "the container's ids 0-" + (ids.size() - 1) + " are host uids " + ids.uid() + "- and gids "
                    + ids.gid() + "-";
        });
    }

    void veth() throws ActionException {
        if (!bridge()) return;
        ContainerNet.veth(veth, o.bridge(), pid, address, plan.subnet().gateway(), audited);
    }

    /** PID 1 builds its root and confines itself; "ready" once its command runs. */
    void go() throws ActionException {
        link.send("go");
        String line = link.read(60);
        if (!"ready".equals(line)) throw helperFailed(line);
    }

    /** Made: a background container is let go first (killed before this, its monitor ends it), then its state says running. */
    void running() throws ActionException {
        if (!o.interactive()) {
            link.send("detach");
            link.close();
        } else {
            running.onEnd(code -> link.close());
        }
        status = "running";
        startTime =
                ProcStat.of(pid).map(nscope.probes.parse.StatLine::startTime).orElse(0L);
        save();
    }

    // Undoing, step by step, driven by what the state names: what exists is removed; each says what it removed, or
    // null.

    String removeDirectory() throws ActionException {
        if (!Files.exists(dir)) return null;
        HostCommand.removeTree(dir);
        return "its directory " + dir;
    }

    String removeUnpacking() throws ActionException {
        if (unpacking == null || !Files.exists(Path.of(unpacking))) return null;
        HostCommand.removeTree(Path.of(unpacking));
        return "the partial unpack " + unpacking;
    }

    String removeLayer() throws ActionException {
        if (data == null || !Files.exists(Path.of(data))) return null;
        HostCommand.removeTree(Path.of(data));
        return "its writable layer " + data;
    }

    String removeBridge() throws ActionException {
        if (!bridgeMade) return null;
        ContainerRemove.bridgeIfLast(state(), audited);
        return "the bridge " + o.bridge();
    }

    String endProcesses() throws ActionException {
        if (link != null) link.close(); // the monitor kills PID 1 when its socket closes
        if (running != null) running.end();
        ContainerRemove.killAll(k, audited, state());
        return running == null ? null : "its processes";
    }

    String removeVeth() throws ActionException {
        if (veth == null || !ContainerNet.exists(veth)) return null;
        ContainerNet.remove(veth, audited);
        return "the veth " + veth;
    }
}
