package nscope.probes.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.kernel.Errno;
import nscope.kernel.HopException;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NamespaceHop;
import nscope.kernel.NetlinkRoute;
import nscope.kernel.NsHandle;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.parse.FactsText;
import nscope.probes.parse.Malformed;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * uts, ipc, net and cgroup facts read live, on hop threads that joined the
 * namespace ({@link NamespaceHop}, a few tours of many steps): /proc/sys/kernel/{hostname,domainname}
 * and /proc/sysvipc/* show the reader's namespace, and a NETLINK_ROUTE
 * socket belongs to the namespace of the thread that opens it.
 */
final class LiveFacts implements FactReader {
    private final Kernel kernel;
    private final NamespaceHop hop;

    LiveFacts(Kernel kernel) {
        this.kernel = kernel;
        this.hop = new NamespaceHop(kernel);
    }

    /** A reader on the JVM's libc binding; without libc every fact is unknown, with why. */
    static FactReader shared() {
        try {
            return new LiveFacts(Kernel.shared());
        } catch (KernelException e) {
            return (proc, starts) -> {
                Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
                for (NsId id : starts.keySet()) out.put(id, Readout.unknown(Unknown.Reason.IO_ERROR, e.getMessage()));
                return out;
            };
        }
    }

    @Override
    public Map<NsId, Readout<NsFacts>> read(Path proc, Map<NsId, RelationReader.Start> starts) {
        return read(proc, starts, starts);
    }

    @Override
    public Map<NsId, Readout<NsFacts>> read(
            Path proc, Map<NsId, RelationReader.Start> starts, Map<NsId, RelationReader.Start> nets) {
        // One step per task that leads to several namespaces (a container's uts, ipc
        // and net): it joins them all and reads each, instead of a step per namespace.
        Map<NsId, Readout<NsFacts>> out = new java.util.concurrent.ConcurrentHashMap<>();
        if (starts.values().stream().allMatch(st -> st.kind() == NsKind.CGROUP)) {
            out.putAll(cgroups(proc, starts));
            return new TreeMap<>(out);
        }
        Map<Path, Map<NsId, RelationReader.Start>> byTask = new java.util.LinkedHashMap<>();
        starts.forEach((id, st) ->
                byTask.computeIfAbsent(taskOf(st), k -> new TreeMap<>()).put(id, st));
        // tours of 8 to 64 steps, one per core while they are that long: a thread per task cost more than its
        // reads, and a tour that hangs times out as a whole
        List<Map<NsId, RelationReader.Start>> groups = new ArrayList<>(byTask.values());
        int tours = Math.max(
                Math.min(Runtime.getRuntime().availableProcessors(), groups.size() / 8), (groups.size() + 63) / 64);
        java.util.stream.IntStream.range(0, tours)
                .parallel()
                .forEach(t -> out.putAll(
                        readGroups(proc, groups.subList(t * groups.size() / tours, (t + 1) * groups.size() / tours))));
        Map<NsId, Readout<NsFacts>> sorted = new TreeMap<>(out);
        resolvePeers(sorted, nets);
        return sorted;
    }

    /**
     * A veth names its peer's namespace by a number only that namespace
     * knows (IFLA_LINK_NETNSID). For each namespace with such a link, ask
     * inside it which number every other network namespace has
     * (RTM_GETNSID with its descriptor), and name the peer's namespace.
     */
    private void resolvePeers(Map<NsId, Readout<NsFacts>> facts, Map<NsId, RelationReader.Start> starts) {
        List<NsId> withPeers = facts.entrySet().stream()
                .filter(e -> e.getValue().known()
                        && e.getValue().get() instanceof NsFacts.Net n
                        && n.interfaces().stream().anyMatch(i -> i.peerNetnsId() != null && i.peerNetnsId() >= 0))
                .map(Map.Entry::getKey)
                .toList();
        if (withPeers.isEmpty()) return;
        Map<NsId, NsHandle> nets = new TreeMap<>();
        try {
            starts.forEach((id, st) -> {
                if (st.kind() != NsKind.NET) return;
                for (Path p : st.via()) {
                    try {
                        nets.put(id, NsHandle.open(kernel, p.toString()));
                        return;
                    } catch (KernelException e) {
                        // gone: try its next path; a namespace we cannot open cannot be named
                    }
                }
            });
            List<NsId> ids = List.copyOf(nets.keySet());
            List<nscope.kernel.Fd> fds =
                    ids.stream().map(id -> nets.get(id).fd()).toList();
            for (NsId a : withPeers) {
                NsHandle h = nets.get(a);
                if (h == null) continue;
                int[] nsids;
                try {
                    nsids = hop.inside(h, () -> new NetlinkRoute(kernel).nsids(fds));
                } catch (KernelException | HopException e) {
                    continue; // its peers stay named by number only
                }
                Map<Integer, NsId> byNsid = new java.util.HashMap<>();
                for (int i = 0; i < nsids.length; i++) if (nsids[i] >= 0) byNsid.put(nsids[i], ids.get(i));
                NsFacts.Net net = (NsFacts.Net) facts.get(a).get();
                List<NsFacts.Interface> named = net.interfaces().stream()
                        .map(i -> i.peerNetnsId() != null && byNsid.containsKey(i.peerNetnsId())
                                ? i.withPeerNetns(byNsid.get(i.peerNetnsId()))
                                : i)
                        .toList();
                facts.put(a, Readout.of(new NsFacts.Net(named)));
            }
        } finally {
            nets.values().forEach(NsHandle::close);
        }
    }

