package nscope.probes.phase;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.read.MountTables;
import nscope.probes.read.TaskReader;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;

/**
 * One scan in the making: the host it reads, and what its phases have
 * found so far. Each phase reads what the phases before it left here and
 * adds its part; {@link #snapshot()} makes the immutable result. Made for
 * one collection and dropped after it. Not thread-safe: the phases run one
 * after the other, and one that reads in parallel merges on its own thread.
 */
public final class Scan {
    private final Host host;
    private final Scope scope;
    private final TaskReader reader;
    private final Instant at = Instant.now();
    private final List<ScanProblem> problems = new ArrayList<>();
    private List<Integer> tgids = List.of();
    private Map<Integer, Task> tasks = new HashMap<>();
    private Map<NsId, Namespace> namespaces = new TreeMap<>();
    private MountTables.Result mounts;
    private Map<NsId, Readout<NsRelations>> relations = Map.of();
    private final Map<NsId, Readout<NsFacts>> facts = new TreeMap<>();
    private Cgroups cgroups = Cgroups.NONE;
    private long cgroupNanos = -1;
    private Map<Long, String> userNames = Map.of();
    private Readout<Instant> bootTime =
            Readout.unknown(nscope.probes.readout.Unknown.Reason.NOT_PROVIDED, "the boot time was not read");

    /**
     * @param reader reads thread groups and knows each namespace by its nsfs
     *               inode; shared by every phase that meets a namespace file
     */
    public Scan(Host host, Scope scope, TaskReader reader) {
        this.host = host;
        this.scope = scope;
        this.reader = reader;
    }

    public Host host() {
        return host;
    }

    public Scope scope() {
        return scope;
    }

    public TaskReader reader() {
        return reader;
    }

    /** What could not be read so far, and why; phases add to it. */
    public List<ScanProblem> problems() {
        return problems;
    }

    /** The thread groups listed in /proc, sorted (the tasks phase). */
    public List<Integer> tgids() {
        return tgids;
    }

    public void tgids(List<Integer> tgids) {
        this.tgids = tgids;
    }

    /** Every task read, by TID (the tasks phase). */
    public Map<Integer, Task> tasks() {
        return tasks;
    }

    public void tasks(Map<Integer, Task> tasks) {
        this.tasks = tasks;
    }

    /** Every namespace known so far, by id: phases after the namespaces phase add those they find. */
    public Map<NsId, Namespace> namespaces() {
        return namespaces;
    }

    public void namespaces(Map<NsId, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    /** Each mount namespace's table (the mount tables phase); null when it did not run. */
    public MountTables.Result mounts() {
        return mounts;
    }

    public void mounts(MountTables.Result mounts) {
        this.mounts = mounts;
    }

    public Map<NsId, Readout<NsRelations>> relations() {
        return relations;
    }

    public void relations(Map<NsId, Readout<NsRelations>> relations) {
        this.relations = relations;
    }

    /** What each namespace holds, by id: the cgroup, facts and mount facts phases each add theirs. */
    public Map<NsId, Readout<NsFacts>> facts() {
        return facts;
    }

    public Cgroups cgroups() {
        return cgroups;
    }

    public void cgroups(Cgroups cgroups) {
        this.cgroups = cgroups;
    }

    /** How long the cgroup phase took, in nanoseconds; -1 when it did not run. */
    public long cgroupNanos() {
        return cgroupNanos;
    }

    public void cgroupNanos(long nanos) {
        this.cgroupNanos = nanos;
    }

    public void userNames(Map<Long, String> userNames) {
        this.userNames = userNames;
    }

    /** When the host booted (the last phase reads it with the user names). */
    public void bootTime(Readout<Instant> bootTime) {
        this.bootTime = bootTime;
    }

    /** Everything the phases found, as one immutable snapshot taken when the scan began. */
    public Snapshot snapshot() {
        return snapshot(at);
    }

    /** Everything the phases found, as one immutable snapshot taken at the given time (a refresh: when it ends). */
    public Snapshot snapshot(Instant takenAt) {
        return new Snapshot(
                takenAt,
                host.label(),
                scope,
                tasks,
                namespaces,
                userNames,
                problems,
                relations,
                facts,
                cgroups,
                bootTime);
    }

    /** A few paths that lead to a namespace: member tasks' links, then pending ones', then descriptors and bind mounts. */
    public List<Path> paths(Namespace n) {
        List<Path> out = new ArrayList<>();
        Path proc = host.roots().proc();
        for (int tid : n.tasks()) {
            if (out.size() >= 3) break;
            Task t = tasks.get(tid);
            out.add(proc.resolve(Integer.toString(t.tgid()))
                    .resolve("task")
                    .resolve(Integer.toString(tid))
                    .resolve("ns")
                    .resolve(NsLink.of(n.kind()).fileName()));
        }
        for (int tid : n.pendingFor()) {
            if (out.size() >= 4) break;
            Task t = tasks.get(tid);
            String link = n.kind() == NsKind.PID ? "pid_for_children" : "time_for_children";
            out.add(proc.resolve(Integer.toString(t.tgid()))
                    .resolve("task")
                    .resolve(Integer.toString(tid))
                    .resolve("ns")
                    .resolve(link));
        }
        for (Holder h : n.holders()) {
            if (h instanceof Holder.Fd fd)
                out.add(proc.resolve(Integer.toString(fd.pid())).resolve("fd").resolve(Integer.toString(fd.fd())));
            else if (h instanceof Holder.Mount m)
                out.add(rootOf(m.viaPid()).resolve(m.mountPoint().substring(1)));
        }
        return out;
    }

    /** /proc/PID/root: that process's root, where its mount namespace's paths lead. */
    public Path rootOf(int pid) {
        return host.roots().proc().resolve(Integer.toString(pid)).resolve("root");
    }
}
