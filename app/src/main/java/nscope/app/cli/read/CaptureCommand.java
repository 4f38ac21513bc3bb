package nscope.app.cli.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Problems;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.UserError;
import nscope.probes.Capture;
import nscope.probes.model.NsFacts;
import nscope.probes.model.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope capture DIR: record every file a snapshot reads, to replay with --root DIR. */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        description = {
            "Copy every file one snapshot reads into DIR.",
            "Namespace links are kept as links, and the mountinfo of one process per mount namespace goes with them, so that 'nscope --root DIR ...' replays this host exactly."
        })
public final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    Rooted parent;

    @Parameters(paramLabel = "DIR", description = "A new or empty directory.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Snapshot s;
        try {
            s = Capture.into(parent.roots().host(), dir);
        } catch (IOException e) {
            throw new UserError("capture: " + e.getMessage());
        }
        // the collector read every mount table once, for the mnt facts
        long tables = s.facts().values().stream()
                .filter(r -> r.known() && r.get() instanceof NsFacts.Mnt)
                .count();
        spec.commandLine()
                .getErr()
                .printf(
                        "nscope: captured %d processes, %d tasks, %d namespaces, %d mount tables into %s%n",
                        s.threadGroups().size(),
                        s.tasks().size(),
                        s.namespaces().size(),
                        tables,
                        dir);
        Problems.summarize(s, spec.commandLine().getErr()); // mount table problems are among the snapshot's
        return 0;
    }
}
