package nscope.views.ui.action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.actions.Actions;
import nscope.views.screens.Target;
import nscope.views.text.Escape;
import nscope.views.ui.dialog.CgroupPicker;
import nscope.views.ui.dialog.Confirm;
import nscope.views.ui.dialog.Dialog;
import nscope.views.ui.dialog.Form;

/**
 * The action keys that open a dialog or run a session, for what the selected
 * row stands for (its {@link Target}): e and E (enter), u (unshare), m (move
 * into a cgroup), a (make a cgroup), L (limits), c and x (containers), K
 * (signal), z and d (freeze, remove). Each ends in a {@link Dialog.Result}:
 * words, a dialog, or a session the loop runs with the screen put aside.
 */
public final class ActionKeys {
    private ActionKeys() {}

    static final List<String> TYPES = List.of("mnt", "uts", "ipc", "net", "pid", "user", "cgroup", "time");
    private static final String FORM_KEYS = "Up/Down: field   Space: switch   Enter: go   Esc: cancel";

    /** e: the selected process's or thread's own namespaces, or the selected namespace only; E asks how first. */
    public static Dialog.Result enter(Target row, Actions a, boolean ask) {
        if (row instanceof Target.OfTask of) {
            Task p = of.process(), task = of.task();
            // a thread is entered as itself: it may have left its leader's namespaces (setns, unshare)
            boolean thread = task.tid() != p.tgid();
            Actions.Target t = thread
                    ? new Actions.Target(p.tgid(), p.startTime(), p.comm(), task.tid(), task.startTime())
                    : new Actions.Target(p.tgid(), p.startTime(), p.comm());
            if (!ask) return Dialog.Result.run(a.enter(t, Actions.EnterChoice.ALL));
            Form f = new Form(
                    "Enter " + (thread ? "thread " + task.tid() + " of " : "") + "PID " + p.tgid() + " ("
                            + Escape.terminal(p.comm()) + ")",
                    FORM_KEYS);
            TYPES.forEach(x -> f.toggle(x, true));
            f.toggle("also join its cgroups (every hierarchy)", false)
                    .text("user (UID[:GID], empty: root)", "")
                    .text("command (words; empty: a shell)", "");
            return Dialog.Result.then(f.onSubmit(x -> {
                List<String> types = x.onOf(TYPES);
                if (types.isEmpty()) return x.stay("choose at least one namespace type");
                Actions.Session ses = a.enter(
                        t,
                        new Actions.EnterChoice(
                                new LinkedHashSet<>(types),
                                x.on("also join its cgroups (every hierarchy)"),
                                x.text("user (UID[:GID], empty: root)"),
                                words(x.text("command (words; empty: a shell)"))));
                return ses.refusal() != null ? x.stay(ses.refusal()) : Dialog.Result.run(ses);
            }));
        }
        Namespace n = row instanceof Target.OfNamespace ns ? ns.ns() : null;
        if (n == null) return Dialog.Result.done("e enters a process, a thread or a namespace: select one", false);
        Actions.NsTarget ns = nsTarget(n);
        if (!ask) return Dialog.Result.run(a.enterNamespace(ns, Actions.EnterChoice.ALL));
        Form f = new Form("Enter " + ns.label() + " only", FORM_KEYS)
                .text("user (UID[:GID], empty: root)", "")
                .text("command (words; empty: a shell)", "");
        return Dialog.Result.then(f.onSubmit(x -> {
            Actions.Session ses = a.enterNamespace(
                    ns,
                    new Actions.EnterChoice(
                            Set.of(ns.type()),
                            false,
                            x.text("user (UID[:GID], empty: root)"),
                            words(x.text("command (words; empty: a shell)"))));
            return ses.refusal() != null ? x.stay(ses.refusal()) : Dialog.Result.run(ses);
        }));
    }

