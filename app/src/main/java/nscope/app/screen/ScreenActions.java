package nscope.app.screen;

import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.Bound;
import nscope.act.CgroupWrites;
import nscope.act.EnterPlan;
import nscope.act.Launch;
import nscope.act.Names;
import nscope.act.Signals;
import nscope.act.UnsharePlan;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.container.ContainerCreate;
import nscope.app.container.ContainerEnter;
import nscope.app.container.ContainerRemove;
import nscope.app.container.ContainerState;
import nscope.app.container.Containers;
import nscope.app.container.confine.Capabilities;
import nscope.app.container.confine.Confinement;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.Entering;
import nscope.kernel.DevIno;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NsType;
import nscope.views.actions.Actions;

/** The live screen's actions on the host: signals bound to start times, each attempt in the audit log. */
public final class ScreenActions implements Actions {
    private final Audited audited;
    /** Audit lines that could not be written after their change (said in the next result, never on the screen's terminal). */
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    public ScreenActions(AuditLog log) {
        this.audited = new Audited(log, warnings::add);
    }

    /** A result with the audit warnings since the last one. */
    private String noted(String result) {
        synchronized (warnings) {
            if (warnings.isEmpty()) return result;
            String r = result + "; " + String.join("; ", warnings);
            warnings.clear();
            return r;
        }
    }

    /** Read-only with --read-only, or when not root (what could be changed would mostly be refused); else the real ones. */
    public static Actions of(boolean readOnly, boolean live) {
        if (readOnly) return Actions.readOnly("started with --read-only");
        if (!live) return Actions.readOnly("a recorded host (--root) is only shown");
        if (!AuditLog.isRoot())
            return Actions.readOnly("not root: signals to other users' processes and cgroup changes need root");
        return new ScreenActions(AuditLog.of(System.getenv()));
    }

    @Override
    public String refusal() {
        return null;
    }

    @Override
    public List<String> signals() {
        return List.copyOf(Signals.BY_NAME.keySet());
    }

    @Override
    public String signal(List<Target> targets, String name) {
        Kernel kernel;
        try {
            kernel = Kernel.shared();
        } catch (KernelException e) {
            return "nothing sent: " + e.getMessage();
        }
        int sig = Signals.parse(name), sent = 0;
        List<String> refused = new ArrayList<>();
        for (Target t : targets) {
            Audited.Outcome o = audited.signal(kernel, t.pid(), t.startTime(), sig);
            if (o.ok()) sent++;
            else refused.add(o.result());
            if (o.logError() != null) refused.add(o.logError());
        }
        String done = "SIG" + name + " sent to " + sent + " of " + targets.size()
                + (targets.size() == 1 ? " process" : " processes");
        return refused.isEmpty()
                ? done
                : done + "; " + refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
    }

    @Override
    public String cgroup(CgroupTarget target, String change) {
        CgroupWrites w;
        try {
            w = new CgroupWrites(Kernel.shared(), target.mountPoint(), target.version() == 2);
        } catch (KernelException e) {
            return "nothing changed: " + e.getMessage();
        }
        Audited.Outcome o = audited.cgroup(w, change, target.label(), writes -> switch (change) {
            case "rmdir" -> {
                writes.rmdir(target.path());
                yield "removed " + target.label();
            }
            case "freeze" -> {
                writes.freeze(target.path(), true);
                yield "froze " + target.label();
            }
            case "thaw" -> {
                writes.freeze(target.path(), false);
                yield "thawed " + target.label();
            }
            default -> throw new ActionException("no such cgroup change: " + change);
        });
        return o.logError() == null ? o.result() : o.result() + "; " + o.logError();
    }

    private CgroupWrites writes(CgroupTarget t) throws KernelException {
        return new CgroupWrites(Kernel.shared(), t.mountPoint(), t.version() == 2);
    }

    private static String said(Audited.Outcome o) {
        return o.logError() == null ? o.result() : o.result() + "; " + o.logError();
    }

