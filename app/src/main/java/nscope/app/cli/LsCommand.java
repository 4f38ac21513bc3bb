package nscope.app.cli;

import nscope.app.json.Json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import nscope.probes.Collector;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing;
import nscope.probes.query.NsTree;
import nscope.views.text.TextTable;
import nscope.views.text.TextTable.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** nscope ls: one row per namespace that has a process, like lsns. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List namespaces that have processes, one row each (like lsns).",
                "NPROCS counts processes by their thread group leader's link, as lsns does;",
                "--threads adds TASKS, counted from every task's own link."})
final class LsCommand implements Callable<Integer> {
    @ParentCommand NscopeCommand parent;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", split = ",",
            description = "Only these types: cgroup, ipc, mnt, net, pid, time, user, uts (repeat or comma-separate).")
    List<String> types;

    @Option(names = {"-J", "--json"}, description = "Print {\"namespaces\":[...]} with lsns -J's field names.")
    boolean json;

    @Option(names = "--threads", description = "Count tasks (threads) too, and list namespaces only threads are in.")
    boolean threads;

    @Option(names = {"-a", "--all"}, description = "Also namespaces no process is in: held by an open descriptor (HOLDER column), or only by threads.")
    boolean all;

    @Option(names = {"-T", "--tree"}, paramLabel = "REL",
            description = "Draw the namespaces as a tree by REL: parent (pid and user namespaces) or owner (the owning user namespace), like lsns --tree.")
    NsTree.Relation tree;

    @Option(names = {"-p", "--task"}, paramLabel = "PID", description = "Only the namespaces of this process.")
    Integer pid;

    @Option(names = {"-n", "--noheadings"}, description = "Do not print the header line.")
    boolean noHeadings;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        Set<NsKind> kinds = kinds(types);
        Set<Collector.Phase> phases = EnumSet.noneOf(Collector.Phase.class);
        if (all) phases.add(Collector.Phase.HOLDERS);
        if (tree != null) phases.add(Collector.Phase.RELATIONS);
        boolean plain = roots().live() && !threads && phases.isEmpty();
        Snapshot snap = (plain ? Prefetch.take() : java.util.Optional.<Snapshot>empty())
                .orElseGet(() -> new Collector(roots().host(threads), threads ? Scope.TASKS : Scope.PROCESSES, phases).collect());
        if (pid != null && snap.leader(pid).isEmpty()) {
            // without --threads only leaders were read: look at every task to tell a thread from nothing
            Snapshot all = threads ? snap : new Collector(roots().host(true), Scope.TASKS).collect();
            throw new UserError("no process " + pid + (all.task(pid).isPresent() ? " (it is a thread; give its TGID " + all.task(pid).get().tgid() + ")" : " (it may have exited)"));
        }
        List<NsListing.Row> rows = NsListing.rows(snap, kinds, threads, pid, all);
        PrintWriter out = out();
        List<NsTree.Node> forest = tree == null ? null : NsTree.forest(rows, snap, tree);
        if (json) writeJson(out, rows, forest, snap); else writeText(out, rows, forest);
        out.flush();
        Problems.summarize(snap, err());
        return 0;
    }

    static Set<NsKind> kinds(List<String> types) {
        if (types == null || types.isEmpty()) return EnumSet.allOf(NsKind.class);
        Set<NsKind> out = EnumSet.noneOf(NsKind.class);
        for (String t : types) {
            NsKind k = NsKind.parse(t.trim());
            if (k == null) throw new UserError("unknown namespace type '" + t + "' (one of cgroup, ipc, mnt, net, pid, time, user, uts)", 2);
            out.add(k);
        }
        return out;
    }

    private void writeText(PrintWriter out, List<NsListing.Row> rows, List<NsTree.Node> forest) {
        List<Column> cols = new ArrayList<>(List.of(new Column("NS", forest == null), new Column("TYPE", false), new Column("NPROCS", true)));
        if (threads) cols.add(new Column("TASKS", true));
        cols.addAll(List.of(new Column("PID", true), new Column("USER", false)));
        if (all) cols.add(new Column("HOLDER", false));
        cols.add(new Column("COMMAND", false));
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
            NsListing.Row r = rows.get(i);
            Object ns = forest == null ? r.ns().id() : prefixes.get(i) + r.ns().id();
            List<Object> cells = new ArrayList<>(List.of(ns, r.ns().kind().label(), r.nprocs()));
            if (threads) cells.add(r.ntasks());
            cells.addAll(List.of(r.pid() < 0 ? "-" : r.pid(), r.user()));
            if (all) cells.add(r.holder().isEmpty() ? "-" : r.holder());
            cells.add(r.command());
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
                    jsonRow(g, r, null);
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
        jsonRow(g, n.row(), snap);
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (NsTree.Node c : n.children()) jsonNode(g, c, snap);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void jsonRow(JsonGenerator g, NsListing.Row r, Snapshot snap) throws IOException {
        g.writeFieldName("ns");
        g.writeNumber(Long.toUnsignedString(r.ns().id().ino()));
        g.writeStringField("type", r.ns().kind().label());
        g.writeNumberField("nprocs", r.nprocs());
        if (threads) g.writeNumberField("tasks", r.ntasks());
        if (r.pid() < 0) g.writeNullField("pid"); else g.writeNumberField("pid", r.pid());
        g.writeStringField("user", r.user());
        if (all) g.writeStringField("holder", r.holder().isEmpty() ? null : r.holder());
        g.writeStringField("command", r.command());
        if (snap != null) {
            // lsns -o PNS,ONS: 0 where there is none (or it is hidden from us)
            g.writeFieldName("pns");
            writeIno(g, NsTree.up(snap, r.ns().id(), NsTree.Relation.PARENT));
            g.writeFieldName("ons");
            writeIno(g, NsTree.up(snap, r.ns().id(), NsTree.Relation.OWNER));
        }
    }

    private static void writeIno(JsonGenerator g, nscope.probes.model.NsId id) throws IOException {
        g.writeNumber(id == null ? "0" : Long.toUnsignedString(id.ino()));
    }

    /** Set when ls runs as the default command, without a parent. */
    RootOptions roots;

    private RootOptions roots() { return roots != null ? roots : parent.roots; }

    private PrintWriter out() { return spec.commandLine().getOut(); }

    private PrintWriter err() { return spec.commandLine().getErr(); }
}