    /**
     * Cgroup namespaces only (the cgroup phase asks for them alone): one hop
     * thread joins them one after the other (a thread may setns into cgroup
     * namespaces again and again), instead of a thread per namespace.
     * One that cannot be opened or read falls back to its own hop.
     */
    private Map<NsId, Readout<NsFacts>> cgroups(Path proc, Map<NsId, RelationReader.Start> starts) {
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        List<NsId> ids = new ArrayList<>();
        List<NsHandle> handles = new ArrayList<>();
        List<Path> vias = new ArrayList<>();
        try {
            starts.forEach((id, st) -> {
                for (Path p : st.via()) {
                    try {
                        handles.add(NsHandle.open(kernel, p.toString()));
                        ids.add(id);
                        vias.add(p);
                        return;
                    } catch (KernelException e) {
                        // gone: try its next path
                    }
                }
            });
            List<NamespaceHop.Step<Readout<NsFacts>>> steps = hop.each(handles, h -> {
                Path via = vias.get(handles.indexOf(h));
                return () -> inside(NsKind.CGROUP, proc, via);
            });
            for (int i = 0; i < steps.size(); i++)
                if (steps.get(i).failure() == null)
                    out.put(ids.get(i), steps.get(i).value());
        } catch (HopException e) {
            out.clear();
        } finally {
            handles.forEach(NsHandle::close);
        }
        starts.forEach((id, st) -> out.computeIfAbsent(id, k -> readOne(proc, st)));
        return out;
    }

    /** The task directory of a start's first path (/proc/TGID/task/TID), or the path itself. */
    private static Path taskOf(RelationReader.Start st) {
        if (st.via().isEmpty()) return Path.of("");
        Path p = st.via().get(0);
        return p.getParent() != null && p.getParent().getFileName().toString().equals("ns")
                ? p.getParent().getParent()
                : p;
    }

    /**
     * Namespaces of one task per step of one hop thread's tour (a thread costs more than the reads it hops
     * for): each step joins one task's namespaces and reads them. A group whose handles cannot all be
     * opened, or whose step failed, is read each namespace on its own, by its other paths.
     */
    private Map<NsId, Readout<NsFacts>> readGroups(Path proc, List<Map<NsId, RelationReader.Start>> groups) {
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        List<Map<NsId, RelationReader.Start>> toured = new ArrayList<>(), alone = new ArrayList<>();
        List<List<NsHandle>> handles = new ArrayList<>();
        try {
            for (Map<NsId, RelationReader.Start> group : groups) {
                List<NsHandle> opened = open(group.values());
                if (opened == null) alone.add(group);
                else {
                    toured.add(group);
                    handles.add(opened);
                }
            }
            List<NamespaceHop.Step<List<Readout<NsFacts>>>> steps = hop.tour(
                    handles,
                    i -> () -> toured.get(i).values().stream()
                            .map(st -> inside(st.kind(), proc, st.via().get(0)))
                            .toList());
            for (int i = 0; i < steps.size(); i++) {
                List<Readout<NsFacts>> read = steps.get(i).value();
                if (read == null) alone.add(toured.get(i)); // e.g. the task exited between: its other paths
                else {
                    int j = 0;
                    for (NsId id : toured.get(i).keySet()) out.put(id, read.get(j++));
                }
            }
        } catch (HopException e) {
            out.clear(); // the tour as a whole failed (timed out): every namespace on its own
            alone.clear();
            alone.addAll(groups);
        } finally {
            handles.forEach(hs -> hs.forEach(NsHandle::close));
        }
        for (Map<NsId, RelationReader.Start> group : alone) group.forEach((id, st) -> out.put(id, readOne(proc, st)));
        return out;
    }

