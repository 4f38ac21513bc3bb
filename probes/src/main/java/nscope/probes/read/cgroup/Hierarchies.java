package nscope.probes.read.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.model.ScanProblem;
import nscope.probes.mounts.Mount;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.Mountinfo;
import nscope.probes.read.Failures;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;

/**
 * The cgroup hierarchies mounted in nscope's own mount namespace (found in
 * its mountinfo, not assumed at /sys/fs/cgroup), v2 first, one mount per
 * hierarchy; and where each one's files are read.
 */
public final class Hierarchies {
    /** Super options of a cgroup mount that are not controllers. */
    private static final Set<String> NOT_CONTROLLERS = Set.of(
            "rw",
            "ro",
            "none",
            "xattr",
            "noprefix",
            "clone_children",
            "cpuset_v2_mode",
            "favordynmods",
            "nsdelegate",
            "memory_recursiveprot",
            "memory_localevents",
            "memory_hugetlb_accounting",
            "pids_localevents");

    private Hierarchies() {}

    /** The cgroup and cgroup2 mounts of our mount namespace, one per hierarchy. */
    public static List<Hierarchy> mounted(Host host, List<ScanProblem> problems) {
        Path mi = host.roots().proc().resolve("self/mountinfo");
        byte[] text;
        try {
            text = host.files().readToEnd(mi);
        } catch (IOException e) {
            problems.add(new ScanProblem(mi.toString(), Failures.readout(mi, e).why()));
            return List.of();
        }
        Mountinfo.Lines parsed = Mountinfo.parse(text);
        for (Mountinfo.BadLine b : parsed.bad())
            problems.add(new ScanProblem(
                    mi + ":" + b.line(),
                    new Unknown(Unknown.Reason.MALFORMED, b.why().getMessage())));
        // one hierarchy may be mounted several times: keep its widest, then shortest, mount
        Map<String, Mount> byDevice = new LinkedHashMap<>();
        for (Mount m : parsed.mounts()) {
            if (!m.fsType().equals("cgroup") && !m.fsType().equals("cgroup2")) continue;
            String dev = m.device().toString();
            Mount seen = byDevice.get(dev);
            if (seen == null || better(m, seen)) byDevice.put(dev, m);
        }
        List<Hierarchy> out = new ArrayList<>();
        for (Mount m : byDevice.values()) {
            boolean v2 = m.fsType().equals("cgroup2");
            List<String> controllers = v2
                    ? List.of()
                    : m.superOptions().stream()
                            .filter(o -> !NOT_CONTROLLERS.contains(o) && !o.startsWith("release_agent="))
                            .toList();
            out.add(new Hierarchy(
                    v2 ? 2 : 1,
                    controllers,
                    m.mountPoint(),
                    m.root(),
                    m.device().toString()));
        }
        out.sort(Comparator.comparing((Hierarchy h) -> h.version() == 2 ? 0 : 1).thenComparing(Hierarchy::label));
        return out;
    }

    private static boolean better(Mount a, Mount b) {
        if (a.root().length() != b.root().length())
            return a.root().length() < b.root().length();
        return a.mountPoint().length() < b.mountPoint().length();
    }

    /**
     * Whether NAME (as typed after --hierarchy) picks this hierarchy, told
     * before it is walked: a v2 one by its root's cgroup.controllers, read
     * here (unreadable: it is walked, and its tree tells).
     */
    public static boolean picks(Host host, Hierarchy h, String name) {
        if (h.version() == 1 || h.named(name, List.of())) return h.named(name, List.of());
        try {
            byte[] b = host.files().read(dirOf(host, h.mountPoint()).resolve("cgroup.controllers"));
            String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
            return CgroupText.value("cgroup.controllers", text) instanceof CgValue.Words w && h.named(name, w.words());
        } catch (IOException | Malformed e) {
            return true;
        }
    }

    /** Where a mount point's files are read: under the sys root, else through our own root. */
    static Path dirOf(Host host, String mountPoint) {
        if (mountPoint.equals("/sys")) return host.roots().sys();
        if (mountPoint.startsWith("/sys/")) return host.roots().sys().resolve(mountPoint.substring("/sys/".length()));
        return host.roots().proc().resolve("self/root").resolve(mountPoint.substring(1));
    }
}
