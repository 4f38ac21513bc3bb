package nscope.app.cli.read;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Problems;
import nscope.app.cli.common.RootOptions;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.json.ColumnJson;
import nscope.app.json.Json;
import nscope.probes.Collector;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing;
import nscope.probes.query.NsTree;
import nscope.views.columns.Column;
import nscope.views.columns.NamespaceColumns;
import nscope.views.columns.NamespaceColumns.NsRow;
import nscope.views.text.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope ls: one row per namespace that has a process, like lsns. */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = {
            "List namespaces that have processes, one row each (like lsns).",
            "NPROCS counts processes by their thread group leader's link, as lsns does; --threads adds TASKS, counted from every task's own link."
        })
public final class LsCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Option(
            names = {"-t", "--type"},
            paramLabel = "TYPE",
            split = ",",
            description = "Only these types: cgroup, ipc, mnt, net, pid, time, user, uts (repeat or comma-separate).")
    List<String> types;

    @Option(
            names = {"-J", "--json"},
            description = "Print {\"namespaces\":[...]} with lsns -J's field names.")
    boolean json;

    @Option(names = "--threads", description = "Count tasks (threads) too, and list namespaces only threads are in.")
    boolean threads;

    @Option(
            names = {"-a", "--all"},
            description =
                    "Also namespaces no process is in: held by an open descriptor (HOLDER column), or only by threads.")
    boolean all;

    @Option(
            names = {"-T", "--tree"},
            paramLabel = "REL",
            description =
                    "Draw the namespaces as a tree by REL: parent (pid and user namespaces) or owner (the owning user namespace), like lsns --tree.")
    NsTree.Relation tree;

    @Option(
            names = {"-p", "--task"},
            paramLabel = "PID",
            description = "Only the namespaces of this process.")
    Integer pid;

    @Option(
            names = {"-n", "--noheadings"},
            description = "Do not print the header line.")
    boolean noHeadings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return run(out(), err());
    }

    /**
     * `nscope ls` and `nscope ls --json` (or -J) as they are mostly typed,
     * run without building picocli's model: picocli's classes are Java 5
     * class files, which the class-data archive cannot hold, so loading and
     * verifying them costs a one-shot command more than its scan on a busy
     * machine. Null for anything else, which picocli parses as ever.
     */
    public static Integer quick(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 1 || args.length > 2 || !args[0].equals("ls")) return null;
        LsCommand ls = new LsCommand();
        if (args.length == 2) {
            if (!args[1].equals("--json") && !args[1].equals("-J")) return null;
            ls.json = true;
        }
        ls.roots = new RootOptions();
        return ls.run(out, err);
    }

    private Integer run(PrintWriter out, PrintWriter err) {
        Set<NsKind> kinds = kinds(types);
        Set<Collector.Phase> phases = EnumSet.noneOf(Collector.Phase.class);
        if (all) phases.add(Collector.Phase.HOLDERS);
        if (tree != null) phases.add(Collector.Phase.RELATIONS);
        boolean plain = roots().live() && !threads && phases.isEmpty();
        Snapshot snap = roots().snapshot(() -> (plain ? Prefetch.take() : java.util.Optional.<Snapshot>empty())
                .orElseGet(() -> new Collector(roots().host(threads), threads ? Scope.TASKS : Scope.PROCESSES, phases)
                        .collect()));
        if (pid != null && snap.leader(pid).isEmpty()) {
            // without --threads only leaders were read: look at every task to tell a thread from nothing
            Snapshot all = threads || roots().replayFile() != null
                    ? snap
                    : new Collector(roots().host(true), Scope.TASKS).collect();
            throw new UserError("no process " + pid
                    + (all.task(pid).isPresent()
                            ? " (it is a thread; give its TGID "
                                    + all.task(pid).get().tgid() + ")"
                            : " (it may have exited)"));
        }
        List<NsListing.Row> rows = NsListing.rows(snap, kinds, threads, pid, all);
        List<NsTree.Node> forest = tree == null ? null : NsTree.forest(rows, snap, tree);
        if (json) writeJson(out, rows, forest, snap);
        else writeText(out, rows, forest, snap);
        out.flush();
        Problems.summarize(snap, err);
        return 0;
    }

    static Set<NsKind> kinds(List<String> types) {
        if (types == null || types.isEmpty()) return EnumSet.allOf(NsKind.class);
        Set<NsKind> out = EnumSet.noneOf(NsKind.class);
        for (String t : types) {
            NsKind k = NsKind.parse(t.trim());
            if (k == null)
                throw new UserError(
                        "unknown namespace type '" + t + "' (one of cgroup, ipc, mnt, net, pid, time, user, uts)", 2);
            out.add(k);
        }
        return out;
    }

    private void writeText(PrintWriter out, List<NsListing.Row> rows, List<NsTree.Node> forest, Snapshot snap) {
        List<Column<NsRow>> cols = new ArrayList<>(NamespaceColumns.ls(threads, all));
        if (forest != null) cols.set(0, cols.get(0).aligned(Column.Align.LEFT)); // the tree is drawn in NS
        TextTable t = new TextTable(cols);
        List<String> prefixes = new ArrayList<>();
        if (forest != null) {
            rows = new ArrayList<>();
            for (NsTree.Node n : NsTree.flatten(forest)) {
                rows.add(n.row());
                prefixes.add(n.prefix());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>(Column.texts(cols, new NsRow(snap, rows.get(i)), "-"));
            if (forest != null) cells.set(0, prefixes.get(i) + cells.get(0));
            t.add(cells.toArray());
        }
        out.print(t.render(!noHeadings));
    }

    private void writeJson(PrintWriter out, List<NsListing.Row> rows, List<NsTree.Node> forest, Snapshot snap) {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("namespaces");
            if (forest != null) {
                for (NsTree.Node n : forest) jsonNode(g, n, snap);
            } else {
                for (NsListing.Row r : rows) {
                    g.writeStartObject();
                    ColumnJson.fields(g, NamespaceColumns.ls(threads, all), new NsRow(snap, r));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree node as lsns -J --tree nests it: its row, pns and ons, then "children". */
    private void jsonNode(JsonGenerator g, NsTree.Node n, Snapshot snap) throws IOException {
        g.writeStartObject();
        NsRow row = new NsRow(snap, n.row());
        ColumnJson.fields(g, NamespaceColumns.ls(threads, all), row);
        ColumnJson.fields(g, NamespaceColumns.RELATIONS, row);
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (NsTree.Node c : n.children()) jsonNode(g, c, snap);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Set when ls runs as the default command, without a parent. */
    private RootOptions roots;

    /** ls as the top command runs it when no subcommand is named (not on a terminal). */
    public static LsCommand asDefault(RootOptions roots, CommandSpec spec) {
        LsCommand ls = new LsCommand();
        ls.roots = roots;
        ls.spec = spec;
        return ls;
    }

    private RootOptions roots() {
        return roots != null ? roots : parent.roots();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
