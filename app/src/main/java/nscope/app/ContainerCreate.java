package nscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.ContainerInit;
import nscope.act.Launch;
import nscope.act.Names;
import nscope.kernel.Kernel;
import nscope.probes.CgroupMounts;
import nscope.probes.Host;
import nscope.probes.cgroups.Hierarchy;

/**
 * Creating a container, step by step, each step with its undoing: a
 * failure at any step undoes every step before it, and says which step
 * failed and why. NSCOPE_TEST_FAIL_AT=STEP makes that step fail (the tests
 * walk every step with it and check that nothing is left).
 */
final class ContainerCreate {
    /** Every step, in order. */
    static final List<String> STEPS = List.of("state", "image", "dirs", "cgroups", "limits", "bridge", "address", "start", "veth", "command", "save");

    /**
     * The defaults: the bridge, its subnet, the host ends' prefix, the
     * cgroups' parent; the environment (NSCOPE_BRIDGE, NSCOPE_SUBNET,
     * NSCOPE_VETH_PREFIX, NSCOPE_CGROUP_PARENT) may set others, for the
     * screen's form and the command line alike.
     */
    static final String BRIDGE = "${env:NSCOPE_BRIDGE:-nscope0}", SUBNET = "${env:NSCOPE_SUBNET:-10.88.0.0/24}",
            VETH_PREFIX = "${env:NSCOPE_VETH_PREFIX:-nsv-}", CGROUP_PARENT = "${env:NSCOPE_CGROUP_PARENT:-/nscope}";

    /** A default above as the environment sets it (the same rule as picocli's ${env:NAME:-default}). */
    static String fromEnv(String spec) {
        String name = spec.substring(6, spec.indexOf(":-")), dflt = spec.substring(spec.indexOf(":-") + 2, spec.length() - 1);
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    /** A name no container has: c- and six letters or digits. */
    static String generatedName() {
        java.security.SecureRandom r = new java.security.SecureRandom();
        for (int i = 0; i < 100; i++) {
            String n = "c-" + Integer.toString(100000000 + r.nextInt(900000000), 36);
            if (!Files.exists(ContainerState.dir(n))) return n;
        }
        throw new UserError("no free generated name: give one");
    }

    /** What to create. */
    record Options(String name, String image, boolean user, boolean time, String hostname, String memory, String pids, String cpu,
                   String net, String bridge, String subnet, String ip, String vethPrefix, String cgroupParent,
                   List<String> command, boolean interactive) {}

    private interface Step { void run() throws ActionException; }

    private interface Undo { void run() throws ActionException; }

    private record Undoing(String what, Undo undo) {}

    private final Kernel k;
    private final Audited audited;
    private final String failAt = System.getenv("NSCOPE_TEST_FAIL_AT");
    private final Deque<Undoing> undo = new ArrayDeque<>();

    ContainerCreate(Kernel k, Audited audited) {
        this.k = k;
        this.audited = audited;
    }

    /** The container started; for an interactive one, attach to running. */
    record Created(ContainerState state, Running running) {}

    Created create(Options o) throws ActionException {
        try {
            return steps(o);
        } catch (StepFailed f) {
            String undone = undoAll();
            throw new ActionException("creating " + o.name() + ": step " + f.step + " failed: " + f.getCause().getMessage()
                    + (undone.isEmpty() ? "" : "; " + undone));
        }
    }

    /** A step's failure, with its name. */
    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final String step;

        StepFailed(String step, ActionException cause) {
            super(cause);
            this.step = step;
        }
    }

    private void step(String name, Step s) throws StepFailed {
        try {
            if (name.equals(failAt)) throw new ActionException("injected failure (NSCOPE_TEST_FAIL_AT=" + name + ")");
            s.run();
        } catch (ActionException e) {
            throw new StepFailed(name, e);
        } catch (RuntimeException e) {
            throw new StepFailed(name, new ActionException(String.valueOf(e)));
        }
    }

    private void onFailure(String what, Undo u) { undo.push(new Undoing(what, u)); }

    /** Undoes every step done, last first; says what was undone, and what could not be. */
    private String undoAll() {
        List<String> done = new ArrayList<>(), failed = new ArrayList<>();
        while (!undo.isEmpty()) {
            Undoing u = undo.pop();
            try {
                u.undo().run();
                done.add(u.what());
            } catch (ActionException | RuntimeException e) {
                failed.add(u.what() + " (" + e.getMessage() + ")");
            }
        }
        return (done.isEmpty() ? "" : "undone: " + String.join(", ", done)) + (failed.isEmpty() ? "" : "; NOT undone: " + String.join(", ", failed));
    }

