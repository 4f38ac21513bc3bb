package nscope.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of every command's --help, as util-linux lays its out: "Usage:" with the options
 * abbreviated to [OPTIONS], the description in sentences, then headed lists of arguments,
 * options and commands, at most {@link #WIDTH} columns (fixed: auto width would run stty on
 * every start). The man page and the completion are made from the same model.
 */
public final class Usage {
    /** The help's width in columns; every line fits it (UsageTest checks). */
    public static final int WIDTH = 80;

    private Usage() {}

    /** nscope's whole command line, every command laid out as above; streams unset. */
    public static CommandLine commandLine() {
        return styled(CommandTree.full());
    }

    /** A tree (the whole one, or the part a run needs) laid out as above. */
    static CommandLine styled(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        style(cl);
        return cl;
    }

    private static void style(CommandLine cl) {
        UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        u.width(WIDTH)
                .autoWidth(false)
                .abbreviateSynopsis(true)
                .synopsisHeading("Usage: ")
                .descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n")
                .footerHeading("");
        for (CommandLine sub : cl.getSubcommands().values()) style(sub);
    }
}
