package nscope.act;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nscope.kernel.DevIno;
import nscope.kernel.Errno;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;

/**
 * Writes into one mounted cgroup hierarchy: make and remove cgroups, move a
 * process or a thread, set an interface file, freeze and thaw. Paths are
 * walked from the mount point a name at a time, never through a symbolic
 * link and never off the hierarchy's filesystem, so a write cannot land
 * outside cgroupfs. Every name is checked first ({@link Names}); what the
 * kernel refuses is said in words (the no-internal-process rule, threaded
 * subtrees, controllers not enabled, ...).
 */
public final class CgroupWrites {
    private final Kernel kernel;
    private final String mountPoint;
    private final boolean v2;

    /** @param mountPoint where the hierarchy is mounted; v2: the unified hierarchy (else v1) */
    public CgroupWrites(Kernel kernel, String mountPoint, boolean v2) {
        this.kernel = kernel;
        this.mountPoint = mountPoint;
        this.v2 = v2;
    }

    /**
     * mkdir: a new cgroup (the last name of path) under an existing one. A
     * new v1 cpuset cgroup starts with no CPU and no memory node, so no
     * process could be moved into it (ENOSPC): it gets its parent's, as
     * runc and cgcreate do.
     */
    public void mkdir(String path) throws ActionException {
        List<String> names = components(path, false);
        try (Fd parent = walk(names.subList(0, names.size() - 1))) {
            kernel.mkdirAt(parent, names.get(names.size() - 1), 0755);
            if (!v2) {
                try (Fd child = kernel.openPathNoFollow(parent, names.get(names.size() - 1))) {
                    for (String f : new String[] {"cpuset.cpus", "cpuset.mems"}) {
                        String mine = read(child, f), theirs = read(parent, f);
                        if (mine != null && mine.isBlank() && theirs != null && !theirs.isBlank())
                            kernel.writeFile(child, f, theirs.strip().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (KernelException e) {
            throw refused("make the cgroup " + path, e, null);
        }
    }

    /** An interface file's text, or null when the cgroup has no such file. */
    private String read(Fd dir, String file) throws KernelException {
        byte[] buf = new byte[4096];
        try {
            int n = kernel.readFile(dir, Kernel.cPath(file), buf);
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (KernelException e) {
            if (e.errno() == Errno.ENOENT) return null;
            throw e;
        }
    }

    /** rmdir: removes a cgroup with no process and no child cgroup. */
    public void rmdir(String path) throws ActionException {
        List<String> names = components(path, false);
        try (Fd parent = walk(names.subList(0, names.size() - 1))) {
            kernel.rmdirAt(parent, names.get(names.size() - 1));
        } catch (KernelException e) {
            throw refused("remove the cgroup " + path, e, null);
        }
    }

    /**
     * Moves a process with all its threads (thread false: cgroup.procs) or one
     * thread alone (v2 cgroup.threads, v1 tasks) into the cgroup at path.
     */
    public void move(String path, int pid, boolean thread) throws ActionException {
        if (pid <= 0) throw new ActionException(pid + " is not a PID");
        String file = !thread ? "cgroup.procs" : v2 ? "cgroup.threads" : "tasks";
        write(path, file, Integer.toString(pid), (thread ? "move thread " : "move process ") + pid + " into " + path);
    }

    /** Sets one interface file (memory.max, pids.max, cpu.max, ...) of the cgroup at path. */
    public void set(String path, String file, String value) throws ActionException {
        Names.check(file, "an interface file");
        if (file.startsWith("cgroup.")
                && !file.equals("cgroup.freeze")
                && !file.equals("cgroup.type")
                && !file.equals("cgroup.subtree_control")
                && !file.equals("cgroup.max.depth")
                && !file.equals("cgroup.max.descendants"))
            throw new ActionException(
                    file + " is not a setting (move processes with mv; make and remove cgroups with mkdir and rmdir)");
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f))
            throw new ActionException("the value for " + file + " holds a control character");
        write(path, file, value, "set " + file + " of " + path + " to " + value);
    }

    /** Freezes (true) or thaws every process of the cgroup at path: v2 cgroup.freeze, v1 freezer.state. */
    public void freeze(String path, boolean frozen) throws ActionException {
        String what = (frozen ? "freeze " : "thaw ") + path;
        if (v2) write(path, "cgroup.freeze", frozen ? "1" : "0", what);
        else write(path, "freezer.state", frozen ? "FROZEN" : "THAWED", what);
    }

    private void write(String path, String file, String value, String what) throws ActionException {
        try (Fd dir = walk(components(path, true))) {
            kernel.writeFile(dir, file, value.getBytes(StandardCharsets.UTF_8));
        } catch (KernelException e) {
            throw refused(what, e, file);
        }
    }

    /** The names of a cgroup path below the hierarchy's root ("/" is the root: no names, allowed only where rootOk). */
    static List<String> components(String path, boolean rootOk) throws ActionException {
        if (path == null || !path.startsWith("/"))
            throw new ActionException("a cgroup path starts with / (the hierarchy's root): " + Names.shown(path));
        List<String> out = new ArrayList<>();
        for (String n : path.substring(1).split("/", -1)) {
            if (n.isEmpty() && out.isEmpty() && path.length() == 1) continue;
            Names.check(n, "a cgroup name");
            out.add(n);
        }
        if (out.isEmpty() && !rootOk)
            throw new ActionException("the root cgroup of a hierarchy cannot be made or removed");
        return out;
    }

    /** The directory of these names below the mount point, each opened without following a link, all on the mount's filesystem. */
    private Fd walk(List<String> names) throws KernelException, ActionException {
        Fd dir = kernel.openPath(null, Kernel.cPath(mountPoint));
        DevIno root = kernel.fstat(dir);
        for (String n : names) {
            Fd next;
            try {
                next = kernel.openPathNoFollow(dir, n);
            } finally {
                dir.close();
            }
            dir = next;
            if (kernel.fstat(dir).dev() != root.dev()) {
                dir.close();
                throw new ActionException(
                        n + " in " + mountPoint + " leads off the cgroup hierarchy (another filesystem mounted there)");
            }
        }
        return dir;
    }

    /** A kernel refusal in words: what was asked, the errno, and what it means for cgroups. */
    private ActionException refused(String what, KernelException e, String file) {
        Errno errno = e.errno();
        String why = switch (errno) {
            case ENOENT ->
                file == null
                        ? "no such cgroup (removed meanwhile, or mistyped)"
                        : v2 && file.indexOf('.') > 0 && !file.startsWith("cgroup.")
                                ? "no such cgroup, or it has no " + file + ": the "
                                        + file.substring(0, file.indexOf('.')) + " controller is not"
                                        + " enabled for it (the parent's cgroup.subtree_control must list it)"
                                : "no such cgroup, or it has no " + file
                                        + " (its controller is not bound to this hierarchy)";
            case ESRCH -> "no such process or thread (it has exited)";
            case EEXIST -> "a cgroup of that name is there already";
            case EBUSY ->
                file == null
                        ? "it still holds processes or child cgroups (move or remove them first)"
                        : v2
                                ? "the no-internal-process rule: a cgroup that gives controllers to its children (cgroup.subtree_control)"
                                        + " cannot hold processes itself; use a leaf cgroup"
                                : "the kernel says busy";
            case EOPNOTSUPP ->
                "not allowed for this cgroup's type: a thread moves alone only within a threaded subtree"
                        + " (cgroup.type threaded), and a process only into a domain cgroup";
            case EINVAL ->
                file != null && file.startsWith("cgroup.")
                        ? "refused by the kernel: threaded and domain cgroups do not mix that way, or the value is not one it takes"
                        : "not a value " + (file == null ? "the kernel takes" : file + " takes")
                                + ", or the cgroup cannot take it";
            case ENOSPC -> "no CPU or memory node to run on: the cgroup's cpuset.cpus or cpuset.mems is empty";
            case EPERM, EACCES -> "not permitted: root is needed, or a delegation of this subtree";
            case ELOOP, ENOTDIR ->
                "a name on the way is a link or not a cgroup: nscope does not follow links out of cgroupfs";
            default -> errno.sentence();
        };
        return new ActionException("cannot " + what + ": " + why + " (" + errno.name() + ")");
    }
}
