package nscope.probes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations a scan uses. The live host, a recorded fixture and a
 * capture that records while it reads all go through this one interface, so
 * a fixture replays exactly what a scan read.
 */
public interface HostFiles {
    byte[] read(Path file) throws IOException;

    String readLink(Path link) throws IOException;

    /** The names in a directory, unsorted. */
    List<String> list(Path dir) throws IOException;

    /** Whether the path exists itself (a link counts, even if it dangles). */
    boolean exists(Path p);

    /** (device, inode) of what a namespace link points to. */
    long[] nsDevIno(Path nsLink) throws IOException;
}
