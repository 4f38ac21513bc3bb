package nscope.app.cli.read;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.json.Json;
import nscope.app.json.MountsJson;
import nscope.probes.Collector;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.mounts.MountTable;
import nscope.probes.read.MountTables;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.views.text.Escape;
import nscope.views.text.MountTreeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope mounts PID: the mount tree of a process's mount namespace, like findmnt --tree -N PID. */
@Command(
        name = "mounts",
        mixinStandardHelpOptions = true,
        description = {
            "Show the mount tree of a process's mount namespace (like findmnt --tree -N PID).",
            "The table is read through the namespace's lowest PID, as 'nscope capture' records it. An overlay's layers are listed on lines of their own under its row."
        })
public final class MountsCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Parameters(paramLabel = "PID", description = "A process in the mount namespace to show.")
    int pid;

    @Option(
            names = {"-J", "--json"},
            description =
                    "Print {\"filesystems\":[...]} in findmnt -J's shape, plus id, parent, propagation and overlay layers.")
    boolean json;

    @Option(
            names = {"-n", "--noheadings"},
            description = "Do not print the header line.")
    boolean noHeadings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Snapshot replayed = parent.roots().replayed();
        Host host = replayed != null ? null : parent.roots().host();
        Snapshot snap = replayed != null ? replayed : new Collector(host, Scope.PROCESSES).collect();
        Task t = snap.leader(pid).orElseThrow(() -> new UserError("no process " + pid + " (it may have exited)"));
        Readout<NsId> ns = t.ns(NsLink.MNT);
        if (!ns.known()) throw new UserError("the mount namespace of process " + pid + " is " + reason(ns.why()));
        MountTables.Result r =
                replayed != null ? recorded(snap, ns.get(), pid) : new MountTables(host, snap).read(List.of(ns.get()));
        Readout<MountTable> table = r.tables().get(ns.get());
        if (!table.known())
            throw new UserError("cannot read the mount table of process " + pid + " (mnt:[" + ns.get() + "]): "
                    + reason(table.why()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonGenerator g = Json.generator(out)) {
                MountsJson.write(table.get(), pid, ns.get(), r.readThrough().get(ns.get()), g);
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(MountTreeText.render(table.get(), !noHeadings));
        }
        out.flush();
        summarize(r.problems(), spec.commandLine().getErr());
        return 0;
    }

    /** The table a recording holds for the namespace (in its facts), as a read of it would give it. */
    private static MountTables.Result recorded(Snapshot snap, NsId ns, int pid) {
        Readout<NsFacts> f = snap.facts(ns).orElse(null);
        Readout<MountTable> table = f == null
                ? Readout.unknown(Unknown.Reason.NOT_PROVIDED, "the recording holds no mount table for it")
                : !f.known() ? Readout.unknown(f.why()) : Readout.of(((NsFacts.Mnt) f.get()).table());
        return new MountTables.Result(
                new java.util.TreeMap<>(Map.of(ns, table)), new java.util.TreeMap<>(Map.of(ns, pid)), List.of());
    }

    private static String reason(Unknown u) {
        return "unknown (" + u.reason().label() + "): " + u.detail();
    }

    /**
     * What could not be read in mount tables (a malformed line, which is
     * left out; a table refused): one line per reason, and the first.
     */
    static void summarize(List<ScanProblem> problems, PrintWriter err) {
        Map<Unknown.Reason, Integer> byReason = new TreeMap<>();
        for (ScanProblem p : problems) byReason.merge(p.why().reason(), 1, Integer::sum);
        byReason.forEach((reason, n) -> err.println("nscope: " + n
                + (n == 1 ? " mount table problem" : " mount table problems") + " (" + reason.label() + ")"));
        if (!problems.isEmpty())
            err.println("nscope: first: " + Escape.terminal(problems.get(0).toString()));
    }
}
