package nscope.app.lab.labs;

import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/** A pid namespace's PID 1: signals it has no handler for are dropped; when it dies the kernel kills the rest. */
public final class PidInit {
    private PidInit() {}

    private static final String SEED = "seed 000 (namespace wrap-up: \"If the 'init' process of a PID namespace"
            + " terminates, the kernel terminates all of the processes in the namespace via a SIGKILL signal\")";
    private static final String SIGNALS = "seed 000 (namespace wrap-up: a PID 1 receives a signal only if it \"has"
            + " the corresponding signal handlers installed\")";

    public static final Lab LAB = new Lab(
            "pid-init",
            "PID 1 of a pid namespace: signals it has no handler for are dropped; when it dies, the kernel kills the rest",
            "seed 000",
            HostAbilities.rootAnd("unshare", "nsenter", "kill"),
            List.of(
                    new Step(
                            "a pid namespace: PID 1 and two more",
                            "unshare --fork starts the helper as PID 1 of a new pid namespace; it forks a child, and"
                                    + " nsenter starts sleep in the same namespace from outside.",
                            List.of(
                                    "unshare --pid --fork -- nscope-init lab puppet",
                                    "fork",
                                    "nsenter -t PID1 -p -- sleep 600 &"),
                            "The first process of a pid namespace is its PID 1; every later one gets the next free"
                                    + " number there and a host PID too. nsenter -p only places its child: sleep is"
                                    + " in the namespace while its parent, nsenter, stays outside. " + SEED,
                            PidInit::build),
                    new Step(
                            "from inside, kill -TERM 1 and kill -KILL 1 do nothing",
                            "kill, run inside the namespace by nsenter, sends SIGTERM and then SIGKILL to PID 1,"
                                    + " which has no signal handler.",
                            List.of("nsenter -t PID1 -p -- kill -TERM 1", "nsenter -t PID1 -p -- kill -KILL 1"),
                            "The kernel marks a namespace's init unkillable from inside: a signal from its own"
                                    + " namespace whose action is the default is dropped on arrival, even SIGKILL."
                                    + " kill still reports success, and nothing is left pending. " + SIGNALS,
                            PidInit::fromInside),
                    new Step(
                            "from the parent namespace, SIGTERM is dropped too",
                            "kill on the host sends SIGTERM to PID 1 by its host PID.",
                            List.of("kill -TERM HOSTPID"),
                            "From an ancestor namespace the same rule holds for every signal but SIGKILL and"
                                    + " SIGSTOP: without a handler, PID 1 never sees SIGTERM. That is why a"
                                    + " container's init must install handlers to stop on docker stop. " + SIGNALS,
                            PidInit::termFromHost),
                    new Step(
                            "SIGKILL from the parent: PID 1 dies, and the kernel kills every other process",
                            "kill on the host sends SIGKILL to PID 1; the child and sleep were not signalled by"
                                    + " anyone.",
                            List.of("kill -KILL HOSTPID"),
                            "SIGKILL from an ancestor namespace is forced through. As PID 1 exits the kernel"
                                    + " (zap_pid_ns_processes) sends SIGKILL to every process left in the namespace"
                                    + " and waits for them; with no task left in it, the namespace is freed. " + SEED,
                            PidInit::killFromHost)));

    private static void build(LabRun r) throws Exception {
        Puppet init = r.puppet("unshare", "--pid", "--fork", "--");
        r.keep("init", init);
        long ns = Proc.ns(init.pid, "pid"),
                host = Proc.ns((int) ProcessHandle.current().pid(), "pid");
        r.keep("ns", ns);
        r.expect(
                "the helper is PID 1 of a new pid namespace",
                init.levels.size() == 2 && init.levels.get(1).equals("1") && ns != host,
                "its NSpid: " + String.join(" ", init.levels) + "; pid:[" + ns + "], nscope's pid:[" + host + "]");
        String child = init.send("fork", "fork").stream()
                .filter(l -> l.startsWith("child "))
                .findFirst()
                .orElse("child ?");
        String[] cl = child.substring(6).split(" ");
        r.expect("its child is PID 2 there", cl.length == 2 && cl[1].equals("2"), "the child's NSpid: " + child);
        if (cl.length == 2) r.keep("child", Integer.valueOf(cl[0]));
        Process nsenter = r.spawn("nsenter", "-t", Integer.toString(init.pid), "-p", "--", "sleep", "600");
        r.keep("nsenter", nsenter);
        int sleep = NsHolders.child(nsenter.pid());
        r.keep("sleep", sleep);
        String nspid = Proc.status(sleep, "NSpid");
        r.expect(
                "sleep is PID 3 in the same namespace",
                nspid.endsWith(" 3") && Proc.ns(sleep, "pid") == ns,
                "sleep's NSpid: " + nspid + ", pid:[" + Proc.ns(sleep, "pid") + "]");
        long outside = Proc.ns((int) nsenter.pid(), "pid");
        r.expect(
                "its parent nsenter stays outside",
                outside == host,
                "nsenter (PID " + nsenter.pid() + "): pid:[" + outside + "]");
        r.focus(Focus.ns("pid", ns));
    }

