package nscope.probes.parse;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.mounts.Mount;

/**
 * A whole /proc/PID/mountinfo: every line that parses, why each other line
 * did not, and which kept lines had parts that could not be read.
 */
public final class Mountinfo {
    private Mountinfo() {}

    /** A line that did not parse: its number (from 1) and why. */
    public record BadLine(int line, Malformed why) {}

    /** A line kept with parts that could not be read ({@link Mount#problems()}): its number (from 1) and its mount. */
    public record OddLine(int line, Mount mount) {}

    public record Lines(List<Mount> mounts, List<BadLine> bad, List<OddLine> odd) {
        public Lines {
            mounts = List.copyOf(mounts);
            bad = List.copyOf(bad);
            odd = List.copyOf(odd);
        }
    }

    public static Lines parse(byte[] b) {
        List<Mount> mounts = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        List<OddLine> odd = new ArrayList<>();
        int start = 0, line = 1;
        while (start < b.length) {
            int nl = start;
            while (nl < b.length && b[nl] != '\n') nl++;
            try {
                Mount m = MountinfoLine.parse(b, start, nl);
                mounts.add(m);
                if (!m.problems().isEmpty()) odd.add(new OddLine(line, m));
            } catch (Malformed m) {
                bad.add(new BadLine(line, m));
            }
            start = nl + 1;
            line++;
        }
        return new Lines(mounts, bad, odd);
    }
}
