package nscope.probes.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nscope.kernel.Errno;
import nscope.probes.model.Ids;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsLinks;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.parse.Cmdline;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;
import nscope.probes.parse.PidName;
import nscope.probes.parse.StatLine;
import nscope.probes.parse.StatusFields;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.Host;
import nscope.probes.source.TaskFiles;

/**
 * Reads one thread group: its tasks and their namespace links (for the tasks phase).
 * A task that vanishes while we read it is dropped; anything else that
 * fails becomes an {@link Unknown} or a {@link ScanProblem}. Thread-safe:
 * groups are read in parallel.
 */
public final class TaskReader {
    /** What one thread group gave: its tasks (none if it vanished) and problems. */
    public record Group(List<Task> tasks, List<ScanProblem> problems) {}

    private final Host host;
    private final Scope scope;
    /**
     * nsfs inode to its namespace, made on first sight (one stat for the
     * device) and shared by every task in it: 120,000 links, 1,400 objects.
     */
    private final Map<Long, Readout<NsId>> byIno = new ConcurrentHashMap<>();
    /** Each set of links met, shared by the tasks that hold it; let go with the namespaces. */
    private final Map<NsLinks, NsLinks> linkSets = new ConcurrentHashMap<>();
    /** Each user's and group's ids met, one Readout each; let go with the namespaces. */
    private final Map<Readout<Ids>, Readout<Ids>> idsSeen = new ConcurrentHashMap<>();

    public TaskReader(Host host, Scope scope) {
        this(host, scope, true);
    }

    /** @param links whether to read the namespace links (not for the live screen's first frame) */
    public TaskReader(Host host, Scope scope, boolean links) {
        this.host = host;
        this.scope = scope;
        this.linkNames = links ? LINK_NAMES : new String[0];
    }

    private final String[] linkNames;

    /** Why a task's links are unknown in a scan that does not read them. */
    public static final String LINKS_NOT_READ = "not read yet: the first frame shows processes before their namespaces";

    public Group readGroup(int tgid) {
        Path dir = host.roots().proc().resolve(Integer.toString(tgid));
        List<ScanProblem> problems = new ArrayList<>();
        if (scope == Scope.PROCESSES) {
            // only the leader, as lsns reads /proc/PID; through task/PID so fixtures serve both scopes
            String self = Integer.toString(tgid);
            Path taskDir = dir.resolve("task").resolve(self);
            TaskFiles files = host.files().readTaskWithCmdline(taskDir, linkNames);
            Readout<List<String>> cmdline = cmdline(files, dir, problems);
            Task t = readTask(tgid, tgid, files, () -> taskDir, cmdline, problems, null);
            return new Group(t == null ? List.of() : List.of(t), problems);
        }
        Path taskDir = dir.resolve("task");
        List<Task> tasks = new ArrayList<>();
        // the command line, which the first task listed carries (read once the listing is open)
        List<Readout<List<String>>> cmdline = new ArrayList<>(1);
        try {
            host.files().eachTaskWithCmdline(taskDir, linkNames, (n, files) -> {
                if (cmdline.isEmpty()) cmdline.add(cmdline(files, dir, problems));
                int tid = PidName.parse(n);
                if (tid <= 0) return;
                Task before = tasks.isEmpty() ? null : tasks.get(tasks.size() - 1);
                Task t = readTask(tgid, tid, files, () -> taskDir.resolve(n), cmdline.get(0), problems, before);
                if (t != null) tasks.add(t);
            });
        } catch (IOException e) {
            if (!Errno.of(e).meansVanished()) problems.add(Failures.problem(taskDir, e));
            return new Group(List.of(), problems);
        }
        return new Group(tasks, problems);
    }

    /** Forgets namespaces seen so far (their inodes can be reused by new ones once they are freed). */
    public void forgetNamespaces() {
        byIno.clear();
        linkSets.clear();
        idsSeen.clear();
    }

    /** Namespaces and sets of links known: what {@link #forgetNamespaces} lets go. */
    public int namespacesKnown() {
        return byIno.size() + linkSets.size() + idsSeen.size();
    }

    /** The command line read with a task (PID/cmdline), or why it is unknown. */
    private static Readout<List<String>> cmdline(TaskFiles files, Path dir, List<ScanProblem> problems) {
        if (files.cmdline() != null) return Readout.of(Cmdline.parse(files.cmdline()));
        IOException e = files.cmdlineError() != null
                ? files.cmdlineError()
                : new IOException("the command line was not read with the task");
        Unknown u = Failures.unknown(e);
        if (u.reason() != Reason.EXITING)
            problems.add(new ScanProblem(dir.resolve("cmdline").toString(), u));
        return Readout.unknown(u);
    }

