package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandTreeTest {
    @Test
    void eachSubcommandIsKeptUnderItsOwnCommandName() {
        for (Map.Entry<String, Class<?>> e : CommandTree.SUBCOMMANDS.entrySet())
            assertEquals(
                    e.getKey(),
                    e.getValue().getAnnotation(Command.class).name(),
                    e.getValue().getName());
        assertEquals(
                CommandTree.SUBCOMMANDS.keySet(),
                CommandTree.full().getSubcommands().keySet());
    }

    @Test
    void aRunGetsTheSubcommandsItNamesOrAllWhenItNamesNone() {
        CommandLine enter = CommandTree.forArgs(new String[] {"enter", "12", "--", "ls", "-l"});
        assertEquals(java.util.Set.of("enter", "ls"), enter.getSubcommands().keySet());
        assertEquals(
                CommandTree.SUBCOMMANDS.size(),
                CommandTree.forArgs(new String[] {"--help"}).getSubcommands().size());
    }

    @Test
    void versionAndHelpSayWhatPicocliSays() {
        Cli.Run v = Cli.run("--version");
        assertEquals(0, v.rc());
        assertEquals(NscopeCommand.VERSION + System.lineSeparator(), v.out());
        Cli.Run h = Cli.run("--help");
        assertEquals(0, h.rc());
        for (Map.Entry<String, Class<?>> e : CommandTree.SUBCOMMANDS.entrySet()) {
            if (e.getValue().getAnnotation(Command.class).hidden()) continue;
            assertTrue(h.out().contains("  " + e.getKey() + " "), e.getKey());
        }
        Cli.Run c = Cli.run("cgroups", "--help");
        assertEquals(0, c.rc());
        assertTrue(c.out().contains("Usage: nscope cgroups"), c.out());
    }
}
