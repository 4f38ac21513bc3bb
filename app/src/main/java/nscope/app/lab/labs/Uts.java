package nscope.app.lab.labs;

import java.nio.file.Path;
import java.util.List;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Puppet;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/** Two UTS namespaces, two hostnames; the host's stays as it was; joining one shows its name. */
public final class Uts {
    private Uts() {}

    private static final String SEED = "seed 002 (a container by hand: \"Changes made to the identifiers in a UTS"
            + " namespace are visible to all other processes in the same namespace, but are not visible to processes"
            + " in other UTS namespaces\")";
    private static final String HOSTNAME = "/proc/sys/kernel/hostname";

    public static final Lab LAB = new Lab(
            "uts",
            "two UTS namespaces, two hostnames, the host's unchanged; a process that joins one takes its name",
            "seed 002",
            HostAbilities.rootAnd("unshare", "nsenter", "hostname"),
            List.of(
                    new Step(
                            "a UTS namespace: a copy of the host's names",
                            "unshare --uts moves itself into a new UTS namespace and runs the helper there.",
                            List.of("unshare --uts -- nscope-init lab puppet", "nsenter -t A -u -- hostname"),
                            "CLONE_NEWUTS gives the process its own copy of what uname(2) returns: at first the"
                                    + " same hostname as the namespace it came from. Unlike a pid namespace, the"
                                    + " caller itself moves. " + SEED,
                            Uts::first),
                    new Step(
                            "a hostname of its own",
                            "The helper calls sethostname in its namespace; the host's hostname is read again.",
                            List.of(
                                    "hostname NAME-a (nscope-init lab puppet)",
                                    "nsenter -t A -u -- hostname",
                                    "hostname"),
                            "sethostname(2) changes the hostname of the caller's UTS namespace only: processes in"
                                    + " it see the new name, the host keeps its own. " + SEED,
                            Uts::renameA),
                    new Step(
                            "a second namespace, a second name",
                            "Another helper unshares its own UTS namespace and sets another hostname.",
                            List.of(
                                    "unshare --uts -- nscope-init lab puppet",
                                    "hostname NAME-b",
                                    "nsenter -t B -u -- hostname"),
                            "Each unshare makes a new namespace with its own copy: two namespaces, two names, and"
                                    + " neither sees the other's. " + SEED,
                            Uts::second),
                    new Step(
                            "joining a namespace: its name",
                            "The second helper joins the first's UTS namespace with setns.",
                            List.of("setns /proc/A/ns/uts (nscope-init lab puppet B)", "nsenter -t B -u -- hostname"),
                            "setns(2) moves the caller into an existing namespace: B now sees A's hostname. Its old"
                                    + " namespace is held by no task any more, so the kernel frees it with its"
                                    + " name. " + SEED,
                            Uts::join)));

    private static String inside(LabRun r, int pid) throws Exception {
        return r.exec("nsenter", "-t", Integer.toString(pid), "-u", "--", "hostname")
                .out()
                .strip();
    }

    private static void first(LabRun r) throws Exception {
        String host = Proc.read(Path.of(HOSTNAME));
        r.keep("host name", host);
        long own = Proc.ns((int) ProcessHandle.current().pid(), "uts");
        r.keep("host uts", own);
        Puppet a = r.puppet("unshare", "--uts", "--");
        r.keep("a", a);
        long ns = Proc.ns(a.pid, "uts");
        r.expect(
                "the helper is in a new UTS namespace",
                ns > 0 && ns != own,
                "uts:[" + ns + "], nscope's uts:[" + own + "]");
        String seen = inside(r, a.pid);
        r.expect("its hostname is the host's, copied", seen.equals(host), "inside: " + seen + ", host: " + host);
        r.focus(Focus.ns("uts", ns));
    }

    private static void renameA(LabRun r) throws Exception {
        Puppet a = r.kept("a", Puppet.class);
        String name = r.name("a"), host = r.kept("host name", String.class);
        String ok = a.send1("hostname " + name, "hostname");
        r.expect("sethostname succeeds in its namespace", ok.equals("hostname ok"), ok);
        String seen = inside(r, a.pid);
        r.expect("inside, the hostname is " + name, seen.equals(name), "nsenter -u hostname: " + seen);
        hostUnchanged(r, host);
        r.focus(Focus.ns("uts", Proc.ns(a.pid, "uts")));
    }

    /** The host's hostname, by hostname(1) and by nscope's own read of the kernel file, as before the lab. */
    private static void hostUnchanged(LabRun r, String host) throws Exception {
        String cmd = r.exec("hostname").out().strip(), file = Proc.read(Path.of(HOSTNAME));
        r.expect(
                "the host's hostname is unchanged",
                cmd.equals(host) && host.equals(file),
                "hostname: " + cmd + "; " + HOSTNAME + " (nscope's namespace): " + file);
    }

    private static void second(LabRun r) throws Exception {
        Puppet a = r.kept("a", Puppet.class);
        Puppet b = r.puppet("unshare", "--uts", "--");
        r.keep("b", b);
        String name = r.name("b");
        String ok = b.send1("hostname " + name, "hostname");
        r.expect("sethostname succeeds in the second namespace", ok.equals("hostname ok"), ok);
        long na = Proc.ns(a.pid, "uts"), nb = Proc.ns(b.pid, "uts"), host = r.kept("host uts", Long.class);
        r.keep("b uts", nb);
        r.expect(
                "three different UTS namespaces",
                nb > 0 && nb != na && nb != host,
                "B uts:[" + nb + "], A uts:[" + na + "], nscope's uts:[" + host + "]");
        String sa = inside(r, a.pid), sb = inside(r, b.pid);
        r.expect("each sees its own hostname", sa.equals(r.name("a")) && sb.equals(name), "A: " + sa + ", B: " + sb);
        hostUnchanged(r, r.kept("host name", String.class));
        r.focus(Focus.ns("uts", nb));
    }

    private static void join(LabRun r) throws Exception {
        Puppet a = r.kept("a", Puppet.class), b = r.kept("b", Puppet.class);
        long old = r.kept("b uts", Long.class), na = Proc.ns(a.pid, "uts");
        String ok = b.send1("setns /proc/" + a.pid + "/ns/uts", "setns");
        r.expect("setns succeeds", ok.equals("setns ok"), ok);
        long nb = Proc.ns(b.pid, "uts");
        r.expect("B is now in A's namespace", nb == na, "B uts:[" + nb + "], A uts:[" + na + "]");
        String sb = inside(r, b.pid);
        r.expect("B sees A's hostname", sb.equals(r.name("a")), "nsenter -t B -u hostname: " + sb);
        List<Integer> holders = NsHolders.released(old, "uts");
        r.expect(
                "no task is in B's old namespace any more",
                holders.isEmpty(),
                "tasks whose uts link is uts:[" + old + "]: " + (holders.isEmpty() ? "none" : holders.toString()));
        r.focus(Focus.ns("uts", na));
    }
}