    private static final NsLink[] LINKS = NsLink.values();
    private static final String[] LINK_NAMES =
            java.util.Arrays.stream(LINKS).map(NsLink::fileName).toArray(String[]::new);

    /**
     * One task from its files, or null when it vanished or its stat cannot be
     * read. {@code at} names its directory, made only for a message or a
     * namespace seen for the first time (a path per task costs more than its parse).
     */
    private Task readTask(
            int tgid,
            int tid,
            TaskFiles files,
            java.util.function.Supplier<Path> at,
            Readout<List<String>> cmdline,
            List<ScanProblem> problems,
            Task before) {
        IOException failed = files.statError() != null ? files.statError() : files.statusError();
        if (failed != null) {
            if (!Errno.of(failed).meansVanished()) problems.add(Failures.problem(at.get(), failed));
            return null;
        }
        StatLine stat;
        try {
            stat = StatLine.parse(files.stat(), files.statLength());
        } catch (Malformed m) {
            problems.add(new ScanProblem(
                    at.get().resolve("stat").toString(), new Unknown(Reason.MALFORMED, m.getMessage())));
            return null;
        }
        Readout<Ids> uids, gids;
        Readout<List<Integer>> nsPid, nsTgid, nsPgid, nsSid;
        try {
            StatusFields s = StatusFields.parse(files.status(), files.statusLength());
            java.util.function.Supplier<String> where =
                    () -> at.get().resolve("status").toString();
            uids = field(s.uid(), where, "Uid");
            gids = field(s.gid(), where, "Gid");
            nsPid = field(s.nsPid(), where, "NSpid");
            nsTgid = field(s.nsTgid(), where, "NStgid");
            nsPgid = field(s.nsPgid(), where, "NSpgid");
            nsSid = field(s.nsSid(), where, "NSsid");
            if (s.tgid() != null && s.tgid() != tgid)
                problems.add(new ScanProblem(
                        where.get(), new Unknown(Reason.MALFORMED, "Tgid " + s.tgid() + " under /proc/" + tgid)));
        } catch (Malformed m) {
            Readout<?> bad = Readout.unknown(Reason.MALFORMED, m.getMessage());
            problems.add(new ScanProblem(at.get().resolve("status").toString(), bad.why()));
            uids = cast(bad);
            gids = cast(bad);
            nsPid = cast(bad);
            nsTgid = cast(bad);
            nsPgid = cast(bad);
            nsSid = cast(bad);
        }
        // one object for what a process's threads share, and for each user's ids
        if (uids.known()) uids = one(idsSeen, uids);
        if (gids.known()) gids = one(idsSeen, gids);
        String comm = stat.comm();
        if (before != null) {
            comm = shared(comm, before.comm());
            nsTgid = shared(nsTgid, before.nsTgid());
            nsPgid = shared(nsPgid, before.nsPgid());
            nsSid = shared(nsSid, before.nsSid());
        }
        NsLinks links = before == null ? null : (NsLinks) before.namespaces();
        Readout<NsId>[] ns = NsLinks.slots();
        for (int i = 0; i < LINKS.length; i++) {
            if (i >= linkNames.length) {
                ns[i] = NOT_READ;
                continue;
            }
            Readout<NsId> r = files.linkRead(i)
                    ? parseNs(at, LINKS[i], files, i, links)
                    : failedNs(at.get().resolve("ns").resolve(LINK_NAMES[i]), LINKS[i], stat.state(), files, i);
            if (r == null) return null; // the task is gone
            ns[i] = r;
        }
        return new Task(
                tid,
                tgid,
                stat.ppid(),
                stat.state(),
                comm,
                stat.startTime(),
                stat.pgrp(),
                stat.session(),
                stat.kernelThread(),
                uids,
                gids,
                nsPid,
                nsTgid,
                nsPgid,
                nsSid,
                cmdline,
                one(linkSets, NsLinks.ofSlots(ns)));
    }

    /** Theirs when equal to mine: one object for what the task read before in this group holds too. */
    private static <T> T shared(T mine, T theirs) {
        return mine.equals(theirs) ? theirs : mine;
    }