    private Created steps(Options o) throws StepFailed {
        Path dir = ContainerState.dir(o.name());
        List<ContainerState> others = new ArrayList<>();
        Path[] lower = new Path[1];
        List<ContainerState.Cg> cgroups = new ArrayList<>();
        Map<String, String> limits = new LinkedHashMap<>();
        boolean[] bridgeMade = {false};
        String[] address = {null}, veth = {null};
        step("state", () -> {
            checkName(o.name());
            nscope.act.UnsharePlan.checkHostname(o.hostname());
            for (String ifname : new String[] {o.bridge(), o.vethPrefix()})
                if (!ifname.matches("[A-Za-z0-9_.-]{1,15}")) throw new ActionException("an interface name is letters, digits, '_', '.' and '-', at most 15: not " + Names.shown(ifname));
            HostCommand.require(ContainerInit.TOOLS, "a container");
            try {
                others.addAll(ContainerState.all());
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new ActionException("a container named " + o.name() + " exists already (nscope ps)");
            } catch (IOException e) {
                throw new ActionException("cannot make " + dir + ": " + e.getMessage());
            }
            onFailure("its directory " + dir, () -> HostCommand.removeTree(dir));
        });
        step("image", () -> lower[0] = ContainerImage.lower(o.image()));
        step("dirs", () -> {
            Path data = ContainerState.data(o.name());
            try {
                Files.createDirectory(dir.resolve("root"));
                Files.writeString(dir.resolve("init.sh"), ContainerInit.SCRIPT);
                Files.createDirectories(data.getParent());
                Files.createDirectory(data);
                onFailure("its writable layer " + data, () -> HostCommand.removeTree(data));
                for (String d : List.of("upper", "work")) Files.createDirectory(data.resolve(d));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new ActionException(e.getFile() + " is there already (left by another nscope?): remove it, or choose another name");
            } catch (IOException e) {
                throw new ActionException("cannot make the overlay's directories (" + dir + ", " + data + "): " + e.getMessage());
            }
        });
        step("cgroups", () -> {
            for (Hierarchy h : CgroupMounts.of(Host.live())) {
                CgroupWrites w = new CgroupWrites(k, h.mountPoint(), h.version() == 2);
                if (!Files.isDirectory(Path.of(h.mountPoint(), o.cgroupParent()))) {
                    change(w, "mkdir", h.label() + ":" + o.cgroupParent(), () -> w.mkdir(o.cgroupParent()));
                    onFailure("the cgroup " + h.label() + ":" + o.cgroupParent(), () -> rmdirIfEmpty(w, o.cgroupParent()));
                }
                String path = o.cgroupParent() + "/" + o.name();
                change(w, "mkdir", h.label() + ":" + path, () -> w.mkdir(path));
                cgroups.add(new ContainerState.Cg(h.mountPoint(), h.version(), path, h.label() + ":" + path));
                onFailure("the cgroup " + h.label() + ":" + path, () -> ContainerRemove.rmdirCgroup(k, h.mountPoint(), h.version(), path));
            }
        });
        step("limits", () -> {
            if (o.memory() != null) limits.putAll(limit(cgroups, "memory", "memory.max", "memory.limit_in_bytes", o.memory()));
            if (o.pids() != null) limits.putAll(limit(cgroups, "pids", "pids.max", "pids.max", o.pids()));
            if (o.cpu() != null) limits.putAll(cpu(cgroups, o.cpu()));
        });
        boolean bridge = o.net().equals("bridge");
        ContainerNet.Subnet[] subnet = new ContainerNet.Subnet[1];
        step("bridge", () -> {
            if (!List.of("none", "loopback", "bridge").contains(o.net()))
                throw new ActionException("--net is none, loopback or bridge, not " + Names.shown(o.net()));
            if (!bridge) return;
            subnet[0] = ContainerNet.Subnet.parse(o.subnet());
            bridgeMade[0] = ContainerNet.bridge(o.bridge(), subnet[0]);
            if (bridgeMade[0]) {
                Path marker = ContainerState.root().resolve(".bridge-" + o.bridge());
                try {
                    Files.writeString(marker, o.subnet() + "\n"); // nscope made it: the last container on it removes it
                } catch (IOException e) {
                    ContainerNet.remove(o.bridge());
                    throw new ActionException("cannot write " + marker + ": " + e.getMessage());
                }
                onFailure("the bridge " + o.bridge(), () -> {
                    ContainerNet.remove(o.bridge());
                    try {
                        Files.deleteIfExists(marker);
                    } catch (IOException e) {
                        throw new ActionException("cannot remove " + marker + ": " + e.getMessage());
                    }
                });
            }
        });
        step("address", () -> {
            if (!bridge) return;
            address[0] = ContainerNet.address(subnet[0], o.ip(), others);
            veth[0] = ContainerNet.vethName(o.vethPrefix());
        });
        List<String> command = o.command().isEmpty() ? List.of("/bin/sh") : o.command();
        Launch launch = new Launch(ContainerInit.argv(o.user(), o.time(), dir.resolve("init.sh").toString(), lower[0].toString(),
                ContainerState.data(o.name()).resolve("upper").toString(), ContainerState.data(o.name()).resolve("work").toString(),
                dir.resolve("root").toString(), o.hostname(), o.net(), address[0],
                bridge ? subnet[0].gateway() : null, command),
                ChildEnv.of(System.getenv(), List.of(), "/root"), List.of(),
                cgroups.stream().map(c -> new Launch.CgroupJoin(c.mountPoint(), c.version(), c.path(), c.label())).toList(),
                "the container " + o.name() + " (" + String.join(" ", command) + ")");
        long[] init = {0};
        // the script waits in its new network namespace until eth0 is there (the veth step)
        Launch withNet = launch.then(unsharePid -> init[0] = initOf(unsharePid));
        Running[] running = {null};
        step("start", () -> {
            if (!Files.isExecutable(lower[0].resolve("bin/sh")) && o.command().isEmpty())
                throw new ActionException("the image has no /bin/sh: give a command");
            checkCommand(lower[0], command);
            Interactive i = new Interactive(k, audited);
            running[0] = o.interactive() ? i.start(withNet) : i.startDetached(withNet, dir.resolve("log"), dir.resolve("exit"));
            Running r = running[0];
            onFailure("its processes", () -> ContainerRemove.killAll(k, cgroups, r));
        });
        step("veth", () -> {
            if (!bridge) return;
            ContainerNet.veth(veth[0], o.bridge(), (int) init[0]);
            onFailure("the veth " + veth[0], () -> ContainerNet.remove(veth[0]));
        });
        ContainerState[] state = {null};
        step("command", () -> {
            // a script failure (a mount refused) ends a background one at once: wait a moment for that; an
            // interactive one may end at once by itself (its exit status is what attaching to it returns)
            long initPid = init[0];
            for (int i = 0; i < 30 && !o.interactive() && running[0].alive() && Interactive.state(initPid) != '?'; i++) sleep(10);
            long start = initPid == 0 ? -1 : nscope.act.Signals.startTime(k, "/proc", (int) initPid);
            if (!o.interactive() && (!running[0].alive() || start < 0))
                throw new ActionException("it ended at once: " + logTail(dir.resolve("log")));
            if (start < 0) start = 0;
            state[0] = new ContainerState(o.name(), o.image(), lower[0].toString(), o.hostname(), namespaces(o), System.currentTimeMillis() / 1000,
                    (int) initPid, start, cgroups, limits, o.net(), bridge ? o.bridge() : null, bridgeMade[0], veth[0], address[0], command);
        });
        step("save", () -> {
            try {
                state[0].save();
            } catch (IOException e) {
                throw new ActionException("cannot write " + dir.resolve("state.json") + ": " + e.getMessage());
            }
        });
        audited.logged("run", o.name(), true, "started " + state[0].command() + " as PID " + state[0].pid());
        return new Created(state[0], running[0]);
    }