    /** The files that hold a namespace, members' links first: the app enters the first that still holds it. */
    public static Actions.NsTarget nsTarget(Namespace n) {
        String type = n.kind().label();
        List<String> files = new ArrayList<>();
        n.tasks().stream().limit(3).forEach(t -> files.add("/proc/" + t + "/ns/" + type));
        if (n.kind() == NsKind.PID || n.kind() == NsKind.TIME)
            n.pendingFor().stream().limit(3).forEach(t -> files.add("/proc/" + t + "/ns/" + type + "_for_children"));
        for (Holder h : n.holders()) {
            if (h instanceof Holder.Fd fd) files.add("/proc/" + fd.pid() + "/fd/" + fd.fd());
            else if (h instanceof Holder.Mount m) files.add("/proc/" + m.viaPid() + "/root" + m.mountPoint());
        }
        String shellRoot = n.kind() == NsKind.MNT && !n.tasks().isEmpty()
                ? "/proc/" + n.tasks().get(0) + "/root"
                : "/";
        return new Actions.NsTarget(type, n.id().dev(), n.id().ino(), files, shellRoot);
    }

    /** u: a shell (or a command) in new namespaces. */
    public static Dialog.Result unshare(Actions a) {
        Form f = new Form("Unshare: a shell in new namespaces", FORM_KEYS);
        for (String t : TYPES) f.toggle(t, !t.equals("user") && !t.equals("time"));
        f.toggle("fork (the command is PID 1 of the new pid namespace)", true)
                .toggle("mount a new /proc", true)
                .toggle("map me to root (a new user namespace)", false)
                .text("hostname (empty: unchanged)", "")
                .text("command (words; empty: a shell)", "");
        return Dialog.Result.then(f.onSubmit(x -> {
            Actions.Session ses = a.unshare(new Actions.UnshareChoice(
                    new LinkedHashSet<>(x.onOf(TYPES)),
                    x.on("fork (the command is PID 1 of the new pid namespace)"),
                    x.on("mount a new /proc"),
                    x.on("map me to root (a new user namespace)"),
                    x.text("hostname (empty: unchanged)"),
                    words(x.text("command (words; empty: a shell)"))));
            return ses.refusal() != null ? x.stay(ses.refusal()) : Dialog.Result.run(ses);
        }));
    }

    /** m: the selected process (all its threads) or thread into a cgroup picked from a tree, after asking. */
    public static Dialog.Result move(Snapshot s, Target row, Actions a) {
        if (!(row instanceof Target.OfTask of))
            return Dialog.Result.done("m moves a process or a thread: select one on the processes screen", false);
        if (s.cgroups().trees().isEmpty()) return Dialog.Result.done("no cgroup hierarchy was read", false);
        Task t = of.task(), p = of.process();
        boolean thread = !t.leader();
        String who = thread
                ? "thread " + t.tid() + " (" + Escape.terminal(t.comm()) + ") of PID " + p.tgid()
                : "PID " + p.tgid() + " (" + Escape.terminal(p.comm()) + ") with all its threads";
        Actions.Target target = new Actions.Target(p.tgid(), p.startTime(), p.comm());
        return Dialog.Result.then(new CgroupPicker(
                "Move " + who + " into", s.cgroups().trees(), into -> {
                    List<String> lines = new ArrayList<>();
                    into.forEach(c -> lines.add(Escape.terminal(c.label()) + "  (" + c.mountPoint() + ")"));
                    return Dialog.Result.then(new Confirm(
                            o -> "Move " + who + " into "
                                    + (into.size() == 1 ? "this cgroup?" : into.size() + " cgroups?"),
                            lines,
                            List.of(""),
                            o -> a.move(target, thread ? t.tid() : 0, into)));
                }));
    }

    /** a: a new child cgroup of the selected one, named in a form, after asking. */
    public static Dialog.Result mkdir(Target row, Actions a) {
        Actions.CgroupTarget parent = ActionTargets.cgroup(row).orElse(null);
        if (parent == null)
            return Dialog.Result.done("a makes a child cgroup: select its parent on the cgroups screen", false);
        Form f = new Form("New cgroup under " + Escape.terminal(parent.label()), "Enter: go on   Esc: cancel")
                .text("name", "");
        return Dialog.Result.then(f.onSubmit(x -> {
            String name = x.text("name");
            String wrong = NameCheck.problem(name, "a cgroup name");
            if (wrong != null) return x.stay(wrong);
            String path = (parent.path().equals("/") ? "" : parent.path()) + "/" + name;
            return Dialog.Result.then(new Confirm(
                    o -> "Make the cgroup " + Escape.terminal(parent.hierarchy() + ":" + path) + "?",
                    List.of("a new directory in " + parent.mountPoint() + parent.path()),
                    List.of(""),
                    o -> a.mkdir(parent, name)));
        }));
    }

