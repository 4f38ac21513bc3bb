package nscope.app.lab.labs;

import java.util.List;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/** unshare -p without --fork: the first child is PID 1; once it is gone, fork fails with ENOMEM; --fork works. */
public final class PidFork {
    private PidFork() {}

    private static final String SEED = "seed 000 (namespace wrap-up: \"the new PID called by fork will error out with"
            + " errno ENOMEM\", alloc_pid without PIDNS_HASH_ADDING)";

    public static final Lab LAB = new Lab(
            "pid-fork",
            "unshare -p without --fork: the first child becomes PID 1, after it the next fork fails with ENOMEM",
            "seed 000",
            HostAbilities.rootAnd("unshare"),
            List.of(
                    new Step(
                            "unshare a pid namespace, without --fork",
                            "A process calls unshare(CLONE_NEWPID) and stays where it is: only its children will be"
                                    + " born in the new pid namespace, which has no process yet.",
                            List.of("unshare --pid -- nscope-init lab puppet"),
                            "unshare(CLONE_NEWPID) does not move the caller: its PID is fixed for life. It sets the"
                                    + " namespace its next children are born in (pid_for_children), which has no PID 1"
                                    + " yet, so the kernel answers ENOENT for that link. " + SEED,
                            PidFork::unshare),
                    new Step(
                            "the first child is PID 1",
                            "The process forks once: its child is the first process of the new namespace.",
                            List.of("fork (nscope-init lab puppet)"),
                            "The first process born in a pid namespace gets PID 1 there and becomes its init: the"
                                    + " reaper of every orphan in it. Outside it keeps an ordinary host PID: one"
                                    + " process, two numbers (NSpid). " + SEED,
                            PidFork::firstChild),
                    new Step(
                            "PID 1 exits, and fork fails with ENOMEM",
                            "The child, PID 1 of the namespace, is killed; the process forks again into the same"
                                    + " namespace.",
                            List.of("reap (kill and wait for the child)", "fork"),
                            "When a pid namespace's init dies the kernel clears PIDNS_ADDING on it: alloc_pid then"
                                    + " refuses every new PID there with ENOMEM ('Cannot allocate memory'), though"
                                    + " no memory is short. The namespace can never have a process again. " + SEED,
                            PidFork::initGone),
                    new Step(
                            "with --fork it works",
                            "unshare --pid --fork: unshare forks right away, so its child is PID 1 and stays for as"
                                    + " long as the command runs; that PID 1 forks freely.",
                            List.of("unshare --pid --fork -- nscope-init lab puppet", "fork"),
                            "With --fork the command itself is the new namespace's PID 1, so the namespace keeps an"
                                    + " init while it runs and its forks get PIDs 2, 3... This is why container"
                                    + " runtimes start the container's process as the first child. " + SEED,
                            PidFork::withFork)));

    private static void unshare(LabRun r) throws Exception {
        Puppet p = r.puppet("unshare", "--pid", "--");
        r.keep("caller", p);
        long own = Proc.ns(p.pid, "pid"),
                host = Proc.ns((int) ProcessHandle.current().pid(), "pid");
        r.expect(
                "the caller stays in its pid namespace", own == host, "pid:[" + own + "], nscope's pid:[" + host + "]");
        String err = Proc.nsError(p.pid, "pid_for_children");
        r.expect(
                "pid_for_children unreadable: no PID 1 yet",
                err.equals("ENOENT"),
                "readlink /proc/" + p.pid + "/ns/pid_for_children: " + (err.isEmpty() ? "readable" : err));
        r.focus(Focus.task(p.pid));
    }

    private static void firstChild(LabRun r) throws Exception {
        Puppet p = r.kept("caller", Puppet.class);
        List<String> got = p.send("fork", "fork");
        String child =
                got.stream().filter(l -> l.startsWith("child ")).findFirst().orElse("child ?");
        String[] levels = child.substring(6).split("\\s+");
        r.expect(
                "the child is PID 1 in the new namespace",
                levels.length == 2 && levels[1].equals("1"),
                "its NSpid: " + String.join(" ", levels));
        long pfc = Proc.ns(p.pid, "pid_for_children");
        r.expect("the caller's pid_for_children now names it", pfc > 0, "pid_for_children pid:[" + pfc + "]");
        if (levels.length == 2) {
            int host = Integer.parseInt(levels[0]);
            r.expect(
                    "the child's pid link is that namespace",
                    Proc.ns(host, "pid") == pfc,
                    "pid:[" + Proc.ns(host, "pid") + "]");
            r.focus(Focus.task(host));
        }
    }

    private static void initGone(LabRun r) throws Exception {
        Puppet p = r.kept("caller", Puppet.class);
        String reaped = p.send1("reap", "reaped");
        r.expect("PID 1 of the namespace is gone", reaped.equals("reaped 1"), reaped);
        String fork = p.send1("fork", "fork");
        r.expect("the next fork fails with ENOMEM", fork.equals("fork fail ENOMEM"), fork);
        r.focus(Focus.task(p.pid));
    }

    private static void withFork(LabRun r) throws Exception {
        Puppet p = r.puppet("unshare", "--pid", "--fork", "--");
        r.expect(
                "the command is PID 1 of a new namespace",
                p.levels.size() == 2 && p.levels.get(1).equals("1"),
                "its NSpid: " + String.join(" ", p.levels));
        List<String> got = p.send("fork", "fork");
        String child =
                got.stream().filter(l -> l.startsWith("child ")).findFirst().orElse("child ?");
        r.expect("its child gets PID 2", child.endsWith(" 2"), child.replace("child", "the child's NSpid:"));
        r.focus(Focus.task(p.pid));
    }
}
