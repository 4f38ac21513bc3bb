package nscope.probes.read;

import java.io.IOException;
import java.nio.file.Path;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.StatLine;
import nscope.probes.source.Host;

/**
 * Whether a process is still there: a file of an exiting process can read
 * empty or cut short, which is a race, not malformed kernel text.
 */
public final class Liveness {
    private Liveness() {}

    /** True when /proc/PID is gone, or the process is a zombie or dead. */
    public static boolean gone(Host host, Path procPid) {
        try {
            char state =
                    StatLine.parse(host.files().read(procPid.resolve("stat"))).state();
            return state == 'Z' || state == 'X';
        } catch (IOException | Malformed e) {
            return true;
        }
    }
}
