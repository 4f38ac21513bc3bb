package nscope.app.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Screens;
import nscope.views.ui.Ui;
import nscope.views.ui.UiLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * nscope train: what the launcher runs once to record the class-data
 * archive: the classes of every one-shot command an operator runs often
 * (`ls --json`, `cgroups`, `enter`), of the live screen's first frame
 * (drawn on a virtual terminal) and of a recording read back, so all of
 * them start from the archive.
 */
@Command(
        name = "train",
        hidden = true,
        mixinStandardHelpOptions = true,
        description =
                "Load the classes of ls, cgroups, enter, the live screen's first frame and a recording's replay (for the launcher's class-data archive).")
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    NscopeCommand parent;

    @Override
    public Integer call() throws IOException {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Entry.run(new String[] {"ls", "--json"}, none, none);
        Entry.run(new String[] {"cgroups"}, none, none);
        Entry.run(new String[] {"cgroups", "--hierarchy", "systemd"}, none, none);
        // enter runs `true` in nscope's own namespaces; only where the launcher has sent the audit log to
        // /dev/null, so that training never writes an action to the real log
        if ("/dev/null".equals(System.getenv("NSCOPE_AUDIT_LOG")))
            Entry.run(
                    new String[] {"enter", Long.toString(ProcessHandle.current().pid()), "--", "true"}, none, none);
        Snapshot s = new Collector(Host.live(), Scope.PROCESSES).collect();
        TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(100, 30)));
        screen.startScreen();
        Ui ui = new Ui(new Palette(true));
        ui.show(Screens.of(s, CgroupCpu.none(), ""), HostFacts.recorded("training"), true);
        UiLoop.draw(screen, ui);
        screen.stopScreen();
        replay(s, none);
        return 0;
    }

    /** A recording of two entries written and read back (the journal's writer, reader and cursor). */
    private static void replay(Snapshot s, PrintWriter none) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nscope-train");
        java.nio.file.Path file = dir.resolve("train.nsj");
        try {
            try (nscope.app.journal.JournalWriter w =
                    new nscope.app.journal.JournalWriter(file, 0, java.time.Duration.ofSeconds(600), 0)) {
                w.append(s, java.time.Instant.now(), 1L, null);
                w.append(s, java.time.Instant.now(), 2L, "training");
            }
            Entry.run(new String[] {"--replay", file.toString(), "ls", "--json"}, none, none);
            new nscope.app.journal.JournalCursor(nscope.app.journal.JournalReader.open(file)).to(1);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
