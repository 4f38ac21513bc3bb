package nscope.app.lab.labs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;
import nscope.probes.lens.LensReader;
import nscope.probes.lens.TaskLens;
import nscope.probes.readout.Readout;
import nscope.probes.source.Host;

/** Three nested pid namespaces: one process, three PIDs; ns_last_pid read from inside each, as nscope's lens does. */
public final class PidNested {
    private PidNested() {}

    private static final String NESTED = "seed 000 (namespace wrap-up: \"PID namespaces can be nested\", and a"
            + " process \"can see ... only processes contained in its own PID namespace and in descendants\")";
    private static final String UPID = "seed 003 (Linux primitives: struct pid holds a level and numbers[], one"
            + " struct upid {nr, ns} per pid namespace)";
    private static final String LAST = "seed 000 (namespace wrap-up: \"/proc/sys/kernel/ns_last_pid # the last PID"
            + " that was allocated in this PID namespace\")";
    private static final String KERNEL_FILE = "/proc/sys/kernel/ns_last_pid";

    public static final Lab LAB = new Lab(
            "pid-nested",
            "three nested pid namespaces: one process with three PIDs, and ns_last_pid at each level",
            "seed 000",
            HostAbilities.rootAnd("unshare", "nsenter", "cat"),
            List.of(
                    new Step(
                            "a pid namespace: the middle level",
                            "unshare --fork starts the helper as PID 1 of a new pid namespace, a child of the"
                                    + " host's.",
                            List.of("unshare --pid --fork -- nscope-init lab puppet"),
                            "Every new pid namespace is a child of the one its creator is in: here the host's."
                                    + " Its first process is PID 1 there and keeps its host PID as well. " + NESTED,
                            PidNested::middle),
                    new Step(
                            "a pid namespace inside it: the inner level",
                            "nsenter places unshare in the middle namespace, and unshare --fork starts a second"
                                    + " helper as PID 1 of a namespace nested in it.",
                            List.of("nsenter -t MIDDLE -p -- unshare --pid --fork -- nscope-init lab puppet"),
                            "Created from inside the middle namespace, the new one is its child: the helper gets a"
                                    + " number at each of the three levels, PID 1 only in the innermost. The kernel"
                                    + " allows 32 levels. " + NESTED,
                            PidNested::inner),
                    new Step(
                            "one process, three PIDs",
                            "The inner helper forks a child and starts a thread: each gets a number in each of"
                                    + " the three namespaces.",
                            List.of("fork", "threads 1"),
                            "A task's struct pid holds one number per level, from the host's namespace down to its"
                                    + " own; NSpid lists them host first. A thread has its own TID at every level,"
                                    + " and NStgid names its process at every level. " + UPID,
                            PidNested::threePids),
                    new Step(
                            "ns_last_pid at each level",
                            "cat reads ns_last_pid from inside the inner namespace, then the middle one, then the"
                                    + " host's, each placed there by nsenter -p.",
                            List.of(
                                    "nsenter -t INNER -p -- cat " + KERNEL_FILE,
                                    "nsenter -t MIDDLE -p -- cat " + KERNEL_FILE,
                                    "cat " + KERNEL_FILE + " (its PID noted)"),
                            "The kernel answers that file for the reader's own pid namespace, whatever path leads to"
                                    + " it, and nsenter -p moves only its child: so cat, forked into the namespace,"
                                    + " reads it there. cat itself took a PID at its level and every level above, so"
                                    + " it sees its own number. " + LAST,
                            PidNested::lastPids),
                    new Step(
                            "nscope's lens agrees",
                            "nscope's PID/TGID lens, what nscope explain CHILD shows, reads the child from within this"
                                    + " nscope.",
                            List.of("nscope explain CHILD --json"),
                            "The lens walks the child's pid namespace up to nscope's (NS_GET_PARENT) and reads"
                                    + " ns_last_pid at each level the same way, by a short-lived reader placed in"
                                    + " it: each of its readers took a PID too. " + LAST,
                            PidNested::lens)));

