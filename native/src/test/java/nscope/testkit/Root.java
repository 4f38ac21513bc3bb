package nscope.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the tests run as root (every uid 0), from the kernel's own word. */
public final class Root {
    private Root() {}

    public static boolean is() {
        try {
            return Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t0\t0\t0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Skips the rest of a test that is not run as root. */
    public static void assume() {
        assumeTrue(is(), "needs root");
    }
}
