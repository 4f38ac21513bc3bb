package nscope.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (surefire and failsafe pass it as nscope.repo) and what lies in and beside it. */
public final class Repo {
    private Repo() {}

    /** The multi-module root: nscope.repo, else the nearest directory up that holds fixtures/. */
    public static Path root() {
        String p = System.getProperty("nscope.repo");
        Path dir = (p != null ? Path.of(p) : Path.of("")).toAbsolutePath().normalize();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures"))) dir = dir.getParent();
        if (dir == null)
            throw new IllegalStateException("cannot find the repository root (no fixtures/ above "
                    + Path.of("").toAbsolutePath() + ")");
        return dir;
    }

    /** A path under the repository root. */
    public static Path of(String relative) {
        return root().resolve(relative);
    }

    /** ../shared/tools/synth-host beside the repository. */
    public static Path synthHost() {
        Path tool = root().resolveSibling("shared").resolve("tools").resolve("synth-host");
        if (!Files.isExecutable(tool))
            throw new IllegalStateException(tool + " is missing: live tests need ../shared beside the repository");
        return tool;
    }
}
