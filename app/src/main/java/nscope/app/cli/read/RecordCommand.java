package nscope.app.cli.read;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import nscope.app.cli.common.RecordOptions;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.journal.JournalWriter;
import nscope.app.record.Recorder;
import nscope.probes.source.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope record: the live host journaled over time, for --replay, diff and replay. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = {
            "Record the live host: its processes, threads, namespaces, cgroups and mount tables over time.",
            "A whole snapshot first and every --keyframe seconds, then at each interval only what changed,"
                    + " read as the live screen reads it. Ctrl-C or SIGTERM closes the file whole.",
            "Read it back with --replay FILE --at TIME on ls, cgroups, mounts and snapshot, with diff, or"
                    + " on the screen with nscope replay FILE. The format is in README.md."
        })
public final class RecordCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Seconds between entries, 0.2 to 3600 (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Double duration;

    @Mixin
    RecordOptions how;

    @Parameters(paramLabel = "FILE", description = "The recording's first file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!parent.roots().live()) throw new UserError("record reads the live host; leave out --root", 2);
        if (interval < 0.2 || interval > 3600) throw new UserError("--interval takes 0.2 to 3600 seconds", 2);
        how.check(interval);
        if (duration != null && duration <= 0) throw new UserError("--duration must be positive", 2);
        Host host = Host.liveRefreshed();
        JournalWriter writer = new JournalWriter(file, how.maxSize, how.keyframeEvery(), how.keep);
        Recorder rec = new Recorder(
                writer, seconds(interval), how.cgroupFigures, host.roots().proc());
        Thread hook = new Thread(rec::stop, "nscope-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            rec.run(host, duration == null ? null : seconds(duration));
        } catch (IOException e) {
            throw new UserError("cannot record into " + file + ": " + e.getMessage());
        } finally {
            host.release();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook closes the file
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "recorded %d entries, %d bytes, %.2f s of CPU (%.2f s of it journaling)%n",
                writer.entries(),
                writer.bytes(),
                rec.cpuNanos() / 1e9,
                rec.writeNanos() / 1e9);
        err.flush();
        return 0;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
