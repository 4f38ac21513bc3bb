package nscope.app.cli.act;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.act.CgroupWrites;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.cli.common.UserError;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.probes.CgroupMounts;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.source.Host;
import nscope.views.text.Escape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * nscope cgroup: change one cgroup hierarchy (make, remove, move a process
 * or a thread, set a file, freeze, thaw). What the kernel refuses is said in
 * words; every attempt goes to the audit log.
 */
@Command(
        name = "cgroup",
        mixinStandardHelpOptions = true,
        description = {
            "Change a cgroup hierarchy: mkdir, rmdir, mv, set, freeze, thaw.",
            "PATH is the cgroup's path in the hierarchy (/ is its root), as nscope cgroups shows it. Each attempt is written to the audit log."
        },
        subcommands = {
            CgroupCommand.Mkdir.class,
            CgroupCommand.Rmdir.class,
            CgroupCommand.Mv.class,
            CgroupCommand.Set.class,
            CgroupCommand.Freeze.class,
            CgroupCommand.Thaw.class
        })
public final class CgroupCommand implements Callable<Integer> {
    @Option(
            names = "--hierarchy",
            paramLabel = "NAME",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description =
                    "The hierarchy: v2 (or unified), a v1 controller (memory, pids, ...) or a named one (systemd);"
                            + " needed when more than one is mounted; all: every hierarchy (for a change to a cgroup, each that has PATH).")
    String hierarchy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UserError("which change? mkdir, rmdir, mv, set, freeze or thaw (see 'nscope cgroup --help')", 2);
    }

    /**
     * Runs one change on the hierarchy named (with --hierarchy all: on every
     * hierarchy, except that a change to an existing cgroup skips those
     * without PATH), logs each, and says a refusal in one line.
     */
    int change(String action, String path, Audited.CgroupChange c) {
        boolean all = "all".equals(hierarchy);
        int rc = 0, done = 0;
        for (Hierarchy h : pick()) {
            if (all && !action.equals("mkdir") && !Files.isDirectory(Path.of(h.mountPoint(), path))) continue;
            CgroupWrites w;
            try {
                w = new CgroupWrites(Kernel.shared(), h.mountPoint(), h.version() == 2);
            } catch (KernelException e) {
                throw new UserError("cannot bind the C library for cgroup writes: " + e.getMessage());
            }
            Audited.Outcome o = new Audited(AuditLog.of(System.getenv())).cgroup(w, action, h.label() + ":" + path, c);
            if (o.logError() != null) spec.commandLine().getErr().println("nscope: cgroup: " + o.logError());
            if (!o.ok()) {
                if (!all)
                    throw new UserError("cgroup " + action + " in " + h.label() + ": " + Escape.terminal(o.result()));
                spec.commandLine()
                        .getErr()
                        .println("nscope: cgroup " + action + " in " + h.label() + ": " + Escape.terminal(o.result()));
                rc = 1;
            }
            if (o.logError() != null) rc = 1;
            done++;
        }
        if (done == 0) throw new UserError("no mounted hierarchy has the cgroup " + Escape.terminal(path));
        spec.commandLine().getErr().flush();
        return rc;
    }

    /** The hierarchy --hierarchy names (all: every one), or the only one mounted; else an error that lists them. */
    private List<Hierarchy> pick() {
        List<Hierarchy> all = CgroupMounts.of(Host.live());
        if (all.isEmpty())
            throw new UserError("no cgroup hierarchy is mounted here (no cgroup or cgroup2 line in mountinfo)");
        List<String> labels = all.stream().map(Hierarchy::label).toList();
        if ("all".equals(hierarchy)) return all;
        if (hierarchy == null) {
            if (all.size() == 1) return all;
            throw new UserError(
                    "several cgroup hierarchies are mounted: name one with --hierarchy (" + String.join(", ", labels)
                            + ")",
                    2);
        }
        List<Hierarchy> out = new ArrayList<>();
        for (Hierarchy h : all) if (h.named(hierarchy, h.version() == 2 ? v2Controllers(h) : List.of())) out.add(h);
        if (out.isEmpty())
            throw new UserError(
                    "no cgroup hierarchy named " + Escape.terminal(hierarchy) + " (mounted: "
                            + String.join(", ", labels) + ")",
                    2);
        return out.subList(0, 1);
    }

    private static List<String> v2Controllers(Hierarchy h) {
        try {
            return List.of(Files.readString(Path.of(h.mountPoint(), "cgroup.controllers"))
                    .trim()
                    .split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Make a cgroup.")
    static final class Mkdir implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Parameters(paramLabel = "PATH", description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Override
        public Integer call() {
            return parent.change("mkdir", path, w -> {
                w.mkdir(path);
                return "made";
            });
        }
    }

    @Command(
            name = "rmdir",
            mixinStandardHelpOptions = true,
            description = "Remove a cgroup with no process and no child.")
    static final class Rmdir implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Parameters(paramLabel = "PATH", description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Override
        public Integer call() {
            return parent.change("rmdir", path, w -> {
                w.rmdir(path);
                return "removed";
            });
        }
    }

    @Command(
            name = "mv",
            mixinStandardHelpOptions = true,
            description = "Move processes (all their threads) into the cgroup at PATH; with --thread, each TID alone.")
    static final class Mv implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Option(
                names = "--thread",
                description = "Move the thread each ID names, not its whole process (v2: within a threaded subtree).")
        boolean thread;

        @Parameters(
                index = "0",
                paramLabel = "PATH",
                description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "PID",
                description = "The processes (with --thread: the threads) to move.")
        List<Integer> pids;

        @Override
        public Integer call() {
            int rc = 0;
            for (int pid : pids) {
                try { // a kernel thread or a zombie is refused before anything is tried
                    nscope.act.Bound.refuseUnfit(UserError.kernel("cgroup", 1), "/proc", pid, "nothing moved");
                } catch (nscope.act.ActionException e) {
                    new Audited(AuditLog.of(System.getenv())).refused("cgroup mv", path, e.getMessage());
                    throw new UserError("cgroup mv: " + Escape.terminal(e.getMessage()));
                }
                rc = Math.max(rc, parent.change("mv", path, w -> {
                    w.move(path, pid, thread);
                    return (thread ? "moved thread " : "moved process ") + pid;
                }));
            }
            return rc;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Write VALUE to the cgroup's FILE (memory.max, pids.max, cpu.max, ...).")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Parameters(
                index = "0",
                paramLabel = "PATH",
                description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Parameters(
                index = "1",
                paramLabel = "FILE",
                description = "An interface file that is a setting (pids.max, memory.max, ...).")
        String file;

        @Parameters(index = "2", paramLabel = "VALUE", description = "What to write to it.")
        String value;

        @Override
        public Integer call() {
            return parent.change("set", path, w -> {
                w.set(path, file, value);
                return file + " = " + value;
            });
        }
    }

    @Command(
            name = "freeze",
            mixinStandardHelpOptions = true,
            description = "Freeze every process of the cgroup (v2 cgroup.freeze, v1 freezer).")
    static final class Freeze implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Parameters(paramLabel = "PATH", description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Override
        public Integer call() {
            return parent.change("freeze", path, w -> {
                w.freeze(path, true);
                return "frozen";
            });
        }
    }

    @Command(name = "thaw", mixinStandardHelpOptions = true, description = "Thaw a frozen cgroup.")
    static final class Thaw implements Callable<Integer> {
        @ParentCommand
        CgroupCommand parent;

        @Parameters(paramLabel = "PATH", description = "The cgroup, as a path in its hierarchy (/ is its root).")
        String path;

        @Override
        public Integer call() {
            return parent.change("thaw", path, w -> {
                w.freeze(path, false);
                return "thawed";
            });
        }
    }
}
