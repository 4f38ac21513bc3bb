package nscope.probes.read;

import java.io.IOException;
import java.nio.file.Path;
import nscope.kernel.Errno;
import nscope.probes.model.ScanProblem;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.FixtureFiles;

/**
 * What a failed read means, said once for every reader: refused is
 * "permission", gone (ENOENT, ESRCH) is "exiting", anything else a read
 * error; a file a fixture never recorded is "not provided".
 */
public final class Failures {
    private Failures() {}

    /** A failed read of one value, its detail naming the path, the errno and the message. */
    public static <T> Readout<T> readout(Path where, IOException e) {
        if (e instanceof FixtureFiles.NotRecorded)
            return Readout.unknown(Reason.NOT_PROVIDED, "not recorded in this fixture");
        Errno errno = Errno.of(e);
        Reason r =
                errno.meansPermission() ? Reason.PERMISSION : errno.meansVanished() ? Reason.EXITING : Reason.IO_ERROR;
        return Readout.unknown(r, where + ": " + errno.name() + " (" + e.getMessage() + ")");
    }

    /** A task file that failed, as a problem of the scan at that path. */
    public static ScanProblem problem(Path p, IOException e) {
        return new ScanProblem(p.toString(), unknown(e));
    }

    /** A task file that failed, its detail the errno alone (the path is the problem's, or the task's). */
    public static Unknown unknown(IOException e) {
        Errno errno = Errno.of(e);
        if (errno.meansPermission()) return new Unknown(Reason.PERMISSION, errno.name());
        if (errno.meansVanished()) return new Unknown(Reason.EXITING, errno.name());
        return new Unknown(Reason.IO_ERROR, errno.name() + ": " + e.getMessage());
    }
}
