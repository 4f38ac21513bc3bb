package nscope.app.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nscope.app.container.confine.Confinement;
import nscope.app.exec.ProcStat;

/**
 * What nscope knows of one container, kept in its directory under
 * /run/nscope (NSCOPE_STATE_DIR elsewhere) as state.json, written whole and
 * renamed into place. It is written before each kernel object it names is
 * made (status "creating" until the container runs), so whatever moment
 * nscope is killed at, nscope ps lists the container and nscope rm -f finds
 * every object: a name here may be of an object never made, never the
 * other way round.
 *
 * @param status     creating, then running (its end is read from PID 1 and the exit file)
 * @param creator    the nscope process making it, while status is creating
 * @param monitor    nscope-init's monitor, outside the container: it waits for PID 1 and writes its exit status
 * @param pid        PID 1 of the container, as the host numbers it (0 until started)
 * @param startTime  its start time (field 22 of /proc/PID/stat): a reused PID is not the container
 * @param cgroups    the cgroups made for it, one per hierarchy
 * @param net        none, loopback or bridge; bridge, veth (the host end) and address for a bridge
 * @param bridgeMade whether this container's creation made the bridge (the last container to go removes it)
 * @param unpacking  an image being unpacked for it into the cache (removed if nscope stops there)
 * @param data       its writable layer (upper and work directories)
 * @param ids        the host uid and gid range its user namespace maps, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(
        String name,
        String status,
        Proc creator,
        String image,
        String lower,
        String hostname,
        List<String> namespaces,
        long created,
        Proc monitor,
        int pid,
        long startTime,
        List<Cg> cgroups,
        Map<String, String> limits,
        String net,
        String bridge,
        boolean bridgeMade,
        String veth,
        String address,
        List<String> command,
        String unpacking,
        String data,
        SubIds.Range ids,
        Confinement confinement) {
    /** A cgroup of the container in one hierarchy. */
    public record Cg(String mountPoint, int version, String path, String label) {}

    /** A process by PID and start time. */
    record Proc(int pid, long startTime) {
        boolean alive() {
            return pid > 0
                    && ProcStat.of(pid)
                            .filter(st -> st.state() != 'Z' && st.startTime() == startTime)
                            .isPresent();
        }

        static Proc self() {
            return new Proc(
                    (int) ProcessHandle.current().pid(),
                    ProcStat.of(ProcessHandle.current().pid())
                            .map(nscope.probes.parse.StatLine::startTime)
                            .orElse(0L));
        }

        static Proc of(long pid) {
            return new Proc(
                    (int) pid,
                    ProcStat.of(pid)
                            .map(nscope.probes.parse.StatLine::startTime)
                            .orElse(-1L));
        }
    }

    /** Made at first use: a host without containers (most runs of cgroups and enter) never pays for databind's start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /** Where containers' directories are. */
    public static Path root() {
        String d = System.getenv("NSCOPE_STATE_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/run/nscope");
    }

    static Path dir(String name) {
        return root().resolve(name);
    }

    /**
     * Where a container's writable layer lives (upper and work directories):
     * on disk under /var/lib/nscope/containers (NSCOPE_DATA_DIR elsewhere),
     * not on /run's tmpfs, whose pages would count against its memory limit.
     */
    static Path data(String name) {
        String d = System.getenv("NSCOPE_DATA_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/var/lib/nscope/containers")
                .resolve(name);
    }

    Path dir() {
        return dir(name);
    }

    /** Written to state.json.tmp, then renamed over state.json: a reader sees the old state or the new, never half. */
    void save() throws IOException {
        Path tmp = dir().resolve("state.json.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Mapper.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(
                tmp, dir().resolve("state.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Its state; a directory without one (nscope killed between making it and writing the state) is a broken container. */
    public static ContainerState load(String name) throws IOException {
        Path f = dir(name).resolve("state.json");
        if (!Files.exists(f) && Files.isDirectory(dir(name))) return empty(name);
        return Mapper.JSON.readValue(f.toFile(), ContainerState.class);
    }

    /** A container of which only the directory was made: nothing else can exist, since the state comes before every object. */
    static ContainerState empty(String name) {
        return new ContainerState(
                name,
                "creating",
                null,
                null,
                null,
                null,
                List.of(),
                0,
                null,
                0,
                0,
                List.of(),
                Map.of(),
                null,
                null,
                false,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null);
    }

    /** Every container with a readable state, by name; unreadable ones are skipped (said by the caller's listing of names). */
    public static List<ContainerState> all() throws IOException {
        List<ContainerState> out = new ArrayList<>();
        if (!Files.isDirectory(root())) return out;
        try (var s = Files.list(root())) {
            for (Path d : s.sorted().toList()) {
                String n = d.getFileName().toString();
                if (!Files.isDirectory(d) || n.startsWith(".") || !n.matches("[a-z0-9][a-z0-9_.-]{0,62}")) continue;
                try {
                    out.add(load(d.getFileName().toString()));
                } catch (IOException e) {
                    // damaged: not listed as a container (its directory stays for the operator to look at)
                }
            }
        }
        return out;
    }

    /** Still being made by a live nscope. */
    boolean creating() {
        return "creating".equals(status) && creator != null && creator.alive();
    }

    /** Left half made by an nscope that stopped (killed, crashed): nscope rm -f removes what it named. */
    boolean broken() {
        return "creating".equals(status) && !creating();
    }

    /** Running: made, and PID 1 alive (not a zombie waiting to be reaped) and still the process that started at startTime. */
    public boolean running() {
        return "running".equals(status)
                && pid > 0
                && ProcStat.of(pid)
                        .filter(st -> st.state() != 'Z' && st.state() != 'X' && st.startTime() == startTime)
                        .isPresent();
    }

    /** In words for nscope ps: running, exited (N), creating, broken. */
    public String state() {
        if (creating()) return "creating";
        if (broken()) return "broken";
        if (running()) return "running";
        Integer exit = exitStatus();
        return exit != null ? "exited (" + exit + ")" : "exited";
    }

    /** The exit status the monitor wrote when PID 1 ended, or null. */
    Integer exitStatus() {
        try {
            return Integer.parseInt(Files.readString(dir().resolve("exit")).strip());
        } catch (IOException | NumberFormatException e) {
            return null; // still running, or ended while nothing waited for it
        }
    }

    /** Its writable layer: as recorded, else where this nscope would put it. */
    Path dataDir() {
        return data != null ? Path.of(data) : data(name);
    }

    /** Its namespace types, cgroups, limits and command, never null (a broken state may lack them). */
    @Override
    public List<Cg> cgroups() {
        return cgroups == null ? List.of() : cgroups;
    }

    @Override
    public Map<String, String> limits() {
        return limits == null ? Map.of() : limits;
    }

    @Override
    public List<String> namespaces() {
        return namespaces == null ? List.of() : namespaces;
    }

    @Override
    public List<String> command() {
        return command == null ? List.of() : command;
    }
}
