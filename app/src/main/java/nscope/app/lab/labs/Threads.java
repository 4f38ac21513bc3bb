package nscope.app.lab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;
import nscope.kernel.Errno;

/**
 * Threads are tasks: one TGID, a TID each; one thread alone in another
 * network namespace and in another v1 cgroup; v2 refuses a lone thread
 * outside threaded mode.
 */
public final class Threads {
    private Threads() {}

    private static final String SEED3 = "seed 003 (\"both threads and processes are tasks\")";
    private static final String SEED1 =
            "seed 001 (v1: \"Writing a thread ID into this file moves the thread into this cgroup\")";
    private static final String SEED1_V2 = "seed 001 (\"the ability to independently manipulate the cgroup"
            + " memberships of the threads in a process was removed in the initial cgroups v2 implementation\")";
    private static final String SEED1_THREADED = "seed 001 (\"thread mode allows threads to be spread across a"
            + " subtree while still maintaining the common resource domain\"; threaded controllers: cpu,"
            + " perf_event, pids)";

    public static final Lab LAB = new Lab(
            "threads",
            "a process is a group of tasks: one TGID, a TID per thread, and a thread can go where its process does not",
            "seed 003, seed 001",
            HostAbilities.rootAnd("ip").and(HostAbilities.v1("pids")),
            List.of(
                    new Step(
                            "one process, four tasks",
                            "A process starts three threads. Each is a task of its own under /proc/PID/task, with"
                                    + " its own Pid and the process's Tgid.",
                            List.of(
                                    "nscope-init lab puppet",
                                    "threads 3",
                                    "ls /proc/PID/task",
                                    "grep -E" + " 'Tgid|^Pid' /proc/PID/task/*/status"),
                            "The kernel schedules tasks: a new thread is a task that shares its process's"
                                    + " memory and files, gets its own kernel PID (the TID) and inherits the TGID,"
                                    + " the first thread's PID, which getpid() returns. Listing /proc shows thread"
                                    + " groups only, yet /proc/TID opens. " + SEED3 + "; seed 001 (\"what you (as a"
                                    + " user) calls a PID (process ID) is not what the kernel calls a PID\")",
                            Threads::tasks),
                    new Step(
                            "one thread into another network namespace",
                            "A named network namespace is made, and the first thread alone joins it with setns;"
                                    + " the other tasks stay in the host's.",
                            List.of("ip netns add NAME", "thread-setns 0 /run/netns/NAME"),
                            "Namespaces hang off each task (its nsproxy), not off the process, so setns moves only"
                                    + " the calling thread. /proc/PID/ns/net is the leader's link; the thread's own"
                                    + " is under /proc/PID/task/TID/ns. Seed 000: readlink /proc/*/task/*/ns/*"
                                    + " lists every namespace in use, thread by thread.",
                            Threads::netns),
                    new Step(
                            "one thread into a v1 cgroup",
                            "A cgroup is made in the v1 pids hierarchy and the second thread's TID is written into"
                                    + " its tasks file.",
                            List.of("mkdir /sys/fs/cgroup/pids/NAME", "echo TID > /sys/fs/cgroup/pids/NAME/tasks"),
                            "In cgroup v1 the unit is the task: 'tasks' lists thread IDs and writing one moves that"
                                    + " thread alone, while 'cgroup.procs' lists thread group IDs, so the process"
                                    + " shows up there as soon as any of its threads is in. " + SEED1,
                            Threads::v1),
                    new Step(
                            "v2 refuses a lone thread",
                            "A domain cgroup is made on the v2 hierarchy and the third thread's TID is written into"
                                    + " its cgroup.threads.",
                            List.of("mkdir /sys/fs/cgroup/unified/LAB/NAME", "echo TID > .../NAME/cgroup.threads"),
                            "cgroup v2 dropped v1's free splitting: it made no sense for memory, which all threads"
                                    + " share. A thread may move only within its own threaded subtree (the same"
                                    + " resource domain), and two domain cgroups are two domains, so the kernel"
                                    + " refuses with EOPNOTSUPP. " + SEED1_V2,
                            Threads::v2Refused),
                    new Step(
                            "threaded mode allows it",
                            "The process is moved into that cgroup, a child is made and set to \"threaded\", and"
                                    + " the third thread's TID is written into the child's cgroup.threads.",
                            List.of(
                                    "echo PID > .../NAME/cgroup.procs",
                                    "mkdir .../NAME/CHILD",
                                    "echo threaded > .../NAME/CHILD/cgroup.type",
                                    "echo TID > .../NAME/CHILD/cgroup.threads"),
                            "A threaded child joins its parent's resource domain, which becomes a 'domain"
                                    + " threaded' cgroup: threads may then be spread across the subtree, and only"
                                    + " threaded controllers (cpu, pids, perf_event) work there. cgroup.procs of the"
                                    + " domain still lists the process; the threaded child has no cgroup.procs to"
                                    + " read. " + SEED1_THREADED,
                            Threads::v2Threaded)));

