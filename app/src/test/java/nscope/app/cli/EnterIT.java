package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nscope.app.audit.AuditLog;
import nscope.app.screen.ScreenActions;
import nscope.testkit.LiveTest;
import nscope.views.actions.Actions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entering a synth-host container for real: nscope enter as a user runs it
 * (the packaged jar), the live screen's e in tmux, and the screen's way into
 * hidden namespaces through the files that hold them. Inside, the
 * namespaces and hostname are the container's, the child holds no
 * descriptor but its terminal's, and a PID that no longer names the process
 * the user chose is refused with nothing run.
 */
@LiveTest
class EnterIT {
    private static final String NAME = "nscope-test-enter";
    private static final List<String> TYPES = List.of("cgroup", "ipc", "mnt", "net", "pid", "time", "uts");
    private static boolean up;

    @TempDir
    Path tmp;

    @BeforeAll
    static void up() throws Exception {
        LiveHost.up(NAME, "--containers", "2", "--procs", "2", "--threads", "2", "--hidden", "2");
        up = true;
    }

    @AfterAll
    static void down() throws Exception {
        if (up) LiveHost.down(NAME);
    }

    /** PID 1 of container c (1-based), as the host numbers it: the child of the unshare synth-host started. */
    static int init(int c) throws IOException {
        String unshare = Files.readAllLines(Path.of("/run/synth-host", NAME, "pids"))
                .get(c - 1)
                .strip();
        return Integer.parseInt(Files.readString(Path.of("/proc", unshare, "task", unshare, "children"))
                .strip()
                .split(" ")[0]);
    }

    static String link(int pid, String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", type))
                .toString();
    }

    PackagedJar.Run nscope(String... args) throws Exception {
        return PackagedJar.run(tmp.resolve("actions.log"), Map.of(), args);
    }

    @Test
    void nscopeEnterRunsInTheContainersNamespacesWithOnlyItsStandardDescriptors() throws Exception {
        int pid = init(1);
        PackagedJar.Run r = nscope(
                "enter",
                Integer.toString(pid),
                "--",
                "sh",
                "-c",
                "readlink /proc/self/ns/cgroup /proc/self/ns/ipc /proc/self/ns/mnt /proc/self/ns/net /proc/self/ns/pid"
                        + " /proc/self/ns/time /proc/self/ns/uts; hostname; echo fds:; ls /proc/$$/fd; echo env:; env | cut -d= -f1 | sort; echo end; exit 7");
        assertEquals(7, r.rc(), "the child's exit status: " + r.err());
        for (String t : TYPES)
            assertTrue(
                    r.err().contains(link(pid, t) + "\n"), t + " is the container's " + link(pid, t) + ":\n" + r.err());
        assertTrue(r.err().contains("\n" + NAME + "-c1\n"), r.err());
        assertTrue(r.err().contains("fds:\n0\n1\n2\nenv:"), "no descriptor beyond stdin, stdout, stderr:\n" + r.err());
        String env = r.err().substring(r.err().indexOf("env:\n") + 5, r.err().indexOf("end\n"));
        assertTrue(
                Set.of("HOME", "LANG", "PATH", "PWD", "SHLVL", "TERM", "_")
                                .containsAll(env.lines().toList())
                        && env.contains("PATH"),
                "a clean environment (NSCOPE_AUDIT_LOG and the rest not passed):\n" + env);
        String log = Files.readString(tmp.resolve("actions.log"));
        assertTrue(log.contains("\"action\":\"enter\"") && log.contains("\"target\":\"pid " + pid + "\""), log);
    }

    @Test
    void aStartTimeThatNoLongerMatchesIsRefusedAndNothingRuns() throws Exception {
        int pid = init(1);
        Path marker = tmp.resolve("ran");
        PackagedJar.Run r = nscope("enter", "--start", "5", Integer.toString(pid), "--", "touch", marker.toString());
        assertEquals(125, r.rc(), r.err());
        assertTrue(r.err().contains("PID " + pid + " is now another process (started at tick "), r.err());
        assertFalse(Files.exists(marker), "nothing ran");
        PackagedJar.Run bad =
                nscope("enter", "--ns", "net,bogus", Integer.toString(pid), "--", "touch", marker.toString());
        assertEquals(125, bad.rc());
        assertTrue(bad.err().contains("no namespace type 'bogus'"), bad.err());
        assertFalse(Files.exists(marker));
    }

