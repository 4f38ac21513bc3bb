package nscope.probes.read.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import nscope.kernel.Errno;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.ScanProblem;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.read.Failures;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.DirRead;
import nscope.probes.source.Host;

/**
 * Every mounted cgroup hierarchy walked as a tree: each cgroup's children,
 * interface files and thread list read in one go (its processes come from
 * {@link CgroupMembers}). A cgroup removed mid-walk is left out; what
 * cannot be read is an unknown with its reason.
 */
public final class CgroupWalk {
    /** Why a v1 cgroup's threads are unknown when its tasks list was not asked for. */
    public static final String V1_THREADS_NOT_READ = "v1 thread lists (tasks) were not read in this scan"
            + " (nscope cgroups reads them; they cost the kernel a global lock per task)";

    private final Host host;
    private final boolean v1Threads;
    /** The interface files read: those of CgroupText.FILES this set holds; null: all of them. */
    private final java.util.Set<String> files;

    /** @param v1Threads read every v1 cgroup's tasks list (they cost the kernel a global lock per task) */
    public CgroupWalk(Host host, boolean v1Threads) {
        this(host, v1Threads, null);
    }

    /** @param files read only these of the interface files nscope knows (null: all of them) */
    public CgroupWalk(Host host, boolean v1Threads, java.util.Set<String> files) {
        this.host = host;
        this.v1Threads = v1Threads;
        this.files = files;
    }

