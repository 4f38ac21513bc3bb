package nscope.app.cli.read;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import nscope.app.cli.common.RootOptions;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.Seconds;
import nscope.app.cli.common.UserError;
import nscope.app.container.ContainerState;
import nscope.app.json.CgroupsJson;
import nscope.app.json.Json;
import nscope.probes.Collector;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.views.text.CgroupTreeText;
import nscope.views.text.Escape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope cgroups: every cgroup hierarchy as a tree with members, limits, usage and pressure. */
@Command(
        name = "cgroups",
        mixinStandardHelpOptions = true,
        description = {
            "Show every mounted cgroup hierarchy as a tree with its figures (like systemd-cgls).",
            "Hierarchies v1, v2 and hybrid are shown, each with the columns it fills: PROCS and TASKS (member processes and threads), MEMORY (current/limit), CPU%% (with --interval), PIDS (current/max) and PSI-SOME10 (cpu, memory and io pressure, 'some' avg10).",
            "Marks after a name: [threaded] and the other v2 types, [frozen], [oom_kill N], [pids.max hit N]."
        })
public final class CgroupsCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..1",
            description = "Only the subtree at this cgroup path (e.g. /system.slice).")
    String path;

    @Option(
            names = "--hierarchy",
            paramLabel = "NAME",
            description =
                    "Only this hierarchy: v2 (or unified), a v1 controller (memory, cpu, ...), or a named one (systemd).")
    String hierarchy;

    @Option(
            names = {"-J", "--json"},
            description = "Print {\"hierarchies\":[...],\"processes\":[...]} with every file read.")
    boolean json;

    @Option(
            names = {"-p", "--processes"},
            description = "List each cgroup's member processes under it (PID and command).")
    boolean processes;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "0",
            converter = Seconds.Sample.class,
            description =
                    "Scan twice, SECONDS apart (e.g. 0.5, up to 60), for CPU%%; default: one scan, as systemd-cgls,"
                            + " no CPU%% column.")
    double interval;

    @Option(
            names = {"-n", "--noheadings"},
            description = "Do not print the header lines.")
    boolean noHeadings;

    @Option(
            names = "--bench",
            paramLabel = "N",
            description = "Time the cgroup part of N scans in this process and print the median.")
    Integer bench;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (bench != null) return bench();
        return run(
                parent.roots(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * `nscope cgroups` with the few options of its common uses ([PATH],
     * --hierarchy NAME, -n), run without picocli: building its model takes
     * a cold JVM some 0.2 s of CPU (its classes are Java 5 bytecode, which no
     * class-data archive holds), several times what the command reads. Null
     * for any other arguments (help, @files, a repeated option, ...): picocli
     * parses those, with its messages.
     */
    public static Integer quick(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("cgroups")) return null;
        CgroupsCommand c = new CgroupsCommand();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = a.startsWith("--hierarchy=") ? a.substring("--hierarchy=".length()) : null;
            if (a.equals("--hierarchy") && i + 1 < args.length) value = args[++i];
            if (value != null) {
                if (c.hierarchy != null || value.isEmpty() || value.startsWith("-") || value.startsWith("@"))
                    return null;
                c.hierarchy = value;
            } else if (a.equals("-n") || a.equals("--noheadings")) {
                if (c.noHeadings) return null;
                c.noHeadings = true;
            } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || c.path != null) {
                return null;
            } else c.path = a;
        }
        return c.run(new RootOptions(), out, err);
    }

    private int run(RootOptions roots, PrintWriter out, PrintWriter err) {
        String from = path == null ? null : normalize(path);
        Snapshot replayed = roots.replayed();
        Host host = replayed != null ? null : roots.host();
        // the text without processes shows the cgroups and their members alone: a scan of nothing else
        Collector c = replayed != null
                ? null
                : json || processes
                        ? new Collector(host, Scope.PROCESSES, phases())
                        : Collector.cgroupsAlone(
                                host,
                                true,
                                hierarchy,
                                interval > 0 && roots.live()
                                        ? nscope.probes.cgroups.CgroupFigures.FILES
                                        : nscope.probes.cgroups.CgroupFigures.FILES_WITHOUT_CPU);
        Snapshot snap = replayed != null ? replayed : c.collect();
        CgroupCpu cpu = CgroupCpu.none();
        if (interval > 0 && roots.live()) {
            try {
                Thread.sleep(Math.round(interval * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Snapshot later = c.collect();
            cpu = CgroupCpu.between(snap.cgroups(), later.cgroups());
            snap = later;
        }
        List<CgroupTree> trees = pick(snap);
        if (from != null && trees.stream().noneMatch(t -> t.cgroup(from).isPresent()))
            throw new UserError("no cgroup " + Escape.terminal(from) + " in "
                    + (hierarchy != null ? "hierarchy " + Escape.terminal(hierarchy) : "any hierarchy"));
        if (json) {
            Predicate<Cgroup> under = cg ->
                    from == null || cg.path().equals(from) || cg.path().startsWith(from.equals("/") ? "/" : from + "/");
            try (JsonGenerator g = Json.generator(out)) {
                g.writeStartObject();
                g.writeStringField("source", snap.source());
                CgroupsJson.fields(snap, cpu, trees::contains, under, g);
                g.writeEndObject();
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            Snapshot s = snap;
            CgroupCpu shownCpu = cpu;
            List<ContainerState> containers = roots.live() ? containers() : List.of();
            List<CgroupTree> shown = new java.util.ArrayList<>();
            for (CgroupTree t : trees)
                if ((from == null || t.cgroup(from).isPresent()) && !t.cgroups().isEmpty()) shown.add(t);
            // each hierarchy's table made on a core of its own (pure text, printed in order): a cold render
            // of 2,000 rows took 50 ms on one
            List<String> texts = shown.parallelStream()
                    .map(t -> CgroupTreeText.render(
                            t,
                            from != null ? from : t.hierarchy().mountRoot(),
                            shownCpu,
                            processes ? pid -> command(s, pid) : null,
                            !noHeadings,
                            marks(containers, t)))
                    .toList();
            for (int i = 0; i < shown.size(); i++) {
                if (i > 0) out.println();
                if (!noHeadings) out.println(CgroupTreeText.title(shown.get(i)));
                out.print(texts.get(i));
            }
        }
        out.flush();
        summarize(snap.problems(), err);
        return 0;
    }

    /** What a scan reads: everything, v1 thread lists included (a one-shot command can afford them). */
    private static EnumSet<Collector.Phase> phases() {
        return EnumSet.of(Collector.Phase.CGROUPS, Collector.Phase.CGROUP_THREADS);
    }

    /**
     * The cgroup phase alone, timed within each collection (the processes
     * scan it needs is not counted), as a live refresh runs it and with the
     * v1 thread lists too, interleaved.
     */
    private int bench() {
        if (bench < 1) throw new UserError("--bench needs a count of at least 1", 2);
        // each its own host: a live host keeps the descriptors of what it reads again, per scan kind
        Host host =
                parent.roots().live() ? Host.liveRefreshed() : parent.roots().host(true);
        Collector refresh = new Collector(host, Scope.PROCESSES, EnumSet.of(Collector.Phase.CGROUPS));
        Collector full = new Collector(parent.roots().live() ? Host.liveRefreshed() : host, Scope.PROCESSES, phases());
        PrintWriter out = spec.commandLine().getOut();
        long[] a = new long[bench], b = new long[bench];
        Snapshot s = null;
        for (int i = 0; i < bench; i++) {
            s = refresh.collect();
            a[i] = refresh.lastCgroupNanos() / 1_000_000;
            full.collect();
            b[i] = full.lastCgroupNanos() / 1_000_000;
            out.printf("scan %d: cgroup part %d ms; with v1 thread lists %d ms%n", i + 1, a[i], b[i]);
        }
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        int cgroups =
                s.cgroups().trees().stream().mapToInt(t -> t.cgroups().size()).sum();
        out.printf(
                "median %d ms over %d scans: %d hierarchies, %d cgroups, %d processes' /proc/PID/cgroup (%s)%n",
                a[bench / 2],
                bench,
                s.cgroups().trees().size(),
                cgroups,
                s.cgroups().lines().size(),
                host.files().getClass().getSimpleName());
        out.printf("median with every v1 thread list (tasks) too: %d ms%n", b[bench / 2]);
        out.flush();
        return 0;
    }

    /** The hierarchies --hierarchy names (all without it); a name that picks none is an error that lists the names. */
    private List<CgroupTree> pick(Snapshot snap) {
        List<CgroupTree> all = snap.cgroups().trees();
        if (all.isEmpty())
            throw new UserError("no cgroup hierarchy is mounted here (no cgroup or cgroup2 line in mountinfo)"
                    + (snap.problems().isEmpty()
                            ? ""
                            : ": " + Escape.terminal(snap.problems().get(0).toString())));
        if (hierarchy == null) return all;
        List<CgroupTree> out = new ArrayList<>();
        for (CgroupTree t : all) if (t.hierarchy().named(hierarchy, t.controllers())) out.add(t);
        if (out.isEmpty()) {
            List<String> names = all.stream().map(t -> t.hierarchy().label()).toList();
            throw new UserError("no cgroup hierarchy named " + Escape.terminal(hierarchy) + " (mounted: "
                    + String.join(", ", names) + ")");
        }
        return out;
    }

    /** "/a/b" from "a/b/", "/a//b" and the like. */
    static String normalize(String p) {
        StringBuilder b = new StringBuilder();
        for (String part : p.split("/")) if (!part.isEmpty()) b.append('/').append(part);
        return b.length() == 0 ? "/" : b.toString();
    }

    /** A process as systemd-cgls shows it: its command line, or [comm] when it has none (kernel threads). */
    private static String command(Snapshot s, int pid) {
        Task t = s.task(pid).orElse(null);
        if (t == null) return "";
        if (t.cmdline().known() && !t.cmdline().get().isEmpty())
            return String.join(" ", t.cmdline().get());
        return "[" + t.comm() + "]";
    }

    /** What the cgroup scan could not read: one line per reason, and the first. */
    static void summarize(List<ScanProblem> problems, PrintWriter err) {
        Map<Unknown.Reason, Integer> byReason = new TreeMap<>();
        for (ScanProblem p : problems) byReason.merge(p.why().reason(), 1, Integer::sum);
        byReason.forEach((reason, n) -> err.println("nscope: " + n + (n == 1 ? " read" : " reads") + " failed ("
                + reason.label() + "); 'nscope cgroups --json' marks each value it could not read"));
        if (!problems.isEmpty())
            err.println("nscope: first: " + Escape.terminal(problems.get(0).toString()));
        err.flush();
    }

    /** This hierarchy's cgroups of nscope's containers (path -> name); none for a recorded host. */
    /** nscope's containers, read once, to mark their cgroups; none for a recorded host or unreadable states. */
    private static List<ContainerState> containers() {
        try {
            return ContainerState.all();
        } catch (IOException e) {
            return List.of(); // the containers' states cannot be read: no marks
        }
    }

    /** This hierarchy's cgroups of those containers: path -> name. */
    private static java.util.Map<String, String> marks(List<ContainerState> containers, CgroupTree t) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (ContainerState c : containers)
            for (ContainerState.Cg g : c.cgroups())
                if (g.label().equals(t.hierarchy().label() + ":" + g.path())) out.put(g.path(), c.name());
        return out;
    }
}