    @Override
    public String mkdir(CgroupTarget parent, String name) {
        String path = (parent.path().equals("/") ? "" : parent.path()) + "/" + name;
        String label = parent.hierarchy() + ":" + path;
        try {
            return said(audited.cgroup(writes(parent), "mkdir", label, w -> {
                Names.check(name, "a cgroup name");
                w.mkdir(path);
                return "made " + label;
            }));
        } catch (KernelException e) {
            return "nothing changed: " + e.getMessage();
        }
    }

    @Override
    public String set(CgroupTarget target, java.util.Map<String, String> values) {
        List<String> done = new ArrayList<>();
        try {
            CgroupWrites w = writes(target);
            for (var e : values.entrySet()) {
                Audited.Outcome o = audited.cgroup(w, "set", target.label(), x -> {
                    x.set(target.path(), e.getKey(), e.getValue());
                    return "set " + e.getKey() + " = " + e.getValue() + " in " + target.label();
                });
                if (!o.ok()) return (done.isEmpty() ? "" : String.join(", ", done) + "; then ") + said(o);
                done.add(e.getKey() + " = " + e.getValue());
            }
        } catch (KernelException e) {
            return "nothing changed: " + e.getMessage();
        }
        return "set " + String.join(", ", done) + " in " + target.label();
    }

    @Override
    public String move(Target process, int tid, List<CgroupTarget> into) {
        int moved = 0;
        String who =
                tid > 0 && tid != process.pid() ? "thread " + tid + " of PID " + process.pid() : "PID " + process.pid();
        try {
            Kernel k = Kernel.shared();
            for (CgroupTarget t : into) {
                Audited.Outcome o = audited.cgroup(writes(t), "mv", t.label(), w -> {
                    // bound to the process the user saw: a PID reused meanwhile is refused
                    try (nscope.kernel.Fd pidfd =
                            Bound.pin(k, "/proc", process.pid(), process.startTime(), "nothing moved")) {
                        Bound.refuseUnfit(k, "/proc", tid > 0 ? tid : process.pid(), "nothing moved");
                        w.move(t.path(), tid > 0 ? tid : process.pid(), tid > 0 && tid != process.pid());
                    }
                    return "moved " + who + " into " + t.label();
                });
                if (!o.ok())
                    return (moved > 0 ? "moved into " + moved + " of " + into.size() + " cgroups; then " : "")
                            + said(o);
                moved++;
            }
        } catch (KernelException e) {
            return "nothing moved: " + e.getMessage();
        }
        return "moved " + who + " into "
                + (into.size() == 1
                        ? into.get(0).label()
                        : into.size() + " cgroups (" + into.get(0).path() + ")");
    }

    /** A launch made ready now (so a refusal shows before the screen is put aside), run when the loop asks. */
    private Session session(String action, String target, boolean command, Entering.Prepare p) {
        Kernel k;
        Launch l;
        try {
            k = Kernel.shared();
            l = p.launch(k);
        } catch (KernelException | ActionException e) {
            audited.refused(action, target, e.getMessage());
            return Session.refused(e.getMessage());
        }
        return new RelayedSession(l.what(), command, () -> Entering.start(k, audited, l, action, target));
    }

    /** The options of a container made from the screen: the command line's defaults for what the form does not ask. */
    private static ContainerCreate.Options options(RunChoice c, boolean interactive) throws ActionException {
        String name = c.name().isEmpty() ? ContainerCreate.generatedName() : c.name();
        return new ContainerCreate.Options(
                name,
                c.image(),
                c.userns(),
                c.timens(),
                c.hostname().isEmpty() ? name : c.hostname(),
                blank(c.memory()),
                blank(c.pids()),
                blank(c.cpu()),
                c.net().isEmpty() ? "loopback" : c.net(),
                ContainerCreate.fromEnv(ContainerCreate.BRIDGE),
                ContainerCreate.fromEnv(ContainerCreate.SUBNET),
                blank(c.ip()),
                ContainerCreate.fromEnv(ContainerCreate.VETH_PREFIX),
                ContainerCreate.fromEnv(ContainerCreate.CGROUP_PARENT),
                c.command(),
                interactive,
                DEFAULT_CONFINEMENT);
    }