    /**
     * All hierarchies at once, on every core: each cgroup read as a task
     * that forks one task per child, so no level waits for the slowest
     * directory of the level before.
     */
    public List<Map<String, Cgroup>> walk(List<Hierarchy> hierarchies, List<ScanProblem> problems) {
        List<Map<String, Cgroup>> found = new ArrayList<>();
        List<Read> roots = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            found.add(new ConcurrentHashMap<>());
            Hierarchy h = hierarchies.get(i);
            roots.add(new Read(h, Hierarchies.dirOf(host, h.mountPoint()), wanted(h), "", 0, found.get(i), problems));
        }
        ForkJoinTask.invokeAll(roots);
        return found;
    }

    /** One cgroup's read, and its children's. */
    private final class Read extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Hierarchy h;
        /** The hierarchy's mount point as read (the same for every cgroup of it). */
        private final transient Path top;

        /** The files read in each of its cgroups. */
        private final transient DirRead.Wanted wanted;

        private final String rel;
        private final long ino;
        private final transient Map<String, Cgroup> found;
        private final transient List<ScanProblem> problems;

        Read(
                Hierarchy h,
                Path top,
                DirRead.Wanted wanted,
                String rel,
                long ino,
                Map<String, Cgroup> found,
                List<ScanProblem> problems) {
            this.h = h;
            this.top = top;
            this.wanted = wanted;
            this.rel = rel;
            this.ino = ino;
            this.found = found;
            this.problems = problems;
        }

        @Override
        protected void compute() {
            Map<String, Long> inos = new HashMap<>();
            Cgroup c = readCgroup(h, top, wanted, rel, ino, inos, problems);
            if (c == null) return;
            found.put(c.path(), c);
            List<Read> kids = new ArrayList<>();
            for (String child : c.children())
                kids.add(new Read(
                        h,
                        top,
                        wanted,
                        relOf(h, child),
                        inos.getOrDefault(child.substring(child.lastIndexOf('/') + 1), 0L),
                        found,
                        problems));
            invokeAll(kids);
        }
    }

    private static String threadsFile(Hierarchy h) {
        return h.version() == 2 ? "cgroup.threads" : "tasks";
    }

    /** The files read in each cgroup of a hierarchy: the thread list (where asked) and the known interface files. */
    private DirRead.Wanted wanted(Hierarchy h) {
        List<String> out = new ArrayList<>();
        if (h.version() == 2 || v1Threads) out.add(threadsFile(h));
        for (String n : CgroupText.FILES.keySet())
            if ((files == null || files.contains(n)) && !(h.version() == 1 && n.equals("cpu.stat")) && !out.contains(n))
                out.add(n);
        return DirRead.Wanted.of(out);
    }

    /** The cgroup path of a directory below the mount point. */
    private static String pathOf(Hierarchy h, String rel) {
        String root = h.mountRoot();
        if (rel.isEmpty()) return root;
        return root.equals("/") ? "/" + rel : root + "/" + rel;
    }

    private static String relOf(Hierarchy h, String path) {
        String root = h.mountRoot();
        return root.equals("/") ? path.substring(1) : path.substring(root.length() + 1);
    }

    /** One cgroup; null when it vanished before it could be listed. */
    private Cgroup readCgroup(
            Hierarchy h,
            Path top,
            DirRead.Wanted wanted,
            String rel,
            long ino,
            Map<String, Long> childInos,
            List<ScanProblem> problems) {
        Path dir = rel.isEmpty() ? top : top.resolve(rel);
        String path = pathOf(h, rel);
        String threadsFile = threadsFile(h);
        DirRead d;
        try {
            d = host.files().readDir(dir, ino, wanted);
        } catch (IOException e) {
            if (!rel.isEmpty() && Errno.of(e).meansVanished()) return null; // removed mid-scan
            problems.add(
                    new ScanProblem(dir.toString(), Failures.readout(dir, e).why()));
            Readout<List<Integer>> none = Failures.readout(dir, e);
            return new Cgroup(path, ino, List.of(), none, none, Map.of());
        }
        List<String> children = new ArrayList<>();
        for (String sub : d.dirs()) {
            children.add(path.equals("/") ? "/" + sub : path + "/" + sub);
            childInos.put(sub, d.ino(sub));
        }
        children.sort(null);
        Map<String, Readout<CgValue>> files = new TreeMap<>();
        boolean vanished = false;
        for (String name : CgroupText.FILES.keySet()) {
            byte[] b = d.files().get(name);
            IOException e = d.failed().get(name);
            if (b != null) files.put(name, parse(dir, name, b));
            else if (e != null) {
                files.put(name, failed(dir.resolve(name), e));
                vanished |= Errno.of(e).meansVanished();
            }
        }
        Readout<List<Integer>> procs = EMPTY; // filled from /proc/PID/cgroup (withProcesses)
        Readout<List<Integer>> threads = h.version() == 1 && !v1Threads
                ? Readout.unknown(Unknown.Reason.NOT_PROVIDED, V1_THREADS_NOT_READ)
                : threadList(dir, threadsFile, d);
        if (vanished && !rel.isEmpty() && !host.files().exists(dir)) return null; // removed while read
        return new Cgroup(path, ino, children, procs, threads, files);
    }

    private static Readout<CgValue> parse(Path dir, String name, byte[] b) {
        try {
            return Readout.of(CgroupText.value(name, new String(b, StandardCharsets.UTF_8)));
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, dir.resolve(name) + ": " + m.getMessage());
        }
    }

    private static Readout<List<Integer>> threadList(Path dir, String name, DirRead d) {
        byte[] b = d.files().get(name);
        IOException e = d.failed().get(name);
        if (b == null) {
            return e != null
                    ? failed(dir.resolve(name), e)
                    : Readout.unknown(Unknown.Reason.NOT_PROVIDED, dir.resolve(name) + ": not there");
        }
        try {
            return Readout.of(CgroupText.ids(b, name));
        } catch (Malformed m) {
            return Readout.unknown(Unknown.Reason.MALFORMED, dir.resolve(name) + ": " + m.getMessage());
        }
    }

    private static final Readout<List<Integer>> EMPTY = Readout.of(List.of());

    /** EOPNOTSUPP: a v2 threaded cgroup's cgroup.procs, which the kernel does not offer there. */
    private static <T> Readout<T> failed(Path p, IOException e) {
        if (Errno.of(e) == Errno.EOPNOTSUPP)
            return Readout.unknown(Unknown.Reason.NOT_PROVIDED, p + ": EOPNOTSUPP (not offered in a threaded cgroup)");
        return Failures.readout(p, e);
    }
}
