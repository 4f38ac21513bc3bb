package nscope.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's open descriptors and what each is open on, for leak tests. A leak test compares counts one way only:
 * the JVM may close a descriptor meanwhile (a stream an earlier test dropped, collected), which is not a leak.
 */
public final class OpenFds {
    private OpenFds() {}

    /** Number to target (the listing's own descriptor shows in every listing alike). */
    public static Map<Integer, String> now() throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : s.toList()) {
                int fd = Integer.parseInt(p.getFileName().toString());
                try {
                    fds.put(fd, Files.readSymbolicLink(p).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // the listing's own descriptor is closed by now, as is any one another thread just closed
                    fds.put(fd, "(closed while listed)");
                }
            }
        }
        return fds;
    }

    /** No more descriptors open than before, with both listings in the message when there are. */
    public static void assertNoMoreThan(Map<Integer, String> before, String what) throws IOException {
        Map<Integer, String> after = now();
        assertTrue(
                after.size() <= before.size(),
                what + ": descriptors grew from " + before.size() + " to " + after.size() + "\nbefore " + before
                        + "\nafter " + after);
    }
}
