package nscope.app.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The live screen's --record FILE, with how the recording is written (those of nscope record). */
public final class ScreenRecordOptions {
    @Option(
            names = "--record",
            paramLabel = "FILE",
            description = "Record what the live screen shows into FILE, every refresh, as nscope record writes it"
                    + " (read it back with nscope replay FILE or --replay FILE).")
    public Path file;

    @Mixin
    public RecordOptions how;
}
