package nscope.probes.phase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nscope.kernel.Errno;
import nscope.probes.model.ScanProblem;
import nscope.probes.parse.Passwd;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;

/** The last phase: user names by uid from the host's passwd, for the owners shown; without it uids show as numbers. */
public final class UserNamesPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        scan.userNames(read(scan.host(), scan.problems()));
    }

    /** The host's passwd entries by uid; a bad line or a failed read is a problem. */
    public static Map<Long, String> read(Host host, List<ScanProblem> problems) {
        Path f = host.roots().etc().resolve("passwd");
        try {
            List<Integer> bad = new ArrayList<>();
            Map<Long, String> names = Passwd.parse(host.files().read(f), bad);
            for (int line : bad)
                problems.add(
                        new ScanProblem(f + ":" + line, new Unknown(Unknown.Reason.MALFORMED, "not a passwd entry")));
            return names;
        } catch (IOException e) {
            problems.add(new ScanProblem(
                    f.toString(),
                    new Unknown(Unknown.Reason.IO_ERROR, Errno.of(e).name() + ": user names shown as numbers")));
            return Map.of();
        }
    }
}
