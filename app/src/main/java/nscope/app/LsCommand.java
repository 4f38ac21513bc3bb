package nscope.app;

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

    @Option(names = {"-p", "--task"}, paramLabel = "PID", description = "Only the namespaces of this process.")
    Integer pid;

    @Option(names = {"-n", "--noheadings"}, description = "Do not print the header line.")
    boolean noHeadings;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        Set<NsKind> kinds = kinds(types);
        Snapshot snap = new Collector(roots().host(threads), threads ? Scope.TASKS : Scope.PROCESSES,
                all ? EnumSet.of(Collector.Phase.HOLDERS) : EnumSet.noneOf(Collector.Phase.class)).collect();
        if (pid != null && snap.leader(pid).isEmpty()) {
            // without --threads only leaders were read: look at every task to tell a thread from nothing
            Snapshot all = threads ? snap : new Collector(roots().host(true), Scope.TASKS).collect();
            throw new UserError("no process " + pid + (all.task(pid).isPresent() ? " (it is a thread; give its TGID " + all.task(pid).get().tgid() + ")" : " (it may have exited)"));
        }
        List<NsListing.Row> rows = NsListing.rows(snap, kinds, threads, pid, all);
        PrintWriter out = out();
        if (json) writeJson(out, rows); else writeText(out, rows);
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

    private void writeText(PrintWriter out, List<NsListing.Row> rows) {
        List<Column> cols = new ArrayList<>(List.of(new Column("NS", true), new Column("TYPE", false), new Column("NPROCS", true)));
        if (threads) cols.add(new Column("TASKS", true));
        cols.addAll(List.of(new Column("PID", true), new Column("USER", false)));
        if (all) cols.add(new Column("HOLDER", false));
        cols.add(new Column("COMMAND", false));
        TextTable t = new TextTable(cols);
        for (NsListing.Row r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.ns().id(), r.ns().kind().label(), r.nprocs()));
            if (threads) cells.add(r.ntasks());
            cells.addAll(List.of(r.pid() < 0 ? "-" : r.pid(), r.user()));
            if (all) cells.add(r.holder().isEmpty() ? "-" : r.holder());
            cells.add(r.command());
            t.add(cells.toArray());
        }
        out.print(t.render(!noHeadings));
    }

    private void writeJson(PrintWriter out, List<NsListing.Row> rows) {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("namespaces");
            for (NsListing.Row r : rows) {
                g.writeStartObject();
                g.writeFieldName("ns");
                g.writeNumber(Long.toUnsignedString(r.ns().id().ino()));
                g.writeStringField("type", r.ns().kind().label());
                g.writeNumberField("nprocs", r.nprocs());
                if (threads) g.writeNumberField("tasks", r.ntasks());
                if (r.pid() < 0) g.writeNullField("pid"); else g.writeNumberField("pid", r.pid());
                g.writeStringField("user", r.user());
                if (all) g.writeStringField("holder", r.holder().isEmpty() ? null : r.holder());
                g.writeStringField("command", r.command());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Set when ls runs as the default command, without a parent. */
    RootOptions roots;

    private RootOptions roots() { return roots != null ? roots : parent.roots; }

    private PrintWriter out() { return spec.commandLine().getOut(); }

    private PrintWriter err() { return spec.commandLine().getErr(); }
}
