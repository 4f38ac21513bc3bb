package nscope.probes.cgroups;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nscope.probes.readout.Readout;

/**
 * One cgroup of one hierarchy as a scan read it.
 *
 * @param path     its path in the hierarchy ("/" for the root), as /proc/PID/cgroup writes it for nscope
 * @param id       its cgroup id (the inode number of its directory, as its parent's listing gives it;
 *                 what systemd-cgls shows as #N and BPF tools use); 0 where not known (a hierarchy's root,
 *                 a recorded tree)
 * @param children the paths of its child cgroups, sorted
 * @param procs    member processes: those whose /proc/PID/cgroup names this cgroup, and those a member thread
 *                 of belongs to (as the kernel's cgroup.procs lists them)
 * @param threads  member threads (v2 cgroup.threads, v1 tasks)
 * @param files    the interface files read, by name; a file this cgroup does not offer is absent
 */
public record Cgroup(
        String path,
        long id,
        List<String> children,
        Readout<List<Integer>> procs,
        Readout<List<Integer>> threads,
        Map<String, Readout<CgValue>> files) {
    public Cgroup {
        children = List.copyOf(children);
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }

    /** The last component of the path ("/" for the root). */
    public String name() {
        int slash = path.lastIndexOf('/');
        return path.equals("/") ? "/" : path.substring(slash + 1);
    }

    /** The parent's path; empty for the root. */
    public Optional<String> parent() {
        if (path.equals("/")) return Optional.empty();
        int slash = path.lastIndexOf('/');
        return Optional.of(slash == 0 ? "/" : path.substring(0, slash));
    }

    /** A file's value when the file is offered and was read. */
    public Optional<CgValue> value(String file) {
        Readout<CgValue> r = files.get(file);
        return r != null && r.known() ? Optional.of(r.get()) : Optional.empty();
    }

    /** A number file's value (null value: unlimited), when offered and read. */
    public Optional<CgValue.Num> num(String file) {
        return value(file).filter(CgValue.Num.class::isInstance).map(CgValue.Num.class::cast);
    }

    /** One field of a "KEY VALUE" file, when offered and read. */
    public Optional<Long> field(String file, String key) {
        return value(file).filter(CgValue.Keyed.class::isInstance).map(v -> ((CgValue.Keyed) v).get(key));
    }
}
