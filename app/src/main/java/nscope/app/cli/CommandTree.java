package nscope.app.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nscope.app.cli.act.CgroupCommand;
import nscope.app.cli.act.ContainerCommands;
import nscope.app.cli.act.EnterCommand;
import nscope.app.cli.act.KillCommand;
import nscope.app.cli.act.UnshareCommand;
import nscope.app.cli.read.CaptureCommand;
import nscope.app.cli.read.CgroupsCommand;
import nscope.app.cli.read.ExplainCommand;
import nscope.app.cli.read.LsCommand;
import nscope.app.cli.read.MountsCommand;
import nscope.app.cli.read.SnapshotCommand;
import picocli.CommandLine;

/**
 * nscope's command tree for picocli. picocli reads every command's
 * annotations by reflection when the tree is built, some 0.2 s of CPU for
 * all of them on a cold JVM, while a run uses one: so a run gets only the
 * subcommands its arguments name (a name that is an option's value costs an
 * unused command, nothing more), and every one when it names none (help,
 * errors that list the commands, the default ls).
 */
public final class CommandTree {
    /** Each subcommand by its name, in the order the help lists them; the names are each class's @Command name. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private CommandTree() {}

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("ui", UiCommand.class);
        m.put("screenshots", ScreenshotsCommand.class);
        m.put("train", TrainCommand.class);
        m.put("ls", LsCommand.class);
        m.put("snapshot", SnapshotCommand.class);
        m.put("capture", CaptureCommand.class);
        m.put("record", nscope.app.cli.read.RecordCommand.class);
        m.put("diff", nscope.app.cli.read.DiffCommand.class);
        m.put("replay", ReplayCommand.class);
        m.put("mounts", MountsCommand.class);
        m.put("explain", ExplainCommand.class);
        m.put("lab", LabCommand.class);
        m.put("cgroups", CgroupsCommand.class);
        m.put("cgroup", CgroupCommand.class);
        m.put("kill", KillCommand.class);
        m.put("enter", EnterCommand.class);
        m.put("unshare", UnshareCommand.class);
        m.put("run", ContainerCommands.Run.class);
        m.put("ps", ContainerCommands.Ps.class);
        m.put("stop", ContainerCommands.Stop.class);
        m.put("rm", ContainerCommands.Rm.class);
        return m;
    }

    /** The whole tree: every subcommand (for help, a man page, completion). */
    public static CommandLine full() {
        return with(SUBCOMMANDS.keySet());
    }

    /** The tree a run with these arguments needs. */
    static CommandLine forArgs(String[] args) {
        Set<String> named = Arrays.stream(args).filter(SUBCOMMANDS::containsKey).collect(Collectors.toSet());
        return named.isEmpty() ? full() : with(named);
    }

    private static CommandLine with(Set<String> names) {
        CommandLine cl = new CommandLine(new NscopeCommand());
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet())
            if (names.contains(e.getKey())) cl.addSubcommand(e.getKey(), e.getValue());
        return cl;
    }
}
