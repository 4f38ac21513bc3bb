package nscope.app.screen.replay;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import nscope.app.cli.common.UserError;
import nscope.app.journal.JournalReader;
import nscope.app.screen.OnTerminal;
import nscope.app.screen.ScreenActions;
import nscope.app.screen.ScreenSession;
import nscope.probes.lens.SnapshotLens;
import nscope.probes.model.Snapshot;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Ui;

/**
 * nscope replay's screen: the recording opened at an entry, its timeline in the header, no action on
 * any host, `t`'s lens made from what the recording holds ({@link SnapshotLens}).
 */
public final class ReplayScreen {
    private ReplayScreen() {}

    /** Runs the screen on {@code file} (already indexed as {@code reader}) from entry {@code at}. */
    public static int run(Path file, JournalReader reader, int at, boolean noColor) {
        if (!OnTerminal.interactive())
            throw new UserError(
                    "the screen needs a terminal (stdin and stdout); for text, use 'nscope --replay FILE ls'");
        RecordingTimeline timeline = new RecordingTimeline(reader);
        Snapshot first;
        try {
            first = timeline.snapshot(at);
        } catch (RuntimeException e) {
            throw new UserError(e.getMessage());
        }
        HostFacts facts = HostFacts.recorded(String.valueOf(file.getFileName()));
        boolean unicode = Charset.defaultCharset().equals(StandardCharsets.UTF_8);
        ReplaySource source = new ReplaySource(first);
        try {
            ScreenSession.run(
                    Palette.from(System.getenv(), noColor),
                    source,
                    () -> facts,
                    Duration.ofSeconds(2),
                    ScreenActions.of(true, false),
                    null,
                    null,
                    null,
                    null,
                    null,
                    ui -> {
                        setUp(ui, timeline, at, first, facts, unicode, String.valueOf(file));
                        source.follow(ui::replayed);
                    });
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        return 0;
    }

    /** The timeline set on a screen (also for tests and screenshots, which draw it on a virtual terminal). */
    public static void setUp(
            Ui ui, RecordingTimeline t, int at, Snapshot first, HostFacts facts, boolean unicode, String name) {
        ui.replay(t, at, first, facts, unicode);
        ui.actions(ScreenActions.of(true, false));
        // the lens on the entry shown when t is pressed (its time is the lens's "read at")
        ui.lens(tid -> SnapshotLens.of(ui.replayed(), tid, name));
    }
}
