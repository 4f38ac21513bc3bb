package nscope.probes.parse;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.mounts.Mount;

/** A whole /proc/PID/mountinfo: every line that parses, and why each other line did not. */
public final class Mountinfo {
    private Mountinfo() {}

    /** A line that did not parse: its number (from 1) and why. */
    public record BadLine(int line, Malformed why) {}

    public record Lines(List<Mount> mounts, List<BadLine> bad) {
        public Lines {
            mounts = List.copyOf(mounts);
            bad = List.copyOf(bad);
        }
    }

    public static Lines parse(byte[] b) {
        List<Mount> mounts = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        int start = 0, line = 1;
        while (start < b.length) {
            int nl = start;
            while (nl < b.length && b[nl] != '\n') nl++;
            try {
                mounts.add(MountinfoLine.parse(b, start, nl));
            } catch (Malformed m) {
                bad.add(new BadLine(line, m));
            }
            start = nl + 1;
            line++;
        }
        return new Lines(mounts, bad);
    }
}