    /** The one instance of v met so far (kept in seen: a set of links, a user's ids). */
    private static <T> T one(Map<T, T> seen, T v) {
        T was = seen.putIfAbsent(v, v);
        return was != null ? was : v;
    }

    private static final Readout<NsId> NOT_READ = Readout.unknown(Reason.NOT_PROVIDED, LINKS_NOT_READ);

    /** What the kernel answers for pid_for_children before the new pid namespace has a PID 1. */
    public static final String NO_PID1_YET = "the new pid namespace has no PID 1 yet: the next child becomes PID 1"
            + " (the kernel shows pid_for_children only once it has one: ENOENT until then)";

    /** Why a link could not be read, or null if the task vanished. */
    private Readout<NsId> failedNs(Path p, NsLink link, char state, TaskFiles files, int i) {
        IOException e = files.linkError(i);
        Errno errno = Errno.of(e);
        if (errno.meansPermission()) return Readout.unknown(Reason.PERMISSION, p + ": " + errno.name());
        if (errno.meansVanished()) {
            if (state == 'Z' || state == 'X')
                return Readout.unknown(Reason.EXITING, "zombie: the kernel released its namespaces");
            if (!exists(p.getParent().getParent().resolve("stat"))) return null;
            if (!exists(p))
                return Readout.unknown(Reason.NOT_PROVIDED, "this kernel has no " + link.fileName() + " link");
            if (link == NsLink.PID_FOR_CHILDREN && namespacesHeld(files))
                return Readout.unknown(Reason.NO_PID1_YET, NO_PID1_YET);
            return Readout.unknown(Reason.EXITING, "task is exiting");
        }
        return Readout.unknown(Reason.IO_ERROR, p + ": " + errno.name() + " " + e.getMessage());
    }

    /**
     * Whether the task still held its namespaces when pid_for_children was
     * read: its uts link, read after it in the same batch, was read (an
     * exiting task lets go of all of them at once, and never gets them back).
     * Then ENOENT from pid_for_children means its new pid namespace has no
     * PID 1 yet, not that the task is exiting.
     */
    private static boolean namespacesHeld(TaskFiles files) {
        return files.linkRead(NsLink.UTS.ordinal());
    }

    /** The namespace a link's text names; its device from one stat per namespace. */
    private Readout<NsId> parseNs(
            java.util.function.Supplier<Path> at, NsLink link, TaskFiles files, int i, NsLinks before) {
        NsLinkText parsed;
        try {
            parsed = files.target(i);
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, m.getMessage());
        }
        if (parsed.kind() != link.kind())
            return Readout.unknown(
                    Reason.MALFORMED,
                    at.get().resolve("ns").resolve(link.fileName()) + " points to a "
                            + parsed.kind().label() + " namespace");
        // the task read before in this group (its threads mostly share their links): no boxed inode to look up
        Readout<NsId> was = before == null ? null : before.get(link);
        if (was != null && was.known() && was.get().ino() == parsed.inode()) return was;
        Readout<NsId> known = byIno.get(parsed.inode());
        if (known != null) return known; // as identify does, without the path it needs only on first sight
        return identify(parsed.inode(), at.get().resolve("ns").resolve(link.fileName()), parsed.text());
    }

    /**
     * The namespace with this nsfs inode, as one shared object; on first
     * sight its device comes from stat(2) of {@code via}, a link or fd that
     * points to it.
     */
    public Readout<NsId> identify(long ino, Path via, String text) {
        Readout<NsId> known = byIno.get(ino);
        if (known != null) return known;
        try {
            long[] di = host.files().nsDevIno(via, ino);
            if (di[1] != ino) return Readout.unknown(Reason.EXITING, via + " changed while read (task exiting)");
            Readout<NsId> r = Readout.of(new NsId(di[0], ino));
            Readout<NsId> raced = byIno.putIfAbsent(ino, r);
            return raced != null ? raced : r;
        } catch (IOException e) {
            return Readout.unknown(
                    Reason.EXITING,
                    "namespace " + text + " gone before stat: " + Errno.of(e).name());
        }
    }

    private boolean exists(Path p) {
        return host.files().exists(p);
    }

    private static <T> Readout<T> field(T value, java.util.function.Supplier<String> where, String name) {
        return value != null
                ? Readout.of(value)
                : Readout.unknown(Reason.NOT_PROVIDED, where.get() + " has no " + name + " line");
    }

    @SuppressWarnings("unchecked")
    private static <T> Readout<T> cast(Readout<?> r) {
        return (Readout<T>) r;
    }
}
