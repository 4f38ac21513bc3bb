package nscope.app.cli.read;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Problems;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.json.Json;
import nscope.app.json.SnapshotJson;
import nscope.probes.Collector;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope snapshot: the whole snapshot, as JSON or as a summary. */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Take one snapshot of every process, thread and namespace.",
            "Without --json, print a summary; --json prints all of it (the format: nscope(1), THE SNAPSHOT)."
        })
public final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Option(
            names = {"-J", "--json"},
            description = "Print the whole snapshot as JSON.")
    boolean json;

    @Option(
            names = "--bench",
            paramLabel = "N",
            description = "Take N snapshots in this process and print each one's time and the median (no JSON).")
    Integer bench;

    @Option(names = "--tasks-only", description = "With --bench: time only the tasks-and-links scan, back to back.")
    boolean tasksOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (bench != null) return bench();
        long t0 = System.nanoTime();
        Snapshot snap =
                parent.roots().snapshot(() -> new Collector(parent.roots().host(true)).collect());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonGenerator g = Json.generator(out)) {
                SnapshotJson.write(snap, g);
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            Map<NsKind, Integer> byKind = new EnumMap<>(NsKind.class);
            for (Namespace n : snap.namespaces().values()) byKind.merge(n.kind(), 1, Integer::sum);
            out.printf("source      %s%n", snap.source());
            out.printf("processes   %d%n", snap.threadGroups().size());
            out.printf("tasks       %d%n", snap.tasks().size());
            StringBuilder b = new StringBuilder();
            byKind.forEach((k, n) -> b.append(' ').append(k.label()).append('=').append(n));
            out.printf("namespaces  %d:%s%n", snap.namespaces().size(), b);
            out.printf("problems    %d%n", snap.problems().size());
            out.printf("scan        %d ms%n", ms);
        }
        out.flush();
        Problems.summarize(snap, spec.commandLine().getErr());
        return 0;
    }

    /**
     * Times repeated scans in one process, alternating the foundation
     * snapshot (every task and its links) and the full one (all phases), so
     * both see the same machine. The first scans include JIT warm-up.
     */
    private int bench() {
        if (parent.roots().replayFile() != null)
            throw new UserError("--bench times scans of a host, not a recording", 2);
        if (bench < 1) throw new UserError("--bench needs a count of at least 1", 2);
        Host host = parent.roots().host(true);
        Collector tasks = new Collector(host, Scope.TASKS), full = new Collector(host);
        PrintWriter out = spec.commandLine().getOut();
        long[] a = new long[bench], b = new long[bench];
        for (int i = 0; i < bench; i++) {
            a[i] = time(tasks, out, "scan " + (i + 1) + " (tasks)");
            if (!tasksOnly) b[i] = time(full, out, "scan " + (i + 1) + " (full)");
        }
        long ma = median(a), mb = median(b);
        out.printf("median %d ms over %d scans (%s)%n", ma, bench, host.files().describe());
        if (!tasksOnly)
            out.printf(
                    "median full %d ms (all phases: holders, mount tables, relations, facts): %.2fx the tasks-only scan%n",
                    mb, (double) mb / ma);
        out.flush();
        return 0;
    }

    private static long time(Collector c, PrintWriter out, String what) {
        long t0 = System.nanoTime();
        Snapshot s = c.collect();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(
                "%s: %d ms, %d tasks, %d namespaces%n",
                what, ms, s.tasks().size(), s.namespaces().size());
        return ms;
    }

    private static long median(long[] v) {
        long[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        return sorted[v.length / 2];
    }
}