    private static void fromInside(LabRun r) throws Exception {
        Puppet init = r.kept("init", Puppet.class);
        String caught = Proc.status(init.pid, "SigCgt");
        r.expect(
                "PID 1 has no handler for SIGTERM",
                !caught.isEmpty() && (Long.parseUnsignedLong(caught, 16) & (1L << 14)) == 0,
                "SigCgt (signals with a handler): " + caught);
        String pid = Integer.toString(init.pid);
        int term =
                r.exec("nsenter", "-t", pid, "-p", "--", "kill", "-TERM", "1").exit();
        int kill =
                r.exec("nsenter", "-t", pid, "-p", "--", "kill", "-KILL", "1").exit();
        r.expect("kill reports success both times", term == 0 && kill == 0, "exit " + term + ", exit " + kill);
        Thread.sleep(200);
        alive(r, init.pid);
        r.focus(Focus.task(init.pid));
    }

    private static void termFromHost(LabRun r) throws Exception {
        Puppet init = r.kept("init", Puppet.class);
        int term = r.exec("kill", "-TERM", Integer.toString(init.pid)).exit();
        r.expect("kill reports success", term == 0, "exit " + term);
        Thread.sleep(200);
        alive(r, init.pid);
        r.focus(Focus.task(init.pid));
    }

    /** PID 1 still there, asleep, with no signal pending: the signal was dropped, not queued. */
    private static void alive(LabRun r, int pid) {
        String state = Proc.status(pid, "State");
        r.expect("PID 1 is still alive", state.startsWith("S"), "/proc/" + pid + "/status State: " + state);
        String pending = Proc.status(pid, "ShdPnd") + " " + Proc.status(pid, "SigPnd");
        r.expect("no signal is pending: it was dropped", pending.matches("0+ 0+"), "ShdPnd and SigPnd: " + pending);
    }

    private static void killFromHost(LabRun r) throws Exception {
        Puppet init = r.kept("init", Puppet.class);
        long ns = r.kept("ns", Long.class);
        int child = r.kept("child", Integer.class), sleep = r.kept("sleep", Integer.class);
        Process nsenter = r.kept("nsenter", Process.class);
        r.exec("kill", "-KILL", Integer.toString(init.pid));
        r.expect("PID 1 is gone", NsHolders.gone(init.pid), "/proc/" + init.pid + ": " + seen(init.pid));
        r.expect(
                "its child is gone, killed by the kernel",
                NsHolders.gone(child),
                "/proc/" + child + ": " + seen(child));
        r.expect("sleep is gone too", NsHolders.gone(sleep), "/proc/" + sleep + ": " + seen(sleep));
        boolean ended = nsenter.waitFor(5, TimeUnit.SECONDS);
        int exit = ended ? nsenter.exitValue() : -1;
        r.expect(
                "nsenter saw sleep killed by SIGKILL",
                exit == 128 + 9,
                ended ? "nsenter exited " + exit + " (128 + the signal that killed its child)" : "nsenter still runs");
        List<Integer> holders = NsHolders.released(ns, "pid", "pid_for_children");
        r.expect(
                "no task is in the namespace or forks into it any more",
                holders.isEmpty(),
                "tasks whose pid or pid_for_children link is pid:[" + ns + "]: "
                        + (holders.isEmpty() ? "none" : holders.toString()));
    }

    private static String seen(int pid) {
        return Proc.exists(pid) ? "still there, State " + Proc.status(pid, "State") : "no such process";
    }
}
