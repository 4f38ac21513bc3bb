package nscope.app.cli.read;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Replay;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.app.journal.JournalReader;
import nscope.app.record.Changes;
import nscope.app.record.ChangesJson;
import nscope.app.record.ChangesText;
import nscope.probes.Collector;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.probes.source.KernelRoots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope diff: what appeared, vanished and changed between two moments of a recording, or two captures. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "What appeared, vanished and changed between two moments: tasks (and the namespaces they moved to),"
                    + " namespaces, cgroups and mounts.",
            "Either --replay FILE --from TIME --to TIME (a recording by nscope record), or DIR1 DIR2 (two captures"
                    + " by nscope capture)."
        })
public final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "With --replay: the earlier moment (default: the first entry).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "With --replay: the later moment (default: the last entry).")
    String to;

    @Option(
            names = {"-J", "--json"},
            description = "Print the changes as JSON.")
    boolean json;

    @Parameters(arity = "0..2", paramLabel = "DIR", description = "Two capture directories, earlier first.")
    List<Path> dirs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = parent.roots().replayFile();
        Snapshot a, b;
        if (file != null) {
            if (dirs != null && !dirs.isEmpty()) throw new UserError("give either --replay FILE or two captures", 2);
            JournalReader r = Replay.open(file);
            int i = from == null ? 0 : Replay.entryAt(r, from), j = Replay.entryAt(r, to);
            a = Replay.at(r, i);
            b = Replay.at(r, j);
        } else {
            if (dirs == null || dirs.size() != 2)
                throw new UserError("diff takes --replay FILE --from TIME --to TIME, or two capture directories", 2);
            if (from != null || to != null)
                throw new UserError("--from and --to are times of a recording (--replay)", 2);
            a = captured(dirs.get(0));
            b = captured(dirs.get(1));
        }
        Changes c = Changes.between(a, b);
        PrintWriter out = spec.commandLine().getOut();
        if (json) ChangesJson.write(c, out);
        else ChangesText.write(c, out);
        out.flush();
        return 0;
    }

    private static Snapshot captured(Path dir) {
        if (!Files.isDirectory(dir.resolve("proc")))
            throw new UserError(dir + " is not a capture (no proc/ in it; make one with nscope capture)");
        try {
            return new Collector(Host.with(KernelRoots.under(dir), dir)).collect();
        } catch (java.io.IOException e) {
            throw new UserError("cannot read the capture " + dir + ": " + e.getMessage());
        }
    }
}