    private static void sleep(long ms) throws ActionException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }

    /** unshare --fork's child: the container's PID 1 (the script, then the command). */
    private static long initOf(long unsharePid) throws ActionException {
        for (int i = 0; i < 2500; i++) {
            long[] c = Interactive.children(unsharePid);
            if (c.length > 0) return c[0];
            if (Interactive.state(unsharePid) == '?') break;
            sleep(2);
        }
        throw new ActionException("unshare did not start the container's init");
    }

    private static List<String> namespaces(Options o) {
        List<String> n = new ArrayList<>(List.of("pid", "mnt", "uts", "ipc", "net", "cgroup"));
        if (o.user()) n.add("user");
        if (o.time()) n.add("time");
        return n;
    }

    static void checkName(String name) throws ActionException {
        Names.check(name, "a container name");
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}"))
            throw new ActionException("a container name is lower-case letters, digits, '.', '_' and '-', at most 63: not " + Names.shown(name));
    }

    /** The command exists in the image: an absolute path, or a name in the image's PATH (as the script's exec will look). */
    private static void checkCommand(Path lower, List<String> command) throws ActionException {
        String c = command.get(0);
        if (c.startsWith("/")) {
            if (!Files.exists(lower.resolve(c.substring(1)), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                throw new ActionException("command not found in the image: " + Names.shown(c));
            return;
        }
        for (String d : ChildEnv.PATH.split(":"))
            if (Files.exists(lower.resolve(d.substring(1)).resolve(c), java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        throw new ActionException("command not found in the image: " + Names.shown(c) + " (looked in " + ChildEnv.PATH + ")");
    }

    private void change(CgroupWrites w, String action, String label, Step s) throws ActionException {
        Audited.Outcome out = audited.cgroup(w, action, label, x -> {
            s.run();
            return action + " " + label;
        });
        if (!out.ok()) throw new ActionException(out.result());
    }

    private static void rmdirIfEmpty(CgroupWrites w, String path) throws ActionException {
        try {
            w.rmdir(path);
        } catch (ActionException e) {
            if (!e.getMessage().contains("EBUSY")) throw e; // another container's cgroup is in it: it stays
        }
    }

    /** A limit in the v2 hierarchy when its controller is there, else in the v1 hierarchy of the controller. */
    private Map<String, String> limit(List<ContainerState.Cg> cgroups, String controller, String v2File, String v1File, String value)
            throws ActionException {
        for (ContainerState.Cg c : cgroups)
            if (c.version() == 2 && Files.exists(Path.of(c.mountPoint(), c.path(), v2File))) return write(c, v2File, value);
        for (ContainerState.Cg c : cgroups)
            if (c.version() == 1 && List.of(c.label().split(":")[0].split(",")).contains(controller)) return write(c, v1File, value);
        throw new ActionException("no " + controller + " controller on this host (v2 or v1) for the limit " + value);
    }

    /** --cpu 0.5: half a CPU: cpu.max "50000 100000" in v2, else cpu.cfs_quota_us 50000 in v1. */
    private Map<String, String> cpu(List<ContainerState.Cg> cgroups, String cpus) throws ActionException {
        double c;
        try {
            c = Double.parseDouble(cpus);
        } catch (NumberFormatException e) {
            throw new ActionException("--cpu is a number of CPUs (0.5, 2): not " + Names.shown(cpus));
        }
        if (!(c > 0.0 && c <= 1024)) throw new ActionException("--cpu is more than 0 and at most 1024: not " + cpus);
        long quota = Math.max(1000, Math.round(c * 100000));
        for (ContainerState.Cg cg : cgroups)
            if (cg.version() == 2 && Files.exists(Path.of(cg.mountPoint(), cg.path(), "cpu.max"))) return write(cg, "cpu.max", quota + " 100000");
        for (ContainerState.Cg cg : cgroups)
            if (cg.version() == 1 && List.of(cg.label().split(":")[0].split(",")).contains("cpu")) {
                Map<String, String> m = new LinkedHashMap<>(write(cg, "cpu.cfs_period_us", "100000"));
                m.putAll(write(cg, "cpu.cfs_quota_us", Long.toString(quota)));
                return m;
            }
        throw new ActionException("no cpu controller on this host (v2 or v1) for --cpu " + cpus);
    }

    private Map<String, String> write(ContainerState.Cg c, String file, String value) throws ActionException {
        CgroupWrites w = new CgroupWrites(k, c.mountPoint(), c.version() == 2);
        change(w, "set", c.label(), () -> w.set(c.path(), file, value));
        return Map.of(c.label() + " " + file, value);
    }

    private static String logTail(Path log) {
        try {
            List<String> l = Files.readAllLines(log);
            return l.isEmpty() ? "(it wrote nothing)" : String.join(" | ", l.subList(Math.max(0, l.size() - 3), l.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
