package nscope.app.cli;

import java.io.IOException;
import nscope.app.cli.common.ScreenRecordOptions;
import nscope.app.cli.common.UserError;
import nscope.app.record.ScreenRecorder;
import nscope.probes.source.Host;

/**
 * The live screen's --record FILE: its recorder made before the screen opens (FILE created, or refused in
 * words), and ended once the screen is gone, what it wrote then told on the terminal.
 */
final class ScreenRecording {
    private ScreenRecording() {}

    /** The recorder, or null without --record. */
    static ScreenRecorder start(ScreenRecordOptions rec, boolean live, double interval, Host plain) {
        if (rec == null || rec.file == null) return null;
        if (!live) throw new UserError("--record records the live host: leave out --root and --replay", 2);
        rec.how.check(interval);
        try {
            return ScreenRecorder.start(
                    rec.file,
                    rec.how.maxSize,
                    rec.how.keyframeEvery(),
                    rec.how.keep,
                    rec.how.cgroupFigures,
                    plain.roots().proc());
        } catch (IOException e) {
            throw new UserError(
                    "cannot record into " + nscope.views.text.Escape.terminal(rec.file.toString()) + ": "
                            + nscope.views.text.Escape.terminal(ScreenRecorder.reason(e)),
                    2);
        }
    }

    /** Closes the file after a whole entry and says what was recorded. */
    static void end(ScreenRecorder r) {
        if (r == null) return;
        r.close();
        System.err.println("nscope: " + nscope.views.text.Escape.terminal(r.summary()));
        System.err.flush();
    }
}
