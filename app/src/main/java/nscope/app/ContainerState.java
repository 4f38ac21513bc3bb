package nscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What nscope knows of one container, kept in its directory under
 * /run/nscope (NSCOPE_STATE_DIR elsewhere) as state.json, written whole and
 * renamed into place, so a restarted nscope still knows its containers and
 * every kernel object that belongs to each.
 *
 * @param pid       PID 1 of the container, as the host numbers it (0 until started)
 * @param startTime its start time (field 22 of /proc/PID/stat): a reused PID is not the container
 * @param cgroups   the cgroups made for it, one per hierarchy
 * @param net       none, loopback or bridge; bridge, veth (the host end) and address for a bridge
 * @param bridgeMade whether this container's creation made the bridge (the last container to go removes it)
 */
record ContainerState(String name, String image, String lower, String hostname, List<String> namespaces, long created,
                      int pid, long startTime, List<Cg> cgroups, Map<String, String> limits, String net, String bridge,
                      boolean bridgeMade, String veth, String address, List<String> command) {
    /** A cgroup of the container in one hierarchy. */
    record Cg(String mountPoint, int version, String path, String label) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where containers' directories are. */
    static Path root() {
        String d = System.getenv("NSCOPE_STATE_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/run/nscope");
    }

    static Path dir(String name) { return root().resolve(name); }

    /**
     * Where a container's writable layer lives (upper and work directories):
     * on disk under /var/lib/nscope/containers (NSCOPE_DATA_DIR elsewhere),
     * not on /run's tmpfs, whose pages would count against its memory limit.
     */
    static Path data(String name) {
        String d = System.getenv("NSCOPE_DATA_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/var/lib/nscope/containers").resolve(name);
    }

    Path dir() { return dir(name); }

    /** Written to state.json.tmp, then renamed over state.json: a reader sees the old state or the new, never half. */
    void save() throws IOException {
        Path tmp = dir().resolve("state.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, dir().resolve("state.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static ContainerState load(String name) throws IOException {
        return JSON.readValue(dir(name).resolve("state.json").toFile(), ContainerState.class);
    }

    /** Every container with a readable state, by name; unreadable ones are skipped (said by the caller's listing of names). */
    static List<ContainerState> all() throws IOException {
        List<ContainerState> out = new ArrayList<>();
        if (!Files.isDirectory(root())) return out;
        try (var s = Files.list(root())) {
            for (Path d : s.sorted().toList()) {
                if (!Files.isRegularFile(d.resolve("state.json"))) continue;
                try {
                    out.add(load(d.getFileName().toString()));
                } catch (IOException e) {
                    // a state being written by another nscope, or damaged: not listed as a container
                }
            }
        }
        return out;
    }

    /** Running: PID 1 is alive (not a zombie waiting to be reaped) and still the process that started at startTime. */
    boolean running() {
        return pid > 0 && ProcStat.of(pid).filter(st -> st.state() != 'Z' && st.state() != 'X' && st.startTime() == startTime).isPresent();
    }

    /** The exit status the container's waiter wrote when PID 1 ended, or null. */
    Integer exitStatus() {
        try {
            return Integer.parseInt(Files.readString(dir().resolve("exit")).strip());
        } catch (IOException | NumberFormatException e) {
            return null; // still running, or ended while nothing waited for it
        }
    }
}
