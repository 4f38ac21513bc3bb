package nscope.app.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.StatLine;

/** A process's /proc/PID/stat now, parsed as the scans parse it; empty when it is gone. */
public final class ProcStat {
    private ProcStat() {}

    public static Optional<StatLine> of(long pid) {
        try {
            return Optional.of(StatLine.parse(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | Malformed e) {
            return Optional.empty(); // gone (or, never seen, a line the kernel would not write): not there to act on
        }
    }
}