    /** The screen's containers are confined as the command line's are by default. */
    private static final Confinement DEFAULT_CONFINEMENT =
            new Confinement(Capabilities.DEFAULTS, true, true, false, false, null);

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public Session run(RunChoice c) {
        Kernel k;
        ContainerCreate.Options o;
        try {
            k = Kernel.shared();
            o = options(c, true);
            ContainerCreate.checkName(o.name());
        } catch (KernelException | ActionException e) {
            return Session.refused(e.getMessage());
        }
        return new RelayedSession("the container " + o.name(), false, () -> {
            try {
                return new ContainerCreate(k, audited).create(o).running();
            } catch (ActionException e) {
                throw e; // its run line in the audit log says why
            }
        });
    }

    @Override
    public String runDetached(RunChoice c) {
        try {
            ContainerCreate.Options o = options(c, false);
            ContainerCreate.Created made = new ContainerCreate(Kernel.shared(), audited).create(o);
            return noted("the container " + o.name() + " runs: PID "
                    + made.state().pid()
                    + (made.state().address() == null ? "" : ", " + made.state().address()));
        } catch (KernelException | ActionException e) {
            return "no container: " + e.getMessage();
        }
    }

    @Override
    public List<String> containers() {
        try {
            return Containers.table(ContainerState.all());
        } catch (java.io.IOException e) {
            return List.of("the containers' states cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String container(String name, String change) {
        try {
            Kernel k = Kernel.shared();
            ContainerState c = Containers.load(name);
            if (change.equals("stop")) return noted(ContainerRemove.stop(k, audited, c, 10));
            ContainerRemove.remove(k, audited, c, true);
            return noted("removed the container " + name + " and all it made");
        } catch (KernelException | ActionException e) {
            return name + ": " + e.getMessage();
        }
    }

    private static java.util.Set<NsType> types(java.util.Set<String> names) throws ActionException {
        return Entering.types(String.join(",", names));
    }

    @Override
    public Session enter(Target process, EnterChoice c) {
        return session(
                "enter",
                "pid " + process.pid() + " start " + process.startTime()
                        + (process.tid() != 0 ? " thread " + process.tid() : ""),
                !c.command().isEmpty(),
                k -> Entering.process(
                        k,
                        process.pid(),
                        process.startTime(),
                        process.tid() != 0 ? new nscope.act.Bound.Thread(process.tid(), process.tidStart()) : null,
                        types(c.types()),
                        c.cgroups(),
                        c.user(),
                        c.command(),
                        List.of(),
                        ContainerEnter::route));
    }

    @Override
    public Session enterNamespace(NsTarget ns, EnterChoice c) {
        return session("enter", ns.label(), !c.command().isEmpty(), k -> {
            NsType type = types(java.util.Set.of(ns.type())).iterator().next();
            ActionException last = new ActionException("nothing holds " + ns.label() + " any more: nothing started");
            for (String file : ns.files()) {
                try {
                    return EnterPlan.namespace(
                            k,
                            type,
                            file,
                            new DevIno(ns.dev(), ns.ino()),
                            ns.shellRoot(),
                            c.user(),
                            c.command(),
                            ChildEnv.of(System.getenv(), List.of(), ChildEnv.home(c.user())));
                } catch (ActionException e) {
                    last = e; // that holder went or now holds another: the next one
                }
            }
            throw last;
        });
    }

    @Override
    public Session unshare(UnshareChoice c) {
        return session("unshare", String.join(",", c.types()), !c.command().isEmpty(), k -> {
            java.util.EnumSet<NsType> t = java.util.EnumSet.noneOf(NsType.class);
            t.addAll(types(c.types()));
            if (c.mapRoot()) t.add(NsType.USER);
            if (c.mountProc()) t.add(NsType.MNT);
            return UnsharePlan.of(
                    k,
                    t,
                    c.fork(),
                    c.mountProc(),
                    c.mapRoot(),
                    c.hostname(),
                    c.command(),
                    ChildEnv.of(System.getenv(), List.of(), "/root"));
        });
    }
}
