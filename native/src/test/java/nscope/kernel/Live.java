package nscope.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel module's live tests share (the root condition is nscope.testkit.LiveTest's). */
final class Live {
    private Live() {}

    /** Our own PID, for paths a subprocess reads about us (its /proc/self is itself). */
    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The inode in a namespace link's text, e.g. "net:[4026531840]" -> 4026531840. */
    static long linkIno(String link) {
        int open = link.indexOf(":[");
        if (open < 0 || !link.endsWith("]")) throw new IllegalArgumentException("not a namespace link: " + link);
        return Long.parseLong(link.substring(open + 2, link.length() - 1));
    }

    /** The inode of the calling thread's namespace of this type, by readlink (not by nscope's code). */
    static long threadNs(String type) throws IOException {
        return linkIno(
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/" + type)).toString());
    }
}
