package nscope.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where nscope's own files lie: beside the jar a class runs from, or beside a build's classes directory. */
public final class Installed {
    private Installed() {}

    /**
     * @param code a class of the jar (or classes directory) the file lies beside
     * @throws IOException when the class's location cannot be told (a class loaded from nowhere)
     */
    public static Path beside(Class<?> code, String name) throws IOException {
        try {
            Path here = Path.of(
                    code.getProtectionDomain().getCodeSource().getLocation().toURI());
            return (Files.isDirectory(here) ? here.getParent() : here.resolveSibling("")).resolve(name);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where nscope is installed: " + e.getMessage(), e);
        }
    }
}
