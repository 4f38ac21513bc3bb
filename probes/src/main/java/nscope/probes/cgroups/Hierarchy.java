package nscope.probes.cgroups;

import java.util.List;

/**
 * One mounted cgroup hierarchy: v2 (the unified hierarchy) or a v1
 * hierarchy with its controllers, named ones included ("name=systemd").
 *
 * @param version     1 or 2
 * @param controllers for v1 the controllers bound to it, from the mount's super options;
 *                    for v2 empty (its root's cgroup.controllers says which it has)
 * @param mountPoint  where it is mounted in nscope's mount namespace
 * @param mountRoot   the cgroup at that mount point ("/" unless a subtree is mounted)
 * @param device      the superblock's "MAJOR:MINOR": one hierarchy may be mounted more than once
 */
public record Hierarchy(int version, List<String> controllers, String mountPoint, String mountRoot, String device) {
    public Hierarchy {
        controllers = List.copyOf(controllers);
    }

    // equals and hashCode written out: a record's own are bootstrapped through method handles at first use
    @Override
    public boolean equals(Object o) {
        return o instanceof Hierarchy h
                && h.version == version
                && h.controllers.equals(controllers)
                && java.util.Objects.equals(h.mountPoint, mountPoint)
                && java.util.Objects.equals(h.mountRoot, mountRoot)
                && java.util.Objects.equals(h.device, device);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, controllers, mountPoint, mountRoot, device);
    }

    /** "v2", or the v1 controllers comma-joined as /proc/PID/cgroup writes them ("cpu,cpuacct", "name=systemd"). */
    public String label() {
        return version == 2 ? "v2" : String.join(",", controllers);
    }

    /** Whether a line of /proc/PID/cgroup ("ID:CONTROLLERS:PATH") is about this hierarchy. */
    public boolean matches(CgroupLine line) {
        if (version == 2) return line.id() == 0 && line.controllers().isEmpty();
        if (line.id() == 0) return false;
        // both lists come in the kernel's subsystem order; compare as sets only when the text differs
        // but is as long (equal sets join to equal lengths): most lines are of other hierarchies
        String label = label();
        if (line.controllers().equals(label)) return true;
        return line.controllers().length() == label.length()
                && new java.util.HashSet<>(controllers).equals(new java.util.HashSet<>(line.controllerList()));
    }

    /**
     * Whether NAME (as typed after --hierarchy) picks this hierarchy: its
     * label, one of its controllers, "systemd" for "name=systemd", and for v2
     * "v2", "unified", "cgroup2" or a controller its root offers.
     */
    public boolean named(String name, List<String> v2Controllers) {
        String n = name.trim();
        if (version == 2)
            return n.equals("v2")
                    || n.equals("unified")
                    || n.equals("cgroup2")
                    || n.equals("0")
                    || v2Controllers.contains(n);
        if (n.equals(label())) return true;
        for (String c : controllers) if (c.equals(n) || c.equals("name=" + n)) return true;
        return false;
    }
}
