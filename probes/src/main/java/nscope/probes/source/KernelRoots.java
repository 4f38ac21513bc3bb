package nscope.probes.source;

import java.nio.file.Path;

/**
 * Where the kernel's files are: the proc root, the sys root, and the
 * directory holding passwd. Every reader takes these; the live host's
 * values are built in exactly one place, {@link Host#live()}.
 */
public record KernelRoots(Path proc, Path sys, Path etc) {
    /** The roots of a directory laid out like a host: DIR/proc, DIR/sys, DIR/etc. */
    public static KernelRoots under(Path dir) {
        return new KernelRoots(dir.resolve("proc"), dir.resolve("sys"), dir.resolve("etc"));
    }
}