    private static void middle(LabRun r) throws Exception {
        Puppet mid = r.puppet("unshare", "--pid", "--fork", "--");
        r.keep("middle", mid);
        long ns = Proc.ns(mid.pid, "pid"),
                host = Proc.ns((int) ProcessHandle.current().pid(), "pid");
        r.keep("middle ns", ns);
        r.expect(
                "the helper is PID 1 of a new pid namespace",
                mid.levels.size() == 2 && mid.levels.get(1).equals("1") && ns != host,
                "its NSpid: " + String.join(" ", mid.levels) + "; pid:[" + ns + "], nscope's pid:[" + host + "]");
        r.focus(Focus.ns("pid", ns));
    }

    private static void inner(LabRun r) throws Exception {
        Puppet mid = r.kept("middle", Puppet.class);
        long middle = r.kept("middle ns", Long.class);
        Puppet in =
                r.puppet("nsenter", "-t", Integer.toString(mid.pid), "-p", "--", "unshare", "--pid", "--fork", "--");
        r.keep("inner", in);
        long ns = Proc.ns(in.pid, "pid");
        r.keep("inner ns", ns);
        r.expect(
                "it has three PIDs, 1 in the innermost",
                in.levels.size() == 3 && in.levels.get(2).equals("1"),
                "its NSpid: " + String.join(" ", in.levels));
        r.expect(
                "its pid namespace is a third one",
                ns > 0
                        && ns != middle
                        && ns != Proc.ns((int) ProcessHandle.current().pid(), "pid"),
                "pid:[" + ns + "], the middle is pid:[" + middle + "]");
        int unshare = Integer.parseInt(Proc.status(in.pid, "PPid"));
        r.expect(
                "its parent unshare is in the middle namespace and forks into the inner",
                Proc.ns(unshare, "pid") == middle && Proc.ns(unshare, "pid_for_children") == ns,
                "unshare (NSpid " + Proc.status(unshare, "NSpid") + "): pid:[" + Proc.ns(unshare, "pid")
                        + "], pid_for_children:[" + Proc.ns(unshare, "pid_for_children") + "]");
        r.focus(Focus.ns("pid", ns));
    }

    private static void threePids(LabRun r) throws Exception {
        Puppet in = r.kept("inner", Puppet.class);
        String child = in.send("fork", "fork").stream()
                .filter(l -> l.startsWith("child "))
                .findFirst()
                .orElse("child ?")
                .substring(6);
        String[] c = child.split(" ");
        if (c.length != 3) throw new IllegalStateException("the child's NSpid has not three numbers: " + child);
        int pid = Integer.parseInt(c[0]);
        r.keep("child", pid);
        String nspid = Proc.status(pid, "NSpid"), nstgid = Proc.status(pid, "NStgid");
        r.expect(
                "the child has three PIDs: host, middle, inner",
                nspid.equals(child) && c[2].equals("2"),
                "/proc/" + pid + "/status NSpid: " + nspid);
        r.expect("its NStgid is the same: it is its own process", nstgid.equals(nspid), "NStgid: " + nstgid);
        String t = in.send1("threads 1", "threads");
        // the helper names the thread by its TID in its own namespace; /proc (the host's) by the host's
        String inner = t.split(" ").length == 2 ? t.split(" ")[1] : "?";
        int tid = hostTid(in.pid, inner);
        String tpid = Proc.status(tid, "NSpid"), ttgid = Proc.status(tid, "NStgid");
        r.keep("last", tpid);
        r.expect(
                "a thread has three TIDs, and NStgid names its process at each level",
                tpid.split(" ").length == 3 && !tpid.equals(ttgid) && ttgid.equals(String.join(" ", in.levels)),
                "thread " + tid + ": NSpid " + tpid + ", NStgid " + ttgid);
        r.focus(Focus.task(pid));
    }

