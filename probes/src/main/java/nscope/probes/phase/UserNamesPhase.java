package nscope.probes.phase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nscope.kernel.Errno;
import nscope.probes.model.ScanProblem;
import nscope.probes.parse.Passwd;
import nscope.probes.read.Failures;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;

/**
 * The last phase: user names by uid from the host's passwd, for the owners
 * shown (without it uids show as numbers); and the host's boot time, from
 * /proc/uptime, so a task's start time (ticks after boot) can be said as a
 * time and an age.
 */
public final class UserNamesPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        scan.userNames(read(scan.host(), scan.problems()));
        scan.bootTime(bootTime(scan.host(), java.time.Instant.now()));
    }

    /** The scan's time less the seconds since boot in /proc/uptime; unknown (never a guess) when it cannot be read. */
    public static Readout<java.time.Instant> bootTime(Host host, java.time.Instant now) {
        Path f = host.roots().proc().resolve("uptime");
        try {
            String text = new String(host.files().read(f), java.nio.charset.StandardCharsets.US_ASCII).strip();
            String first = text.split(" ")[0];
            java.math.BigDecimal up = new java.math.BigDecimal(first);
            if (up.signum() < 0) throw new NumberFormatException("negative");
            long millis = up.movePointRight(3).longValue();
            return Readout.of(now.minusMillis(millis));
        } catch (IOException e) {
            return Failures.readout(f, e);
        } catch (NumberFormatException | ArithmeticException e) {
            return Readout.unknown(Unknown.Reason.MALFORMED, f + ": not seconds since boot");
        }
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
