package nscope.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What labs leave on the host, found the way an operator would look:
 * cgroups named nscope-lab-* in every hierarchy, journals under
 * /run/nscope/labs, directories under /run/nscope-lab, named network
 * namespaces, interfaces lab*, mounts on nscope-lab paths.
 */
final class LabLeftovers {
    private LabLeftovers() {}

    /** What labs left, leaving out the labs still running in another nscope. */
    static List<String> find() throws IOException {
        List<String> left = all();
        List<String> running = running();
        left.removeIf(l -> running.stream()
                .anyMatch(id -> l.contains("nscope-lab-" + id)
                        || l.contains("/run/nscope/labs/" + id)
                        || l.contains("/sys/class/net/lab" + id)));
        return left;
    }

    /** Every lab object on the host now, running labs' included. */
    static List<String> all() throws IOException {
        List<String> left = new ArrayList<>();
        try (Stream<Path> roots = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path root : roots.toList()) {
                if (root.getFileName().toString().startsWith("nscope-lab")) left.add("cgroup " + root);
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> cgs = Files.list(root)) {
                    cgs.filter(p -> p.getFileName().toString().startsWith("nscope-lab"))
                            .forEach(p -> left.add("cgroup " + p));
                }
            }
        }
        for (Path d : List.of(Path.of("/run/nscope/labs"), Path.of("/run/nscope-lab"), Path.of("/run/netns")))
            if (Files.isDirectory(d))
                try (Stream<Path> in = Files.list(d)) {
                    in.filter(p -> !d.endsWith("netns")
                                    || p.getFileName().toString().startsWith("nscope-lab"))
                            .forEach(p -> left.add("file " + p));
                }
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            links.filter(p -> p.getFileName().toString().startsWith("lab")).forEach(p -> left.add("interface " + p));
        }
        for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo")))
            if (l.contains("nscope-lab")) left.add("mount " + l);
        return left;
    }

    /**
     * The ids of labs still running in another nscope (their journal's
     * owner alive): on a shared host they are someone else's, not left
     * over; the tested lab's own nscope has exited when this looks.
     */
    private static List<String> running() throws IOException {
        List<String> ids = new ArrayList<>();
        Path labs = Path.of("/run/nscope/labs");
        if (!Files.isDirectory(labs)) return ids;
        try (Stream<Path> in = Files.list(labs)) {
            for (Path d : in.toList()) {
                try {
                    String[] owner =
                            Files.readString(d.resolve("owner")).strip().split(" ");
                    String stat = Files.readString(Path.of("/proc", owner[0], "stat"));
                    if (stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19].equals(owner[1]))
                        ids.add(d.getFileName().toString());
                } catch (IOException | RuntimeException e) {
                    // no owner, or it is gone: left over
                }
            }
        }
        return ids;
    }
}