    /** A handle on each namespace by its first path; null (none left open) when one cannot be opened. */
    private List<NsHandle> open(java.util.Collection<RelationReader.Start> starts) {
        List<NsHandle> out = new ArrayList<>();
        try {
            for (RelationReader.Start st : starts) {
                if (st.via().isEmpty()) break; // no path: readOne says so
                out.add(NsHandle.open(kernel, st.via().get(0).toString()));
            }
        } catch (KernelException e) {
            // gone: readOne tries its other paths
        }
        if (out.size() == starts.size()) return out;
        out.forEach(NsHandle::close);
        return null;
    }

    private Readout<NsFacts> readOne(Path proc, RelationReader.Start s) {
        KernelException last = null;
        for (Path p : s.via()) {
            NsHandle h;
            try {
                h = NsHandle.open(kernel, p.toString());
            } catch (KernelException e) {
                last = e;
                continue; // a vanished task's link: try the next path
            }
            try (h) {
                return hop.inside(h, () -> inside(s.kind(), proc, p));
            } catch (KernelException e) {
                return unknown(e.errno(), e.getMessage());
            } catch (HopException e) {
                return Readout.unknown(Unknown.Reason.IO_ERROR, e.getMessage());
            }
        }
        if (last == null) return Readout.unknown(Unknown.Reason.IO_ERROR, "no path leads to it");
        return unknown(last.errno(), last.getMessage());
    }

    private static Readout<NsFacts> unknown(Errno e, String detail) {
        Unknown.Reason r = e.meansPermission()
                ? Unknown.Reason.PERMISSION
                : e.meansVanished() ? Unknown.Reason.EXITING : Unknown.Reason.IO_ERROR;
        return Readout.unknown(r, detail);
    }

    /** Runs on the hop thread, inside the namespace: starts no thread. */
    private Readout<NsFacts> inside(NsKind kind, Path proc, Path via) {
        try {
            return switch (kind) {
                case UTS ->
                    Readout.of(new NsFacts.Uts(
                            FactsText.oneLine(text(proc.resolve("sys/kernel/hostname"))),
                            FactsText.oneLine(text(proc.resolve("sys/kernel/domainname")))));
                case IPC ->
                    Readout.of(new NsFacts.Ipc(
                            FactsText.sysvipcCount(text(proc.resolve("sysvipc/shm"))),
                            FactsText.sysvipcCount(text(proc.resolve("sysvipc/sem"))),
                            FactsText.sysvipcCount(text(proc.resolve("sysvipc/msg")))));
                case NET -> Readout.of(net(new NetlinkRoute(kernel).dump()));
                case CGROUP -> cgroupInside(via);
                default ->
                    Readout.unknown(
                            Unknown.Reason.NOT_PROVIDED, kind.label() + " facts are not read inside the namespace");
            };
        } catch (KernelException e) {
            return unknown(e.errno(), e.getMessage());
        } catch (IOException e) {
            return unknown(Errno.of(e), e.toString());
        } catch (Malformed e) {
            return Readout.unknown(Unknown.Reason.MALFORMED, e.getMessage());
        }
    }

    /**
     * A member task's /proc/TGID/task/TID/cgroup read from inside its cgroup
     * namespace: the kernel writes each path relative to the reader's
     * namespace root. via is that task's ns/cgroup link.
     */
    private static Readout<NsFacts> cgroupInside(Path via) throws IOException, Malformed {
        Path ns = via.getParent();
        if (ns == null || !ns.getFileName().toString().equals("ns"))
            return Readout.unknown(Unknown.Reason.NOT_PROVIDED, "no member task to read the namespace's root through");
        Path task = ns.getParent();
        int tid = Integer.parseInt(task.getFileName().toString());
        return Readout.of(new NsFacts.Cgroup(
                tid, nscope.probes.parse.CgroupText.procLines(text(task.resolve("cgroup"))), List.of()));
    }

    /**
     * One read with a large buffer (LiveFiles.read): Files.readAllBytes reads
     * a size-0 file one byte first, and sysctl files that are not strings
     * answer a read past offset 0 with EOF.
     */
    private static String text(Path p) throws IOException {
        return new String(FILES.read(p), StandardCharsets.UTF_8);
    }

    private static final LiveFiles FILES = new LiveFiles();

    static NsFacts.Net net(NetlinkRoute.Dump d) {
        List<NsFacts.Interface> out = new ArrayList<>();
        for (NetlinkRoute.Link l : d.links()) {
            List<String> addrs = new ArrayList<>();
            for (int family : new int[] {2, 10})
                for (NetlinkRoute.Addr a : d.addrs())
                    if (a.index() == l.index() && a.family() == family) addrs.add(a.toString());
            out.add(new NsFacts.Interface(
                    l.index(), l.name(), l.flags(), l.operstate(), l.mtu(), l.mac(), l.link(), l.linkNetnsId(), addrs));
        }
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new NsFacts.Net(out);
    }
}
