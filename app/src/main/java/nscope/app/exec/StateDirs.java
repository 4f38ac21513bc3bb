package nscope.app.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The host-side directories of nscope's containers, made closed to other
 * users as runc's and Docker's are: the state directory (/run/nscope),
 * each container's directory and its writable layer 0700, the image cache
 * 0700. A setuid file made inside a container, or kept from an image,
 * cannot even be reached by a local user on the host.
 */
public final class StateDirs {
    private StateDirs() {}

    private static final java.nio.file.attribute.FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>>
            CLOSED = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** One of nscope's own directories: made 0700 with its missing parents, or set to 0700 if it exists. */
    public static Path closed(Path dir) throws IOException {
        missing(dir);
        // a shared directory given by mistake (sticky like /tmp, or the root) is left as it is
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        if ((mode & 01000) == 0 && dir.getNameCount() > 1)
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** A new directory, 0700, under nscope's own parent (closed too); fails if it exists. */
    public static Path fresh(Path dir) throws IOException {
        closed(dir.getParent());
        return Files.createDirectory(dir, CLOSED);
    }

    /** Makes dir and its missing parents, each 0700; never changes one that exists. */
    private static void missing(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (dir.getParent() != null) missing(dir.getParent());
        try {
            Files.createDirectory(dir, CLOSED);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile by another nscope
        }
    }
}