    /** L: the memory, pids and CPU limits of the selected cgroup (the files of its hierarchy), after asking. */
    public static Dialog.Result limits(Target row, Actions a) {
        Actions.CgroupTarget c = ActionTargets.cgroup(row).orElse(null);
        if (c == null || c.path().equals("/"))
            return Dialog.Result.done(
                    c == null ? "L sets limits of a cgroup: select one" : "a hierarchy's root cgroup has no limits",
                    false);
        List<String> files = limitFiles(c);
        if (files.isEmpty())
            return Dialog.Result.done("the " + c.hierarchy() + " hierarchy has no memory, pids or CPU limit", false);
        Form f = new Form(
                "Limits of " + Escape.terminal(c.label()) + " (empty: unchanged)", "Enter: go on   Esc: cancel");
        for (String file : files) f.text(file + hint(file), "");
        return Dialog.Result.then(f.onSubmit(x -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (String file : files)
                if (!x.text(file + hint(file)).isEmpty()) values.put(file, x.text(file + hint(file)));
            if (values.isEmpty()) return x.stay("no value given: nothing to set");
            List<String> lines = new ArrayList<>();
            values.forEach((k, v) -> lines.add(k + " = " + Escape.terminal(v)));
            return Dialog.Result.then(new Confirm(
                    o -> "Set in " + Escape.terminal(c.label()) + "?", lines, List.of(""), o -> a.set(c, values)));
        }));
    }

    /** The limit files a cgroup of this hierarchy has: v2's, or those of the v1 controllers bound to it. */
    static List<String> limitFiles(Actions.CgroupTarget c) {
        if (c.version() == 2) return List.of("memory.max", "pids.max", "cpu.max");
        List<String> ctl = Arrays.asList(c.hierarchy().split(","));
        List<String> out = new ArrayList<>();
        if (ctl.contains("memory")) out.add("memory.limit_in_bytes");
        if (ctl.contains("pids")) out.add("pids.max");
        if (ctl.contains("cpu")) out.add("cpu.cfs_quota_us");
        return out;
    }

    private static String hint(String file) {
        return switch (file) {
            case "memory.max", "memory.limit_in_bytes" -> " (bytes, 32M, max)";
            case "pids.max" -> " (a count, max)";
            case "cpu.max" -> " (QUOTA PERIOD in us: 50000 100000, max)";
            case "cpu.cfs_quota_us" -> " (us per 100 ms period; -1: none)";
            default -> "";
        };
    }

    /** c: a container made of kernel primitives, from a form. */
    public static Dialog.Result create(Actions a) {
        Form f = new Form("New container (nscope run)", FORM_KEYS)
                .text("image (a directory or a tar of a root filesystem)", "")
                .text("command (words; empty: /bin/sh)", "")
                .text("name (empty: generated)", "")
                .text("hostname (empty: the name)", "")
                .text("memory (32M; empty: no limit)", "")
                .text("pids (16; empty: no limit)", "")
                .text("cpu (0.5 CPUs; empty: no limit)", "")
                .text("network (none, loopback, bridge)", "loopback")
                .text("address on the bridge (empty: the next free)", "")
                .toggle("user namespace, you as root in it", false)
                .toggle("time namespace", false)
                .toggle("in the background (else: its shell here; Ctrl-] leaves it running)", false);
        return Dialog.Result.then(f.onSubmit(x -> {
            if (x.text("image (a directory or a tar of a root filesystem)").isEmpty()) return x.stay("give an image");
            Actions.RunChoice c = new Actions.RunChoice(
                    x.text("name (empty: generated)"),
                    x.text("image (a directory or a tar of a root filesystem)"),
                    words(x.text("command (words; empty: /bin/sh)")),
                    x.text("hostname (empty: the name)"),
                    x.text("memory (32M; empty: no limit)"),
                    x.text("pids (16; empty: no limit)"),
                    x.text("cpu (0.5 CPUs; empty: no limit)"),
                    x.text("network (none, loopback, bridge)"),
                    x.text("address on the bridge (empty: the next free)"),
                    x.on("user namespace, you as root in it"),
                    x.on("time namespace"));
            if (x.on("in the background (else: its shell here; Ctrl-] leaves it running)"))
                return Dialog.Result.done(a.runDetached(c), true);
            Actions.Session ses = a.run(c);
            return ses.refusal() != null ? x.stay(ses.refusal()) : Dialog.Result.run(ses);
        }));
    }

    /** x on a row of one of nscope's containers: stop it, or (s) remove it, after asking. */
    public static Dialog.Result containerChange(String container, Actions a) {
        if (container == null)
            return Dialog.Result.done(
                    "x stops or removes one of nscope's containers: select a row marked [ctr NAME]", false);
        String n = Escape.terminal(container);
        return Dialog.Result.then(new Confirm(
                o -> o.equals("stop")
                        ? "Stop the container " + n + "?"
                        : "Remove the container " + n + " and all it made?",
                List.of(
                        "stop: SIGTERM to its PID 1, SIGKILL to all of it after 10 s",
                        "remove: its processes killed, its cgroups, veth, directory (and the bridge, if it is the last) removed"),
                List.of("stop", "rm"),
                o -> a.container(container, o)));
    }

    /**
     * K / F9: a signal to the row's processes (a thread's process; every
     * process of a namespace or cgroup but the host's PID 1, nscope and
     * kernel threads), after asking; PID 1s of pid namespaces are named.
     */
    public static Dialog.Result signal(Snapshot s, Target row, Actions a) {
        SignalTargets st = SignalTargets.of(s, row, ProcessHandle.current().pid());
        List<Actions.Target> targets = st.targets();
        if (targets.isEmpty())
            return Dialog.Result.done(
                    st.lines().isEmpty()
                            ? "no process to signal on this row"
                            : "nothing to signal: " + st.lines().get(st.lines().size() - 1),
                    false);
        String count = targets.size() + (targets.size() == 1 ? " process?" : " processes?");
        return Dialog.Result.then(new Confirm(
                sig -> "Send SIG" + sig + " to " + count, st.lines(), a.signals(), sig -> a.signal(targets, sig)));
    }

    /** z: freeze the selected cgroup, or thaw it when it is frozen; d (remove): remove it. Both ask first. */
    public static Dialog.Result cgroupChange(Snapshot s, Target row, boolean remove, Actions a) {
        Actions.CgroupTarget c = ActionTargets.cgroup(row).orElse(null);
        if (c == null || c.path().equals("/"))
            return Dialog.Result.done(
                    c == null ? "not a cgroup row" : "the root cgroup of a hierarchy is not changed from here", false);
        String what = remove ? "rmdir" : ActionTargets.frozen(row) ? "thaw" : "freeze";
        List<String> lines = new ArrayList<>();
        if (remove) lines.add("the kernel removes it only if it holds no process and no child cgroup");
        else
            for (Actions.Target t : ActionTargets.processes(s, row))
                lines.add("PID " + t.pid() + "  " + Escape.terminal(t.label()));
        String question = (remove ? "Remove" : what.equals("thaw") ? "Thaw" : "Freeze every process of")
                + " the cgroup " + Escape.terminal(c.label()) + "?";
        return Dialog.Result.then(new Confirm(o -> question, lines, List.of(""), o -> a.cgroup(c, what)));
    }

    /** A command typed in a form as argv, split as a shell would split it (quotes kept together), no shell reading it. */
    static List<String> words(String text) {
        return nscope.views.text.Words.split(text);
    }
}
