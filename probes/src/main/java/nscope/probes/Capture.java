package nscope.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nscope.probes.model.Snapshot;

/** Records every file one scan of a host reads into a fixture directory. */
public final class Capture {
    private Capture() {}

    /** Captures into {@code dir}, which must be missing or empty; returns the snapshot taken. */
    public static Snapshot into(Host source, Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IOException(dir + " exists and is not a directory");
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IOException(dir + " is not empty; capture into a new directory");
            }
        }
        Files.createDirectories(dir);
        RecordingFiles rec = new RecordingFiles(source.files(), source.roots(), dir);
        Snapshot snap = new Collector(new Host(source.roots(), rec, source.label())).collect();
        rec.writeNsfsIds();
        rec.writeOutcomes();
        return snap;
    }
}