    @Test
    void withCgroupTheChildJoinsTheContainersCgroupsBeforeItRuns() throws Exception {
        int pid = init(2);
        PackagedJar.Run outside = nscope("enter", Integer.toString(pid), "--", "cat", "/proc/self/cgroup");
        assertEquals(0, outside.rc(), outside.err());
        assertTrue(
                outside.err().contains(":/.."),
                "not joined: above the container's cgroup namespace root:\n" + outside.err());
        PackagedJar.Run joined = nscope("enter", "--cgroup", Integer.toString(pid), "--", "cat", "/proc/self/cgroup");
        assertEquals(0, joined.rc(), joined.err());
        List<String> lines =
                joined.err().lines().filter(l -> l.matches("\\d+:.*")).toList();
        assertFalse(lines.isEmpty(), joined.err());
        for (String l : lines) assertTrue(l.endsWith(":/"), "in the container's own cgroup in every hierarchy: " + l);
        String log = Files.readString(tmp.resolve("actions.log"));
        assertTrue(log.contains("\"action\":\"cgroup mv\"") && log.contains(NAME + "/c2"), log);
    }

    /** The net namespaces of the synth host that no task is in: {ino -> a file holding it}. */
    static Map<String, String> hiddenNets() throws IOException {
        Set<String> inTasks = new TreeSet<>();
        Map<String, String> held = new java.util.TreeMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    inTasks.add(Files.readSymbolicLink(p.resolve("ns/net")).toString());
                    try (var fds = Files.list(p.resolve("fd"))) {
                        for (Path fd : fds.toList()) {
                            String l = Files.readSymbolicLink(fd).toString();
                            if (l.startsWith("net:[")) held.putIfAbsent(l, fd.toString());
                        }
                    }
                } catch (IOException e) {
                    // a process that ended while listed
                }
            }
        }
        held.keySet().removeAll(inTasks);
        try (var mounts = Files.list(Path.of("/run/netns"))) {
            for (Path m : mounts.filter(x -> x.getFileName().toString().startsWith(NAME))
                    .toList()) held.put("net:[" + Files.getAttribute(m, "unix:ino") + "]", m.toString());
        }
        return held;
    }

    @Test
    void hiddenNamespacesAreEnteredThroughTheFilesThatHoldThem() throws Exception {
        ScreenActions actions = new ScreenActions(AuditLog.of(
                Map.of("NSCOPE_AUDIT_LOG", tmp.resolve("actions.log").toString())));
        Map<String, String> hidden = hiddenNets();
        assertTrue(hidden.size() >= 2, "one bind-mounted and one held by an fd: " + hidden);
        boolean mount = false, fd = false;
        for (var e : hidden.entrySet()) {
            long ino = Long.parseLong(e.getKey().replaceAll("\\D", ""));
            long dev = ((Number) Files.getAttribute(Path.of(e.getValue()), "unix:dev")).longValue();
            Path out = tmp.resolve("seen-" + ino);
            Actions.Session s = actions.enterNamespace(
                    new Actions.NsTarget("net", dev, ino, List.of("/proc/1/ns/net-gone", e.getValue()), "/"),
                    new Actions.EnterChoice(
                            Set.of("net"), false, "", List.of("sh", "-c", "readlink /proc/self/ns/net > " + out)));
            assertNull(s.refusal(), s.refusal());
            assertTrue(s.run().startsWith("exit status 0: "), e.toString());
            assertEquals(e.getKey(), Files.readString(out).strip(), "entered through " + e.getValue());
            mount |= e.getValue().startsWith("/run/netns/");
            fd |= e.getValue().contains("/fd/");
        }
        assertTrue(mount && fd, hidden.toString());
        var first = hidden.entrySet().iterator().next();
        Actions.Session wrong = actions.enterNamespace(
                new Actions.NsTarget("net", 0, 12345, List.of(first.getValue()), "/"), Actions.EnterChoice.ALL);
        assertTrue(
                wrong.refusal().contains("now holds " + first.getKey().replace("net:", "net:") + ", not [12345]"),
                wrong.refusal());
    }

    @Test
    void theScreenRefusesAProcessWhosePidWasReused() throws Exception {
        ScreenActions actions = new ScreenActions(AuditLog.of(
                Map.of("NSCOPE_AUDIT_LOG", tmp.resolve("actions.log").toString())));
        int pid = init(1);
        Actions.Session s = actions.enter(new Actions.Target(pid, 5, "sleep"), Actions.EnterChoice.ALL);
        assertTrue(s.refusal().contains("PID " + pid + " is now another process"), s.refusal());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Actions.Session g = actions.enter(new Actions.Target((int) gone.pid(), 1, "true"), Actions.EnterChoice.ALL);
        assertTrue(
                g.refusal().contains("has exited")
                        || g.refusal().contains("does not exist")
                        || g.refusal().contains("now another"),
                g.refusal());
    }

    /**
     * The screen in tmux: the container's PID 1 found by search, e, the
     * commands typed in the shell, exit, and the screen is back with the
     * same selection and the exit status on its status line.
     */
    @Test
    void eOnTheScreenGivesAShellInTheContainerAndTheScreenComesBack() throws Exception {
        int pid = init(1);
        String session = "nscope-test-enter-ui-" + ProcessHandle.current().pid();
        try {
            LiveUiIT.startAsRoot(session, tmp.resolve("actions.log"));
            LiveUiIT.tmux("send-keys", "-t", session, "/", Integer.toString(pid), "Enter");
            LiveUiIT.until(session, "process " + pid + " of thread group " + pid);
            LiveUiIT.tmux("send-keys", "-t", session, "e");
            LiveUiIT.until(session, "exit it to come back to the screen");
            assertEquals(
                    "0",
                    LiveUiIT.tmux("display", "-p", "-t", session, "#{alternate_on}")
                            .strip(),
                    "the shell is on the normal screen");
            LiveUiIT.tmux(
                    "send-keys", "-t", session, "-l", "readlink /proc/self/ns/*; hostname; tty; echo done-$((6*7))");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String shell = LiveUiIT.until(session, "done-42\n");
            for (String t : TYPES) assertTrue(shell.contains(link(pid, t)), t + " " + link(pid, t) + ":\n" + shell);
            assertTrue(shell.contains("\n" + NAME + "-c1\n"), shell);
            String paneTty =
                    LiveUiIT.tmux("display", "-p", "-t", session, "#{pane_tty}").strip();
            assertTrue(shell.contains("\n/dev/pts/"), shell);
            assertFalse(
                    shell.contains("\n" + paneTty + "\n"),
                    "the shell's terminal is its own, not the host's " + paneTty + ":\n" + shell);
            LiveUiIT.tmux(
                    "resize-window", "-t", session, "-x", "100", "-y", "32"); // the window changes while the shell runs
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "stty size");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            LiveUiIT.until(session, "\n32 100\n");
            LiveUiIT.tmux("send-keys", "-t", session, "exit 3", "Enter");
            String back = LiveUiIT.until(session, "exit status 3: a shell in PID " + pid);
            List<String> lines = back.lines().toList();
            assertEquals(32, lines.size(), back);
            assertTrue(
                    lines.get(31).startsWith("exit status 3: a shell in PID " + pid),
                    "the status line on the new last row:\n" + back);
            assertTrue(lines.stream().allMatch(l -> l.length() <= 100), back);
            assertTrue(
                    back.contains(" 2 Processes ") && back.contains("process " + pid + " of thread group " + pid),
                    "the screen, as it was:\n" + back);
            assertEquals(
                    "1",
                    LiveUiIT.tmux("display", "-p", "-t", session, "#{alternate_on}")
                            .strip());
            LiveUiIT.tmux("send-keys", "-t", session, "q");
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
        }
    }

    /**
     * E on the screen with a command quoted as a shell would quote it: it
     * runs as one sh -c (no shell of nscope's reads it), its output stays
     * on the terminal until a key is pressed, then the screen comes back.
     */
    @Test
    void capitalEWithAQuotedCommandKeepsItsWordsAndItsOutputUntilAKey() throws Exception {
        int pid = init(1);
        String session = "nscope-test-enter-cmd-" + ProcessHandle.current().pid();
        try {
            LiveUiIT.startAsRoot(session, tmp.resolve("actions.log"));
            LiveUiIT.tmux("send-keys", "-t", session, "/", Integer.toString(pid), "Enter");
            LiveUiIT.until(session, "process " + pid + " of thread group " + pid);
            LiveUiIT.tmux("send-keys", "-t", session, "E");
            LiveUiIT.until(session, "Enter PID " + pid);
            for (int i = 0; i < 10; i++) LiveUiIT.tmux("send-keys", "-t", session, "Down"); // the command field
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "sh -c \"echo in-$((6*7)); hostname\"");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String held = LiveUiIT.until(session, "press a key to go back to the screen");
            assertTrue(held.contains("\nin-42\n" + NAME + "-c1\n"), "one sh -c, its words kept together:\n" + held);
            Thread.sleep(1000);
            assertTrue(LiveUiIT.paneOf(session).contains("in-42"), "the output stays until a key is pressed");
            LiveUiIT.tmux("send-keys", "-t", session, "x");
            LiveUiIT.until(session, "exit status 0: sh -c echo in-$((6*7)); hostname in PID " + pid);
            LiveUiIT.tmux("send-keys", "-t", session, "q");
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
        }
    }

    /**
     * E on a thread that unshared its own uts namespace: the command runs in
     * the thread's namespaces (its hostname), not its process's, and the
     * screen says it entered the thread (issue 15, item 13).
     */
    @Test
    void onAThreadItsOwnNamespacesAreEntered() throws Exception {
        String script = "import ctypes, os, threading, time\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "def apart():\n"
                + "    assert libc.unshare(0x04000000) == 0\n" // CLONE_NEWUTS, this thread only
                + "    name = b'nscope-test-thread-uts'\n"
                + "    assert libc.sethostname(name, len(name)) == 0\n"
                + "    print(threading.get_native_id(), flush=True)\n"
                + "    time.sleep(600)\n"
                + "threading.Thread(target=apart, daemon=True).start()\n"
                + "time.sleep(600)\n";
        Process py = new ProcessBuilder("python3", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String session = "nscope-test-enter-thread-" + ProcessHandle.current().pid();
        try {
            int tid = Integer.parseInt(
                    new java.io.BufferedReader(new java.io.InputStreamReader(py.getInputStream())).readLine());
            long pid = py.pid();
            assertNotEquals(link((int) pid, "uts"), link(tid, "uts"), "the thread is apart from its leader");
            LiveUiIT.startAsRoot(session, tmp.resolve("actions.log"));
            LiveUiIT.until(session, " threads |"); // the full scan: the quick first frame has no threads yet
            LiveUiIT.tmux("send-keys", "-t", session, "/", Integer.toString(tid), "Enter");
            String rows = LiveUiIT.until(session, "thread " + tid + " of thread group " + pid);
            LiveUiIT.tmux("send-keys", "-t", session, "E");
            LiveUiIT.until(session, "Enter thread " + tid + " of PID " + pid);
            for (int i = 0; i < 10; i++) LiveUiIT.tmux("send-keys", "-t", session, "Down"); // the command field
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "hostname");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String held = LiveUiIT.until(session, "press a key to go back to the screen");
            assertTrue(held.contains("\nnscope-test-thread-uts\n"), "the thread's own hostname:\n" + held + rows);
            LiveUiIT.tmux("send-keys", "-t", session, "x");
            LiveUiIT.until(session, "exit status 0: hostname in thread " + tid + " of PID " + pid);
            LiveUiIT.tmux("send-keys", "-t", session, "q");
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
            py.destroyForcibly().waitFor();
        }
    }

    /**
     * u on the screen: a shell in new namespaces with the hostname typed in
     * the form; Ctrl-] puts it aside and the tree shows it while it runs; r
     * goes back to it; its exit status is said when it ends.
     */
    @Test
    void uUnsharesAndCtrlBracketShowsItInTheTreeWhileItRuns() throws Exception {
        String session = "nscope-test-enter-u-" + ProcessHandle.current().pid();
        String host = "nscope-test-un-" + ProcessHandle.current().pid();
        try {
            LiveUiIT.startAsRoot(session, tmp.resolve("actions.log"));
            LiveUiIT.tmux("send-keys", "-t", session, "u");
            LiveUiIT.until(session, "Unshare: a shell in new namespaces");
            for (int i = 0; i < 11; i++) LiveUiIT.tmux("send-keys", "-t", session, "Down");
            LiveUiIT.tmux("send-keys", "-t", session, "-l", host);
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            LiveUiIT.until(session, "Ctrl-] goes back while it runs");
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "hostname; echo pid=$$; echo done-$((6*7))");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String shell = LiveUiIT.until(session, "done-42\n");
            assertTrue(shell.contains("\n" + host + "\npid=1\n"), shell);
            LiveUiIT.tmux("send-keys", "-t", session, "C-]");
            String aside = LiveUiIT.until(session, "put aside, still running (PID ");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("still running \\(PID (\\d+)\\)")
                    .matcher(aside.replace("\n", ""));
            assertTrue(m.find(), aside);
            int pid = Integer.parseInt(m.group(1));
            assertNotEquals(
                    link(pid, "uts"),
                    link((int) ProcessHandle.current().pid(), "uts"),
                    "the shell's side runs in a new uts namespace");
            String tree = "";
            for (int i = 0;
                    i < 120 && !tree.contains("\nfound: " + host);
                    i++) { // the refresh after Ctrl-] may still be running (on a loaded host, seconds)
                LiveUiIT.tmux("send-keys", "-t", session, "/", host, "Enter");
                Thread.sleep(250);
                tree = LiveUiIT.paneOf(session);
            }
            assertTrue(
                    tree.contains("pid_for_children: pid:["
                            + link(pid, "pid_for_children").replaceAll("\\D", "") + "]"),
                    "its new namespaces on the screen:\n" + tree);
            LiveUiIT.tmux("send-keys", "-t", session, "r");
            LiveUiIT.until(session, "nscope: back in a shell in new");
            LiveUiIT.tmux("send-keys", "-t", session, "exit 2", "Enter");
            LiveUiIT.until(session, "exit status 2: a shell in new");
            for (int i = 0; i < 50 && Files.exists(Path.of("/proc", Integer.toString(pid))); i++) Thread.sleep(100);
            assertFalse(Files.exists(Path.of("/proc", Integer.toString(pid))), "it ended");
            LiveUiIT.tmux("send-keys", "-t", session, "q");
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
        }
    }

    /** nscope enter from a terminal: the child's terminal is a pty nscope relays, and keys like Ctrl-C reach the child only. */
    @Test
    void nscopeEnterFromATerminalRelaysAPtyOfItsOwn() throws Exception {
        int pid = init(2);
        String session = "nscope-test-enter-cli-" + ProcessHandle.current().pid();
        try {
            LiveUiIT.tmux(
                    "new-session",
                    "-d",
                    "-s",
                    session,
                    "-x",
                    "100",
                    "-y",
                    "30",
                    "-c",
                    PackagedJar.REPO.toAbsolutePath().normalize().toString(),
                    "bash --norc --noprofile");
            LiveUiIT.tmux(
                    "send-keys",
                    "-t",
                    session,
                    "-l",
                    "NSCOPE_AUDIT_LOG=" + tmp.resolve("actions.log") + " ./nscope enter " + pid + "; echo rc=$?");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            LiveUiIT.until(session, NAME + "-c2", 120); // the prompt shows the container's hostname
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "sleep 100");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            Thread.sleep(300);
            LiveUiIT.tmux("send-keys", "-t", session, "C-c");
            LiveUiIT.tmux("send-keys", "-t", session, "-l", "echo fds:; ls /proc/$$/fd; tty; echo done-$((6*7))");
            LiveUiIT.tmux("send-keys", "-t", session, "Enter");
            String shell = LiveUiIT.until(session, "done-42\n");
            assertTrue(
                    shell.matches("(?s).*fds:\n0\\s+1\\s+2\\s+255\n/dev/pts/.*"),
                    "bash's own 255 besides its terminal; nothing of nscope's:\n" + shell);
            String paneTty =
                    LiveUiIT.tmux("display", "-p", "-t", session, "#{pane_tty}").strip();
            assertFalse(shell.contains("\n" + paneTty + "\n"), shell);
            LiveUiIT.tmux("send-keys", "-t", session, "exit 4", "Enter");
            String after = LiveUiIT.until(session, "rc=4");
            assertFalse(after.contains("Exception"), after);
        } finally {
            LiveUiIT.tmux("kill-session", "-t", session);
        }
    }

    @Test
    void unshareRunsInNewNamespacesWithItsHostnameAndOwnProc() throws Exception {
        PackagedJar.Run r = nscope(
                "unshare",
                "--fork",
                "--mount-proc",
                "--hostname",
                "nscope-test-un",
                "--",
                "sh",
                "-c",
                "hostname; echo pid=$$; echo procs: $(ls /proc | grep -c '^[0-9]'); readlink /proc/self/ns/uts; exit 5");
        assertEquals(5, r.rc(), r.err());
        assertTrue(r.err().contains("nscope-test-un\npid=1\n"), r.err());
        assertTrue(
                r.err().matches("(?s).*procs: [1-4]\n.*"),
                "its own /proc shows only its processes (sh, a subshell, ls, grep):\n" + r.err());
        assertFalse(
                r.err().contains(link((int) ProcessHandle.current().pid(), "uts")), "a new uts namespace:\n" + r.err());
        PackagedJar.Run mapped = nscope("unshare", "--ns", "user", "--map-root", "--", "cat", "/proc/self/uid_map");
        assertEquals(0, mapped.rc(), mapped.err());
        assertTrue(mapped.err().strip().matches("0\\s+0\\s+1"), "the caller (root) mapped to root:\n" + mapped.err());
        for (String bad : new String[] {"a/b", "..", "x\u001b[2J", "-lead"}) {
            PackagedJar.Run h = nscope("unshare", "--hostname", bad, "--", "true");
            assertEquals(125, h.rc(), bad);
            assertTrue(h.err().startsWith("nscope: unshare: a hostname"), h.err());
            assertFalse(h.err().contains("\u001b"), "shown harmless: " + h.err());
        }
        assertNotEquals(0, nscope("unshare", "--ns", "bogus").rc());
    }
}
