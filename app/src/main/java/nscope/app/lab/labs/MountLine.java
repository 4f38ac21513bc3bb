package nscope.app.lab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a mount namespace's table as the kernel gives it
 * (/proc/PID/mountinfo): where it is mounted, its optional fields (the
 * propagation: shared:N, master:N...), its filesystem type, source and
 * superblock options.
 */
record MountLine(String point, List<String> tags, String fstype, String source, String superOptions) {
    /** The mount table of a task's mount namespace ("self": nscope's, the host's); empty when gone. */
    static List<MountLine> of(String pid) {
        List<MountLine> all = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(Path.of("/proc", pid, "mountinfo"))) {
                String[] halves = l.split(" - ", 2);
                if (halves.length < 2) continue;
                String[] f = halves[0].split(" "), g = halves[1].split(" ");
                if (f.length < 6 || g.length < 3) continue;
                List<String> tags = List.of(f).subList(6, f.length);
                all.add(new MountLine(f[4].replace("\\040", " "), tags, g[0], g[1], g[2]));
            }
        } catch (IOException e) {
            // the task is gone: no table
        }
        return all;
    }

    static List<MountLine> of(int pid) {
        return of(Integer.toString(pid));
    }

    /** The mount on top at a path (the last one mounted there), if any. */
    static Optional<MountLine> at(String pid, Path point) {
        MountLine top = null;
        for (MountLine m : of(pid)) if (m.point().equals(point.toString())) top = m;
        return Optional.ofNullable(top);
    }

    static Optional<MountLine> at(int pid, Path point) {
        return at(Integer.toString(pid), point);
    }

    /** Its peer group ("shared:N" gives N), or "" when it shares with none. */
    String peerGroup() {
        for (String t : tags) if (t.startsWith("shared:")) return t.substring(7);
        return "";
    }

    /** Its propagation as the optional fields say it, "private" when there are none. */
    String propagation() {
        return tags.isEmpty() ? "private" : String.join(" ", tags);
    }

    /** How an observation shows it. */
    String shown() {
        return point + " " + fstype + " " + source + " (" + propagation() + ")";
    }
}
