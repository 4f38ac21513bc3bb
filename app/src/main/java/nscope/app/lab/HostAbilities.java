package nscope.app.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this host offers a lab: root or not, where each v1 controller's
 * hierarchy and the v2 hierarchy are mounted (from /proc/self/mountinfo),
 * and which tools are on PATH.
 */
public record HostAbilities(boolean root, Map<String, Path> v1, Optional<Path> v2) {
    public static HostAbilities read() {
        boolean root = "0".equals(uid());
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2 = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                if (halves.length < 2) continue;
                String[] f = halves[0].split(" "), g = halves[1].split(" ");
                if (f.length < 5 || g.length < 3) continue;
                Path at = Path.of(f[4].replace("\\040", " "));
                if (g[0].equals("cgroup2") && v2 == null) v2 = at;
                if (g[0].equals("cgroup"))
                    for (String o : g[2].split(",")) if (!o.equals("rw") && !o.equals("ro")) v1.putIfAbsent(o, at);
            }
        } catch (IOException e) {
            // no mount table: no cgroups offered, and the labs that need them say so
        }
        return new HostAbilities(root, v1, Optional.ofNullable(v2));
    }

    private static String uid() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status")))
                if (l.startsWith("Uid:")) return l.split("\\s+")[2];
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    /** A lab's needs: root, and each tool on PATH. */
    public static Lab.Needs rootAnd(String... tools) {
        return Lab.Needs.ROOT.and(h -> {
            for (String t : tools)
                if (!nscope.app.exec.HostCommand.onPath(t))
                    return Optional.of("it runs " + t + ", which is not on PATH");
            return Optional.empty();
        });
    }

    /** A v1 controller's hierarchy, needed. */
    public static Lab.Needs v1(String controller) {
        return h -> h.v1().containsKey(controller)
                ? Optional.empty()
                : Optional.of("it needs the cgroup v1 " + controller + " controller, which this host does not mount"
                        + (h.v1().isEmpty() ? " (this host has cgroup v2 only)" : ""));
    }
}
