package nscope.app.lab.labs;

import java.io.IOException;
import java.util.List;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/** setns into a pid namespace moves no one: the caller stays, its next children are born there. */
public final class SetnsPid {
    private SetnsPid() {}

    private static final String SEED = "seed 000 (\"'setns' will only associated the child created by the caller PID"
            + " with the new namespace but not the caller itself\")";

    public static final Lab LAB = new Lab(
            "setns-pid",
            "setns into a pid namespace leaves the caller where it is: only the children it forks afterwards are"
                    + " born inside",
            "seed 000",
            HostAbilities.rootAnd("unshare", "nsenter"),
            List.of(
                    new Step(
                            "a pid namespace to join",
                            "A process is started as PID 1 of a new pid namespace; that namespace is the target.",
                            List.of("unshare --pid --fork -- nscope-init lab puppet"),
                            "unshare --fork makes the command the first process of the new namespace, so it is"
                                    + " PID 1 there and keeps the namespace alive and open to newcomers. Its"
                                    + " /proc/PID/ns/pid link is the handle another process passes to setns. "
                                    + SEED,
                            SetnsPid::target),
                    new Step(
                            "setns: the caller stays where it is",
                            "A second process, in the host's pid namespace, opens the target's pid link and calls"
                                    + " setns with it.",
                            List.of("nscope-init lab puppet", "setns /proc/TARGET/ns/pid"),
                            "A process's PID is fixed when it is born: \"A process's namespace is settled when it's"
                                    + " created. Period.\" setns(CLONE_NEWPID) changes only pid_for_children, the"
                                    + " namespace its next children will be born in, which /proc/PID/ns/pid_for_children"
                                    + " shows since Linux 4.12. " + SEED,
                            SetnsPid::join),
                    new Step(
                            "its child is born inside",
                            "The second process forks: the child gets a PID in the target namespace as well as one"
                                    + " in the host's.",
                            List.of("fork"),
                            "fork allocates the child's PID in pid_for_children and in each of its ancestors, so the"
                                    + " child has two numbers (NSpid) and its pid link is the target namespace."
                                    + " Seen from inside, its parent is outside the namespace: getppid() returns 0."
                                    + " " + SEED,
                            SetnsPid::fork),
                    new Step(
                            "nsenter -p does exactly this",
                            "nsenter --target TARGET --pid runs a command in the target namespace: it calls setns"
                                    + " and then forks, since setns alone would not move it.",
                            List.of("nsenter --target TARGET --pid -- nscope-init lab puppet"),
                            "nsenter stays in the host's pid namespace with pid_for_children set to the target, and"
                                    + " the command it runs is its child, born inside. Without that fork"
                                    + " (--no-fork) the command would run outside, like the caller. " + SEED,
                            SetnsPid::nsenter)));

    private static void target(LabRun r) throws Exception {
        Puppet t = r.puppet("unshare", "--pid", "--fork", "--");
        r.keep("target", t);
        long ns = Proc.ns(t.pid, "pid"), host = hostPid();
        r.expect(
                "it is PID 1 of a new pid namespace",
                t.levels.size() == 2 && t.levels.get(1).equals("1") && ns != host && ns > 0,
                "NSpid: " + String.join(" ", t.levels) + "; pid:[" + ns + "], nscope's pid:[" + host + "]");
        r.focus(Focus.ns("pid", ns));
    }

    private static void join(LabRun r) throws Exception {
        Puppet t = r.kept("target", Puppet.class);
        long target = Proc.ns(t.pid, "pid"), host = hostPid();
        Puppet c = r.puppet();
        r.keep("caller", c);
        String ans = c.send1("setns /proc/" + t.pid + "/ns/pid", "setns");
        r.expect("setns succeeds", ans.equals("setns ok"), ans);
        long own = Proc.ns(c.pid, "pid"), pfc = Proc.ns(c.pid, "pid_for_children");
        r.expect(
                "its own pid link is unchanged: the host's",
                own == host,
                "/proc/" + c.pid + "/ns/pid pid:[" + own + "], nscope's pid:[" + host + "]");
        r.expect(
                "its pid_for_children is now the target's namespace",
                pfc == target,
                "/proc/" + c.pid + "/ns/pid_for_children pid:[" + pfc + "], target pid:[" + target + "]");
        String nspid = Proc.status(c.pid, "NSpid");
        r.expect("it keeps one PID, the host's", nspid.equals(Integer.toString(c.pid)), "NSpid: " + nspid);
        r.focus(Focus.task(c.pid));
    }

    private static void fork(LabRun r) throws Exception {
        Puppet t = r.kept("target", Puppet.class);
        Puppet c = r.kept("caller", Puppet.class);
        long target = Proc.ns(t.pid, "pid");
        String child = c.send("fork", "fork").stream()
                .filter(l -> l.startsWith("child "))
                .findFirst()
                .orElseThrow(() -> new IOException("the helper forked no child"));
        String[] levels = child.substring(6).strip().split("\\s+");
        r.expect("the child's NSpid has two levels", levels.length == 2, "NSpid: " + String.join(" ", levels));
        if (levels.length != 2) return;
        int host = Integer.parseInt(levels[0]);
        r.expect(
                "the child's pid link is the target namespace",
                Proc.ns(host, "pid") == target,
                "/proc/" + host + "/ns/pid pid:[" + Proc.ns(host, "pid") + "], target pid:[" + target + "]");
        r.expect(
                "its parent is the caller, which stays outside",
                Proc.status(host, "PPid").equals(Integer.toString(c.pid)) && Proc.ns(c.pid, "pid") == hostPid(),
                "PPid " + Proc.status(host, "PPid") + " (host numbering), caller pid:[" + Proc.ns(c.pid, "pid") + "]");
        r.focus(Focus.task(host));
    }

    private static void nsenter(LabRun r) throws Exception {
        Puppet t = r.kept("target", Puppet.class);
        long target = Proc.ns(t.pid, "pid"), hostNs = hostPid();
        Puppet in = r.puppet("nsenter", "--target", Integer.toString(t.pid), "--pid", "--");
        int parent = Integer.parseInt(Proc.status(in.pid, "PPid"));
        r.expect(
                "the command runs inside: two PIDs, the target's pid link",
                in.levels.size() == 2 && Proc.ns(in.pid, "pid") == target,
                "NSpid: " + String.join(" ", in.levels) + "; pid:[" + Proc.ns(in.pid, "pid") + "]");
        String comm = Proc.read(java.nio.file.Path.of("/proc", Integer.toString(parent), "comm"));
        r.expect(
                "its parent nsenter stays outside, pid_for_children set to the target",
                "nsenter".equals(comm)
                        && Proc.ns(parent, "pid") == hostNs
                        && Proc.ns(parent, "pid_for_children") == target,
                "PID " + parent + " (" + comm + "): pid:[" + Proc.ns(parent, "pid") + "], pid_for_children pid:["
                        + Proc.ns(parent, "pid_for_children") + "]");
        r.focus(Focus.task(in.pid));
    }

    private static long hostPid() {
        return Proc.ns((int) ProcessHandle.current().pid(), "pid");
    }
}