    /** The host TID of a thread of pid whose TID in the innermost namespace is inner; -1: none. */
    private static int hostTid(int pid, String inner) throws IOException {
        try (Stream<Path> ts = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path t : ts.toList()) {
                int tid = Integer.parseInt(t.getFileName().toString());
                if (Proc.status(tid, "NSpid").endsWith(" " + inner)) return tid;
            }
        }
        return -1;
    }

    private static void lastPids(LabRun r) throws Exception {
        Puppet in = r.kept("inner", Puppet.class), mid = r.kept("middle", Puppet.class);
        String[] last = r.kept("last", String.class).split(" "); // the thread's TIDs: the last numbers given out
        if (last.length != 3) throw new IllegalStateException("the thread's NSpid has not three numbers");
        long inner = probe(r, in.pid), middle = probe(r, mid.pid);
        // on the host others fork too: cat's own PID (what nscope started) bounds the figure from below
        Process cat = r.spawn("cat", KERNEL_FILE);
        long host = parse(new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        cat.waitFor();
        long max = Long.parseLong(Proc.read(Path.of("/proc/sys/kernel/pid_max")));
        long since = Math.floorMod(host - cat.pid(), max); // PIDs wrap at pid_max
        int li = Integer.parseInt(last[2]), lm = Integer.parseInt(last[1]);
        r.expect(
                "inner: the thread's TID there + 1, the number its reader took",
                inner == li + 1,
                "ns_last_pid " + inner + " (the thread is " + li + " there)");
        r.expect(
                "middle: + 2, the inner reader and its own took one each",
                middle == lm + 2,
                "ns_last_pid " + middle + " (the thread is " + lm + " there)");
        r.expect(
                "host: cat's own PID, or one the host gave out just after it",
                host > 0 && since < 1000,
                "ns_last_pid " + host + ", cat was " + cat.pid() + " (other processes fork on the host; PIDs wrap at "
                        + max + ")");
        r.keep("inner last", inner);
        r.keep("middle last", middle);
        r.focus(Focus.ns("pid", r.kept("inner ns", Long.class)));
    }

    private static long probe(LabRun r, int pid) throws Exception {
        return parse(r.exec("nsenter", "-t", Integer.toString(pid), "-p", "--", "cat", KERNEL_FILE)
                .out());
    }

    private static long parse(String s) {
        return s.strip().matches("[0-9]{1,10}") ? Long.parseLong(s.strip()) : -1;
    }

    private static void lens(LabRun r) throws Exception {
        int child = r.kept("child", Integer.class);
        Readout<TaskLens> read = new LensReader(Host.liveNative()).read(child);
        if (!read.known()) throw new IllegalStateException("the lens cannot read " + child + ": " + read.why());
        Readout<List<TaskLens.Level>> known = read.get().levels();
        if (!known.known()) throw new IllegalStateException("the lens has no levels for " + child + ": " + known.why());
        List<TaskLens.Level> levels = known.get();
        List<String> pids = new ArrayList<>(), inodes = new ArrayList<>(), lasts = new ArrayList<>();
        for (TaskLens.Level l : levels) {
            pids.add(Integer.toString(l.pid()));
            inodes.add(l.ns().known() ? Long.toString(l.ns().get().ino()) : "?");
            lasts.add(l.lastPid() == null ? "?" : l.lastPid().toString());
        }
        String nspid = Proc.status(child, "NSpid");
        r.expect(
                "its levels are the child's NSpid",
                String.join(" ", pids).equals(nspid),
                "lens PIDs " + String.join(" ", pids) + ", NSpid " + nspid);
        List<String> want = List.of(
                Long.toString(Proc.ns((int) ProcessHandle.current().pid(), "pid")),
                Long.toString(r.kept("middle ns", Long.class)),
                Long.toString(r.kept("inner ns", Long.class)));
        r.expect("its namespaces are the host's, the middle, the inner", inodes.equals(want), "pid:" + inodes);
        long inner = r.kept("inner last", Long.class), middle = r.kept("middle last", Long.class);
        r.expect(
                "it read ns_last_pid at every level: inner the last step's + 1, middle + 2 (its readers' own PIDs)",
                !lasts.contains("?")
                        && lasts.get(2).equals(Long.toString(inner + 1))
                        && lasts.get(1).equals(Long.toString(middle + 2)),
                "ns_last_pid " + String.join(", ", lasts) + " (host, middle, inner)");
        r.focus(Focus.task(child));
    }
}
