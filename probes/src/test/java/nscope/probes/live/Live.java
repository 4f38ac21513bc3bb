package nscope.probes.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What live tests share: they create real kernel objects, so they need root. */
final class Live {
    private Live() {}

    static void assumeRoot() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        assumeTrue(status.contains("\nUid:\t0\t0\t0\t0"), "live tests create namespaces and need root");
    }
}
