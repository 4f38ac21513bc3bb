package nscope.probes.phase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Task;
import nscope.probes.parse.FactsText;
import nscope.probes.parse.Malformed;
import nscope.probes.read.Failures;
import nscope.probes.read.Liveness;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.probes.source.RelationReader;

/**
 * What each namespace holds (the data flow's step 6). uts, ipc and net are read inside the
 * namespace by the host's {@link nscope.probes.source.FactReader} (a hop live, the recorded file
 * in a fixture); pid, time and user from files of its members, through
 * {@link nscope.probes.source.HostFiles}, so a capture records them. mnt has its mount table
 * (the mount facts phase); cgroup its roots (the cgroup phase).
 */
public final class FactsPhase implements ScanPhase {
    /** ns_last_pid shows the reader's own pid namespace, whatever path leads to the file. */
    public static final String LAST_PID_ELSEWHERE =
            "the kernel shows ns_last_pid only for the reader's own pid namespace"
                    + " (through any path), and entering this one to read it would allocate a PID there";

    @Override
    public void run(Scan scan) {
        scan.facts().putAll(read(scan, scan.namespaces().keySet()));
    }

    /** The facts of these namespaces only (a refresh); veth peers are named among every network namespace. */
    public static Map<NsId, Readout<NsFacts>> read(Scan scan, Set<NsId> only) {
        Map<NsId, Namespace> namespaces = scan.namespaces();
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        Map<NsId, RelationReader.Start> hops = new TreeMap<>();
        for (NsId id : only) {
            Namespace n = namespaces.get(id);
            if (n == null) continue;
            switch (n.kind()) {
                case UTS, IPC, NET -> hops.put(n.id(), new RelationReader.Start(n.kind(), scan.paths(n)));
                case PID -> out.put(n.id(), pid(scan, n));
                case TIME -> out.put(n.id(), time(scan, n));
                case USER -> out.put(n.id(), user(scan, n));
                default -> {}
            }
        }
        if (!hops.isEmpty()) {
            // veth peers are named among every network namespace, not only those read now (paths only when a net one
            // is)
            Map<NsId, RelationReader.Start> nets = new TreeMap<>();
            if (hops.values().stream().anyMatch(st -> st.kind() == NsKind.NET))
                for (Namespace n : namespaces.values())
                    if (n.kind() == NsKind.NET)
                        nets.put(
                                n.id(),
                                hops.containsKey(n.id())
                                        ? hops.get(n.id())
                                        : new RelationReader.Start(n.kind(), scan.paths(n)));
            Host host = scan.host();
            Map<NsId, Readout<NsFacts>> read;
            try {
                read = host.files().facts().read(host.roots().proc(), hops, nets);
            } catch (RuntimeException e) { // e.g. a capture that could not write its file
                read = new TreeMap<>();
                for (NsId id : hops.keySet()) read.put(id, Readout.unknown(Unknown.Reason.IO_ERROR, e.toString()));
            }
            out.putAll(read);
        }
        return out;
    }

    /** Level from a member's NSpid; ns_last_pid only for level 0 (our own). */
    private static Readout<NsFacts> pid(Scan scan, Namespace n) {
        Integer level = null;
        for (int tid : n.tasks()) {
            Task t = scan.tasks().get(tid);
            if (t != null && t.nsPid().known() && !t.nsPid().get().isEmpty()) {
                level = t.nsPid().get().size() - 1;
                break;
            }
        }
        if (level == null) return Readout.unknown(Unknown.Reason.NOT_PROVIDED, "no member task whose NSpid was read");
        Readout<Long> last;
        if (level == 0) {
            Path f = scan.host().roots().proc().resolve("sys/kernel/ns_last_pid");
            try {
                last = Readout.of(Long.parseLong(FactsText.oneLine(text(scan.host(), f))));
            } catch (IOException e) {
                last = Failures.readout(f, e);
            } catch (Malformed | NumberFormatException e) {
                last = Readout.unknown(Unknown.Reason.MALFORMED, f + ": " + e.getMessage());
            }
        } else {
            last = Readout.unknown(Unknown.Reason.NOT_PROVIDED, LAST_PID_ELSEWHERE);
        }
        return Readout.of(new NsFacts.Pid(level, last));
    }

    /**
     * /proc/PID/timens_offsets shows the time namespace of PID's future
     * children (time_for_children), so it is read from a process whose
     * time_for_children link leads here.
     */
    private static Readout<NsFacts> time(Scan scan, Namespace n) {
        // such a process is a member (its children stay here) or bound for it (pendingFor); lowest PIDs first
        java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>(n.processes());
        candidates.addAll(n.pendingFor());
        List<Integer> via = new ArrayList<>();
        for (int tid : candidates) {
            Task t = scan.tasks().get(tid);
            if (t == null || !t.leader() || via.size() >= 3) continue;
            Readout<NsId> r = t.ns(NsLink.TIME_FOR_CHILDREN);
            if (r.known() && r.get().equals(n.id())) via.add(t.tgid());
        }
        Host host = scan.host();
        return readVia(host, via, "no process whose time_for_children is this namespace", pid -> {
            Path f = proc(host, pid).resolve("timens_offsets");
            return FactsText.timensOffsets(text(host, f));
        });
    }

    /** uid_map, gid_map and setgroups of a member process. */
    private static Readout<NsFacts> user(Scan scan, Namespace n) {
        Host host = scan.host();
        return readVia(host, n.processes().subList(0, Math.min(3, n.processes().size())), "no member process", pid -> {
            Path d = proc(host, pid);
            return new NsFacts.User(
                    FactsText.idMap(text(host, d.resolve("uid_map"))),
                    FactsText.idMap(text(host, d.resolve("gid_map"))),
                    FactsText.setgroups(text(host, d.resolve("setgroups"))));
        });
    }

    private interface PerProcess {
        NsFacts read(int pid) throws IOException, Malformed;
    }

    /** The first process that answers; one that vanished gives way to the next. */
    private static Readout<NsFacts> readVia(Host host, List<Integer> pids, String none, PerProcess read) {
        Readout<NsFacts> last = Readout.unknown(Unknown.Reason.NOT_PROVIDED, none);
        for (int pid : pids) {
            try {
                return Readout.of(read.read(pid));
            } catch (IOException e) {
                last = Failures.readout(proc(host, pid), e);
                if (last.why().reason() != Unknown.Reason.EXITING) return last;
            } catch (Malformed e) {
                if (!Liveness.gone(host, proc(host, pid)))
                    return Readout.unknown(Unknown.Reason.MALFORMED, proc(host, pid) + ": " + e.getMessage());
                last = Readout.unknown(
                        Unknown.Reason.EXITING, proc(host, pid) + ": exited while read (" + e.getMessage() + ")");
            }
        }
        return last;
    }

    private static Path proc(Host host, int pid) {
        return host.roots().proc().resolve(Integer.toString(pid));
    }

    private static String text(Host host, Path f) throws IOException {
        return new String(host.files().read(f), StandardCharsets.UTF_8);
    }
}
