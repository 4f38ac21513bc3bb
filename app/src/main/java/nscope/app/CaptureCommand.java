package nscope.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nscope.probes.Capture;
import nscope.probes.model.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** nscope capture DIR: record every file a snapshot reads, to replay with --root DIR. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Copy every file one snapshot reads into DIR (links kept as links).",
                "With it go the mountinfo of one process per mount namespace, so that",
                "'nscope --root DIR ...' replays this host exactly."})
final class CaptureCommand implements Callable<Integer> {
    @ParentCommand NscopeCommand parent;

    @Parameters(paramLabel = "DIR", description = "A new or empty directory.")
    Path dir;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        Capture.Captured c;
        try {
            c = Capture.into(parent.roots.host(), dir);
        } catch (IOException e) {
            throw new UserError("capture: " + e.getMessage());
        }
        Snapshot s = c.snapshot();
        long tables = c.mounts().tables().values().stream().filter(r -> r.known()).count();
        spec.commandLine().getErr().printf("nscope: captured %d processes, %d tasks, %d namespaces, %d mount tables into %s%n",
                s.threadGroups().size(), s.tasks().size(), s.namespaces().size(), tables, dir);
        Problems.summarize(s, spec.commandLine().getErr());
        MountsCommand.summarize(c.mounts().problems(), spec.commandLine().getErr());
        return 0;
    }
}