    private static void tasks(LabRun r) throws Exception {
        Puppet p = r.puppet();
        r.keep("puppet", p);
        String got = p.send1("threads 3", "threads");
        List<Integer> tids = Arrays.stream(got.replaceFirst("^threads\\s*", "").split("\\s+"))
                .filter(w -> w.matches("\\d+"))
                .map(Integer::valueOf)
                .toList();
        if (tids.size() != 3) throw new IOException("the helper started no threads: " + got);
        r.keep("tids", tids);
        List<Integer> want = new ArrayList<>(List.of(p.pid));
        want.addAll(tids);
        List<Integer> listed;
        try (Stream<Path> in = Files.list(Path.of("/proc", Integer.toString(p.pid), "task"))) {
            listed = in.map(t -> Integer.valueOf(t.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        r.expect(
                "/proc/" + p.pid + "/task holds the leader and its 3 threads",
                listed.equals(want.stream().sorted().toList()),
                "ls /proc/" + p.pid + "/task: " + join(listed));
        boolean same = true;
        List<String> seen = new ArrayList<>();
        for (int t : want) {
            String tgid = taskStatus(p.pid, t, "Tgid"), pid = taskStatus(p.pid, t, "Pid");
            same &= tgid.equals(Integer.toString(p.pid)) && pid.equals(Integer.toString(t));
            seen.add("task " + t + ": Tgid " + tgid + " Pid " + pid);
        }
        r.expect(
                "every task has the process's PID as its Tgid and its own TID as its Pid",
                same,
                String.join("; ", seen));
        List<String> top;
        try (Stream<Path> in = Files.list(Path.of("/proc"))) {
            top = in.map(d -> d.getFileName().toString()).toList();
        }
        boolean leaderListed = top.contains(Integer.toString(p.pid));
        boolean threadsListed = tids.stream().anyMatch(t -> top.contains(Integer.toString(t)));
        boolean threadsOpen = tids.stream().allMatch(Proc::exists);
        r.expect(
                "ls /proc shows the leader only, yet /proc/TID opens",
                leaderListed && !threadsListed && threadsOpen,
                "/proc/" + p.pid + (leaderListed ? " listed" : " not listed") + "; " + tids.size() + " TIDs "
                        + (threadsListed ? "listed" : "not listed") + "; /proc/" + tids.get(0)
                        + (threadsOpen ? " opens" : " does not open"));
        r.focus(Focus.task(p.pid));
    }

    private static void netns(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        int tid = tids(r).get(0);
        String name = r.netns("net");
        r.must("ip", "netns", "add", name);
        long made = (Long) Files.getAttribute(Path.of("/run/netns", name), "unix:ino");
        String ans = p.send1("thread-setns 0 /run/netns/" + name, "thread-setns");
        r.expect("setns moved the thread", ans.equals("thread-setns ok " + tid), ans);
        long thread = taskNs(p.pid, tid, "net"), leader = taskNs(p.pid, p.pid, "net");
        long host = Proc.ns((int) ProcessHandle.current().pid(), "net");
        r.expect(
                "the thread's net link is the new namespace",
                thread == made && thread != leader,
                "/proc/" + p.pid + "/task/" + tid + "/ns/net net:[" + thread + "], /run/netns/" + name + " inode "
                        + made);
        r.expect(
                "the leader, and /proc/PID/ns/net with it, stays in the host's",
                leader == host && Proc.ns(p.pid, "net") == host,
                "/proc/" + p.pid + "/ns/net net:[" + Proc.ns(p.pid, "net") + "], nscope's net:[" + host + "]");
        r.focus(Focus.ns("net", made));
    }

    private static void v1(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        int tid = tids(r).get(1);
        Path cg = r.cgroupV1("pids", "thread");
        String rel = "/" + cg.getFileName();
        String err = r.write(cg.resolve("tasks"), Integer.toString(tid));
        r.expect("the kernel took the TID", err.isEmpty(), err.isEmpty() ? "written" : err);
        String thread = cgroupLine(p.pid, tid, "pids"), leader = cgroupLine(p.pid, p.pid, "pids");
        r.expect(
                "the thread's pids line names the new cgroup, the leader's does not",
                thread.endsWith(":" + rel) && !leader.endsWith(":" + rel),
                "task " + tid + ": " + thread + "; task " + p.pid + ": " + leader);
        List<String> tasks = lines(cg.resolve("tasks")), procs = lines(cg.resolve("cgroup.procs"));
        r.expect(
                "tasks lists the TID, cgroup.procs the process's TGID",
                tasks.equals(List.of(Integer.toString(tid))) && procs.equals(List.of(Integer.toString(p.pid))),
                "tasks: " + String.join(" ", tasks) + "; cgroup.procs: " + String.join(" ", procs));
        r.focus(Focus.cgroup("pids", rel));
    }

    private static void v2Refused(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        int tid = tids(r).get(2);
        Path dom = r.cgroupV2("dom");
        r.keep("dom", dom);
        r.expect(
                "the new cgroup is a domain",
                "domain".equals(Proc.read(dom.resolve("cgroup.type"))),
                "cgroup.type: " + Proc.read(dom.resolve("cgroup.type")));
        String err = r.write(dom.resolve("cgroup.threads"), Integer.toString(tid));
        r.expect(
                "the kernel refuses the lone thread with EOPNOTSUPP",
                err.equals("EOPNOTSUPP"),
                err.isEmpty() ? "it was taken" : err);
        String thread = cgroupLine(p.pid, tid, ""), leader = cgroupLine(p.pid, p.pid, "");
        r.expect(
                "the thread stays with its process",
                thread.equals(leader),
                "task " + tid + ": " + thread + "; task " + p.pid + ": " + leader);
        r.focus(Focus.cgroup("v2", v2Path(r, dom)));
    }

    private static void v2Threaded(LabRun r) throws Exception {
        Puppet p = r.kept("puppet", Puppet.class);
        int tid = tids(r).get(2);
        Path dom = r.kept("dom", Path.class);
        String err = r.write(dom.resolve("cgroup.procs"), Integer.toString(p.pid));
        if (!err.isEmpty()) throw new IOException("the process could not move into " + dom + ": " + err);
        Path thr = r.cgroupIn(dom, "thr");
        err = r.write(thr.resolve("cgroup.type"), "threaded");
        String domType = Proc.read(dom.resolve("cgroup.type")), thrType = Proc.read(thr.resolve("cgroup.type"));
        r.expect(
                "the child is threaded, its parent a threaded domain",
                err.isEmpty() && "threaded".equals(thrType) && "domain threaded".equals(domType),
                "child cgroup.type: " + thrType + "; parent cgroup.type: " + domType
                        + (err.isEmpty() ? "" : "; " + err));
        err = r.write(thr.resolve("cgroup.threads"), Integer.toString(tid));
        String thread = cgroupLine(p.pid, tid, ""), leader = cgroupLine(p.pid, p.pid, "");
        r.expect(
                "now the thread alone moves",
                err.isEmpty() && thread.endsWith("/" + thr.getFileName()) && leader.endsWith("/" + dom.getFileName()),
                (err.isEmpty() ? "" : err + "; ") + "task " + tid + ": " + thread + "; task " + p.pid + ": " + leader);
        List<String> threads = lines(thr.resolve("cgroup.threads")), procs = lines(dom.resolve("cgroup.procs"));
        String childProcs;
        try {
            childProcs = Files.readString(thr.resolve("cgroup.procs")).strip();
        } catch (IOException e) {
            childProcs = "unreadable: " + Errno.of(e).name();
        }
        r.expect(
                "the child's cgroup.threads lists the TID, the domain's cgroup.procs the process, the child has none",
                threads.equals(List.of(Integer.toString(tid)))
                        && procs.equals(List.of(Integer.toString(p.pid)))
                        && childProcs.equals("unreadable: EOPNOTSUPP"),
                "child cgroup.threads: " + String.join(" ", threads) + "; parent cgroup.procs: "
                        + String.join(" ", procs) + "; child cgroup.procs: " + childProcs);
        r.focus(Focus.cgroup("v2", v2Path(r, thr)));
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> tids(LabRun r) {
        return r.kept("tids", List.class);
    }

    /** A field of /proc/PID/task/TID/status. */
    private static String taskStatus(int pid, int tid, String key) throws IOException {
        for (String l :
                Files.readAllLines(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "status")))
            if (l.startsWith(key + ":")) return l.substring(key.length() + 1).strip();
        return "";
    }

    /** The inode of /proc/PID/task/TID/ns/TYPE, or -1. */
    private static long taskNs(int pid, int tid, String type) {
        try {
            String t = Files.readSymbolicLink(
                            Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "ns", type))
                    .toString();
            return Long.parseLong(t.substring(t.indexOf('[') + 1, t.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The line of /proc/PID/task/TID/cgroup for a v1 controller ("" = the v2 line, 0::PATH). */
    private static String cgroupLine(int pid, int tid, String controller) throws IOException {
        for (String l :
                Files.readAllLines(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "cgroup"))) {
            String[] f = l.split(":", 3);
            if (f.length < 3) continue;
            if (controller.isEmpty()
                    ? f[0].equals("0") && f[1].isEmpty()
                    : Arrays.asList(f[1].split(",")).contains(controller)) return l;
        }
        return "(none)";
    }

    private static List<String> lines(Path p) {
        String t = Proc.read(p);
        return t == null || t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** A v2 cgroup's path as /proc/PID/cgroup names it (from the hierarchy's root). */
    private static String v2Path(LabRun r, Path cg) {
        return r.host().v2().map(root -> "/" + root.relativize(cg)).orElse(cg.toString());
    }

    private static String join(List<Integer> l) {
        return String.join(" ", l.stream().map(String::valueOf).toList());
    }
}
