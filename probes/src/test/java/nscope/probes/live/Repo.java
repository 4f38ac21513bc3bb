package nscope.probes.live;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root and the shared tools beside it (../shared). */
final class Repo {
    private Repo() {}

    static Path root() {
        String p = System.getProperty("nscope.repo");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures"))) dir = dir.getParent();
        if (dir == null)
            throw new IllegalStateException("cannot find the repository root (no fixtures/ above "
                    + Path.of("").toAbsolutePath() + ")");
        return dir;
    }

    static Path synthHost() {
        Path tool = root().resolveSibling("shared").resolve("tools").resolve("synth-host");
        if (!Files.isExecutable(tool))
            throw new IllegalStateException(tool + " is missing: live tests need ../shared beside the repository");
        return tool;
    }
}
