package nscope.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nscope.app.cli.common.Replay;
import nscope.app.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** nscope replay FILE: the screen on a moment of a recording, read-only. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Open the screen on a recording (nscope record) as it was at --at TIME (default: its last entry).",
            "Every screen, search and link work as on a live host; actions that change a host are off.",
            "A timeline in the header shows where you are: < > step one entry, { } jump to the previous/next change of the selected row, : goes to a typed time; t shows what the recording holds on a task."
        })
public final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    NscopeCommand parent;

    @Parameters(paramLabel = "FILE", description = "The recording's first file.")
    Path file;

    @Override
    public Integer call() {
        JournalReader r = Replay.open(file);
        int i = Replay.entryAt(r, parent.roots().at());
        return nscope.app.screen.replay.ReplayScreen.run(file, r, i, parent.noColor);
    }
}
