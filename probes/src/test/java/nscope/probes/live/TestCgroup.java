package nscope.probes.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cgroup a live test makes (named nscope-test-*) under one mounted
 * hierarchy, with children; closing it removes them all, deepest first,
 * once the test's processes have been killed (by PID) and left them.
 */
final class TestCgroup implements AutoCloseable {
    final Path mount;
    final Path dir;
    /** Its path inside the hierarchy, as /proc/PID/cgroup writes it. */
    final String path;

    TestCgroup(Path mount, String name) throws IOException {
        if (!name.startsWith("nscope-test-"))
            throw new IllegalArgumentException("test cgroups are named nscope-test-*: " + name);
        this.mount = mount;
        this.dir = mount.resolve(name);
        this.path = "/" + name;
        Files.createDirectory(dir);
    }

    /** A child cgroup; its path in the hierarchy. */
    String child(String name) throws IOException {
        Files.createDirectory(dir.resolve(name));
        return path + "/" + name;
    }

    void write(String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    void write(String child, String file, String value) throws IOException {
        Files.writeString(dir.resolve(child).resolve(file), value);
    }

    String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    /** Moves a whole process in (cgroup.procs). */
    void addProcess(int pid) throws IOException {
        write("cgroup.procs", Integer.toString(pid));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isDirectory)
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .forEach(dirs::add);
        }
        for (Path d : dirs) {
            // a killed member leaves the cgroup a moment after its parent saw it exit
            for (int i = 0; ; i++) {
                try {
                    Files.delete(d);
                    break;
                } catch (IOException e) {
                    if (i >= 100) throw new IOException("cannot remove test cgroup " + d + ": " + e, e);
                    Thread.sleep(20);
                }
            }
        }
    }

    /** Where a hierarchy is mounted, from our mountinfo: cgroup2, or the v1 one with this controller. */
    static Path mountOf(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ");
            String[] f = halves[0].split(" "), g = halves[1].split(" ");
            if (controller.equals("v2") && g[0].equals("cgroup2")) return Path.of(f[4]);
            if (g[0].equals("cgroup") && List.of(g[2].split(",")).contains(controller)) return Path.of(f[4]);
        }
        return null;
    }
}
