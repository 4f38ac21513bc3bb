package nscope.app.cli;

import java.util.concurrent.Callable;
import nscope.app.cli.common.RootOptions;
import nscope.app.cli.common.Rooted;
import nscope.app.cli.common.ScreenRecordOptions;
import nscope.app.cli.common.Seconds;
import nscope.app.cli.common.UserError;
import nscope.app.cli.read.LsCommand;
import nscope.app.screen.OnTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top command: with no subcommand it lists the namespaces. Its
 * subcommands are added by {@link CommandTree}, only those a run names.
 */
@Command(
        name = "nscope",
        mixinStandardHelpOptions = true,
        version = NscopeCommand.VERSION,
        description = {
            "Namespaces, processes, threads and cgroups of a Linux host, live.",
            "nscope reads the kernel (/proc, /sys, every mount namespace's mountinfo, the nsfs ioctls) and shows every namespace with its processes and threads, how namespaces nest and who owns them, what each holds, and every cgroup hierarchy with its members, limits and usage: as text or JSON, on a live screen that acts on them, or from a recording (--root)."
        },
        footer = {
            "",
            "Without a command, on a terminal, nscope opens the live screen (nscope ui); otherwise it lists the namespaces (nscope ls).",
            "Run as root for the full view: without it, other users' namespaces are unknown."
        })
public final class NscopeCommand implements Callable<Integer>, Rooted {
    /** What --version prints. */
    public static final String VERSION = "nscope 0.1.0";

    @Mixin
    RootOptions roots;

    @picocli.CommandLine.Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "2",
            converter = Seconds.Refresh.class,
            description = "The live screen's refresh interval in seconds, 0.2 to 3600 (default ${DEFAULT-VALUE}).")
    double interval;

    @picocli.CommandLine.Option(
            names = "--no-color",
            description = "The live screen without colours (as NO_COLOR does).")
    boolean noColor;

    @picocli.CommandLine.Option(
            names = "--read-only",
            description = "The live screen offers no action that changes the host.")
    boolean readOnly;

    @Mixin
    ScreenRecordOptions record;

    @Spec
    CommandSpec spec;

    @Override
    public RootOptions roots() {
        return roots;
    }

    @Override
    public Integer call() {
        if (OnTerminal.interactive()) {
            return UiCommand.run(roots, interval, noColor, readOnly, null, record);
        }
        if (record.file != null)
            throw new UserError(
                    "--record records the screen, which needs a terminal; without one: nscope record FILE", 2);
        return LsCommand.asDefault(roots, spec).call();
    }
}
