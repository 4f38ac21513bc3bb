package nscope.app.cli.read;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.json.Json;
import nscope.app.json.LensJson;
import nscope.probes.lens.LensReader;
import nscope.probes.lens.TaskLens;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.views.lens.LensText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope explain PID|TID: the PID/TGID lens on one task, as the screen's t shows it. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Show one task (a process or a thread) as the kernel holds it.",
            "That is its number in every pid namespace with each namespace's PID 1 and ns_last_pid, its thread group, its cgroups, its parent, reaper and children, its namespaces for the next fork, its user namespaces and its capabilities. Each field has a line saying what it means and which kernel file it came from.",
            "Live, ns_last_pid is read by a short-lived child placed in each pid namespace (nsenter), which takes a PID there itself."
        })
public final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Parameters(paramLabel = "PID|TID", description = "The process or thread to explain.")
    int tid;

    @Option(
            names = {"-J", "--json"},
            description = "Print the lens as JSON (its names: nscope(1), THE PID/TGID LENS).")
    boolean json;

    @Option(
            names = "--bench",
            paramLabel = "N",
            description = "Read the lens N times in this process and print each time and the median (no lens).")
    Integer bench;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (tid <= 0) throw new UserError("PID|TID must be a positive number, not " + tid, 2);
        if (parent.roots().replayFile() != null)
            throw new UserError(
                    "explain reads a live process's files (environment, descriptors, limits), which a"
                            + " recording does not hold; on a recording, use ls, cgroups, mounts or snapshot",
                    2);
        Host host = parent.roots().host(true);
        LensReader reader = new LensReader(host);
        PrintWriter out = spec.commandLine().getOut();
        if (bench != null) return bench(reader, out);
        Readout<TaskLens> r = reader.read(tid);
        if (!r.known()) throw new UserError(refusal(tid, r.why()));
        if (json) {
            try (JsonGenerator g = Json.generator(out)) {
                LensJson.write(r.get(), g);
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (String line : LensText.wrapped(r.get(), ZoneId.systemDefault(), 80)) out.println(line);
        }
        out.flush();
        return 0;
    }

    /** Why there is no lens on the task, in one line. */
    static String refusal(int tid, Unknown why) {
        return why.reason() == Unknown.Reason.EXITING
                ? why.detail()
                : "cannot read task " + tid + " (" + why.reason().label() + "): " + why.detail();
    }

    private int bench(LensReader reader, PrintWriter out) {
        if (bench < 1) throw new UserError("--bench needs a count of at least 1", 2);
        double[] ms = new double[bench];
        for (int i = 0; i < bench; i++) {
            long t0 = System.nanoTime();
            Readout<TaskLens> r = reader.read(tid);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (!r.known()) throw new UserError(refusal(tid, r.why()));
            out.printf("read %d: %.1f ms%n", i + 1, ms[i]);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf("median %.1f ms over %d reads of the lens on %d%n", sorted[bench / 2], bench, tid);
        out.flush();
        return 0;
    }
}
