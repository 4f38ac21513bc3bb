package nscope.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.probes.source.RecordingFiles;

/**
 * Records every file one scan of a host reads into a fixture directory: a
 * full collection, every phase (the mount tables of each mount namespace
 * included), read through {@link RecordingFiles}.
 */
public final class Capture {
    private Capture() {}

    /**
     * Captures into {@code dir}, which must be missing or empty; returns the
     * snapshot taken (its mnt facts hold the mount tables it read).
     */
    public static Snapshot into(Host source, Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IOException(dir + " exists and is not a directory");
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IOException(dir + " is not empty; capture into a new directory");
            }
        }
        Files.createDirectories(dir);
        RecordingFiles rec = new RecordingFiles(source.files(), source.roots(), dir);
        Host recording = new Host(source.roots(), rec, source.label());
        Snapshot snap = new Collector(recording).collect();
        rec.writeNsfsIds();
        rec.writeOutcomes();
        return snap;
    }
}
