package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * The live screen in a real terminal, as a person sees it: ./nscope run in
 * a tmux pane, keys sent with send-keys, the pane read with capture-pane;
 * after q the terminal must be as it was (no alternate screen, the same
 * stty settings, echo on).
 */
@LiveTest
class LiveUiIT {
    private static final Path REPO =
            Path.of(System.getProperty("nscope.repo", "..")).toAbsolutePath().normalize();
    private static final String SESSION =
            "nscope-test-ui-" + ProcessHandle.current().pid();

    static String tmux(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** nscope in a tmux session's pane: the shell's child (the launcher execs java). */
    static long nscopePid(String session) throws Exception {
        long shell = Long.parseLong(
                tmux("display", "-p", "-t", session, "#{pane_pid}").strip());
        return ProcessHandle.of(shell)
                .orElseThrow()
                .children()
                .findFirst()
                .orElseThrow()
                .pid();
    }

    /** The write system calls a process made so far (/proc/PID/io, syscw). */
    static long writeCalls(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io")))
            if (line.startsWith("syscw:"))
                return Long.parseLong(line.substring(6).strip());
        throw new IOException("no syscw in /proc/" + pid + "/io");
    }

    static String waitFor(String text, int seconds) throws IOException, InterruptedException {
        return until(SESSION, text, seconds);
    }

    @Test
    void theScreenRunsInTmuxAndGivesTheTerminalBack() throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        Path dir = Files.createTempDirectory("nscope-test-ui");
        try {
            tmux(
                    "new-session",
                    "-d",
                    "-s",
                    SESSION,
                    "-x",
                    "100",
                    "-y",
                    "30",
                    "-c",
                    REPO.toString(),
                    "bash --norc --noprofile");
            tmux("send-keys", "-t", SESSION, "stty -g > " + dir.resolve("before") + "; ./nscope --interval 1", "Enter");
            waitFor(" 2 Processes ", 120);
            assertEquals(
                    "1",
                    tmux("display", "-p", "-t", SESSION, "#{alternate_on}").strip(),
                    "the screen uses the alternate screen");
            tmux("send-keys", "-t", SESSION, "1");
            waitFor("pid (", 10);
            tmux("send-keys", "-t", SESSION, "3");
            waitFor("CGROUP", 10);
            tmux("send-keys", "-t", SESSION, "?");
            waitFor("nscope help", 10);
            // four screens drawn whole (and refreshes): Lanterna writes a character at a time, and unbuffered that
            // was thousands of write calls (as many packets over SSH) a frame; held, one per frame
            long writes = writeCalls(nscopePid(SESSION));
            assertTrue(writes < 1000, writes + " write calls for a few frames (some 10,000 unbuffered)");
            tmux("send-keys", "-t", SESSION, "x");
            tmux("resize-window", "-t", SESSION, "-x", "70", "-y", "20");
            waitFor("needs at least 80x24", 10);
            tmux("resize-window", "-t", SESSION, "-x", "120", "-y", "40");
            waitFor(" 3 Cgroups ", 10);
            tmux("send-keys", "-t", SESSION, "q");
            for (int i = 0;
                    i < 100
                            && !tmux("display", "-p", "-t", SESSION, "#{alternate_on}")
                                    .strip()
                                    .equals("0");
                    i++) Thread.sleep(100);
            tmux("send-keys", "-t", SESSION, "stty -g > " + dir.resolve("after") + "; echo done-$((6*7))", "Enter");
            String p = waitFor("done-42", 20);
            assertEquals(
                    "0", tmux("display", "-p", "-t", SESSION, "#{alternate_on}").strip(), "back on the normal screen");
            assertEquals(
                    Files.readString(dir.resolve("before")),
                    Files.readString(dir.resolve("after")),
                    "stty settings as before");
            assertFalse(p.contains("Exception"), p);
            assertTrue(p.contains("echo done-$((6*7))"), "typed text is echoed again:\n" + p);
        } finally {
            tmux("kill-session", "-t", SESSION);
            removeDir(dir);
        }
    }

    /**
     * K in a real terminal, end to end: a process of the test's own is found
     * by search, K names it with its start time, y sends SIGTERM, the process
     * ends by it, and the audit log has the line.
     */
    @Test
    void kSendsASignalToTheSelectedProcessAfterAsking() throws Exception {
        Path dir = Files.createTempDirectory("nscope-test-ui");
        Process target = new ProcessBuilder("sleep", "4343.5").start();
        String session = SESSION + "-k";
        try {
            startAsRoot(session, dir.resolve("actions.log"));
            // search selects the process's own row (and opens the tree down to it)
            tmux("send-keys", "-t", session, "/", "4343.5", "Enter");
            until(session, "found: ");
            tmux("send-keys", "-t", session, "K");
            String asked = until(session, "Send SIGTERM to 1 process?");
            assertTrue(
                    asked.contains("PID " + target.pid() + " (started ") && asked.contains(" ago at "),
                    "names the process it will signal:\n" + asked);
            tmux("send-keys", "-t", session, "y");
            assertTrue(target.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "the process ended");
            assertEquals(128 + 15, target.exitValue(), "by SIGTERM");
            // the line is written just after the signal is sent
            for (int i = 0; i < 100 && !Files.exists(dir.resolve("actions.log")); i++) Thread.sleep(50);
            String log = Files.readString(dir.resolve("actions.log"));
            assertTrue(
                    log.contains("\"action\":\"kill SIGTERM\"")
                            && log.contains("\"target\":\"pid " + target.pid() + " start "),
                    log);
            tmux("send-keys", "-t", session, "q");
        } finally {
            target.destroyForcibly();
            tmux("kill-session", "-t", session);
            removeDir(dir);
        }
    }

    /**
     * z and d in a real terminal on a freezer cgroup the test makes: frozen
     * after y (the kernel's freezer.state says so), thawed by z again, its
     * removal refused in words while a process is in it, then removed.
     */
    @Test
    void zFreezesAndDRemovesACgroupAfterAsking() throws Exception {
        Path freezer = Path.of("/sys/fs/cgroup/freezer");
        assumeTrue(Files.isDirectory(freezer), "a v1 freezer hierarchy");
        String name = "nscope-test-uiz-" + ProcessHandle.current().pid();
        Path cg = Files.createDirectory(freezer.resolve(name));
        Path dir = Files.createTempDirectory("nscope-test-ui");
        Process member = new ProcessBuilder("sleep", "4344").start();
        String session = SESSION + "-z";
        try {
            Files.writeString(cg.resolve("cgroup.procs"), Long.toString(member.pid()));
            startAsRoot(session, dir.resolve("actions.log"));
            tmux("send-keys", "-t", session, "3");
            until(session, "v1 freezer on /sys/fs/cgroup/freezer"); // the first whole scan's cgroup trees
            tmux("send-keys", "-t", session, "/", name, "Enter");
            until(session, "found: ");
            tmux("send-keys", "-t", session, "z");
            until(session, "Freeze every process of the cgroup freezer:/" + name + "?");
            tmux("send-keys", "-t", session, "y");
            assertEquals("FROZEN", awaited(cg.resolve("freezer.state"), "FROZEN"));
            until(session, "[frozen]");
            tmux("send-keys", "-t", session, "z");
            until(session, "Thaw the cgroup freezer:/" + name + "?");
            tmux("send-keys", "-t", session, "y");
            assertEquals("THAWED", awaited(cg.resolve("freezer.state"), "THAWED"));
            tmux("send-keys", "-t", session, "d");
            until(session, "Remove the cgroup freezer:/" + name + "?");
            tmux("send-keys", "-t", session, "y");
            until(session, "still holds processes");
            assertTrue(Files.isDirectory(cg));
            member.destroyForcibly();
            member.waitFor();
            Thread.sleep(1500); // a refresh that no longer sees the process in it
            tmux("send-keys", "-t", session, "d");
            until(session, "Remove the cgroup freezer:/" + name + "?");
            tmux("send-keys", "-t", session, "y");
            for (int i = 0; i < 100 && Files.isDirectory(cg); i++) Thread.sleep(100);
            assertFalse(Files.isDirectory(cg), "removed");
            String log = Files.readString(dir.resolve("actions.log"));
            for (int i = 0; i < 100 && log.lines().count() < 8; i++) { // the end line is written just after the rmdir
                Thread.sleep(50);
                log = Files.readString(dir.resolve("actions.log"));
            }
            assertEquals(
                    8,
                    log.lines().count(),
                    "a line before and one after each of freeze, thaw, a refused rmdir and a done one:\n" + log);
            tmux("send-keys", "-t", session, "q");
        } finally {
            member.destroyForcibly();
            member.waitFor();
            tmux("kill-session", "-t", session);
            if (Files.isDirectory(cg)) {
                Files.writeString(cg.resolve("freezer.state"), "THAWED");
                for (int i = 0; i < 50 && Files.isDirectory(cg); i++) {
                    try {
                        Files.delete(cg);
                    } catch (IOException e) {
                        Thread.sleep(50);
                    }
                }
            }
            removeDir(dir);
        }
    }

    /** A kernel file's text once it reads want, or what it reads after 10 s. */
    static String awaited(Path file, String want) throws IOException, InterruptedException {
        String now = Files.readString(file).strip();
        for (int i = 0; i < 100 && !now.equals(want); i++) {
            Thread.sleep(100);
            now = Files.readString(file).strip();
        }
        return now;
    }

    /** The pane once it shows text (a narrow pane wraps a message: looked for with the line ends taken out too). */
    static String until(String session, String text, int seconds) throws IOException, InterruptedException {
        String p = "";
        for (int i = 0; i < seconds * 10; i++) {
            p = paneOf(session);
            if (p.contains(text) || p.replace("\n", "").contains(text)) return p;
            Thread.sleep(100);
        }
        throw new AssertionError("the pane never showed '" + text + "':\n" + p);
    }

    static String until(String session, String text) throws IOException, InterruptedException {
        return until(session, text, 30);
    }

    /**
     * The pane once it shows text and has stopped changing: a capture can fall in the middle of a frame's
     * drawing (the lines already written from the new frame, the rest still the old one's).
     */
    static String untilSteady(String session, String text) throws IOException, InterruptedException {
        String p = until(session, text);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(300);
            String again = paneOf(session);
            if (again.equals(p)) return p;
            p = again;
        }
        return p;
    }

    /** ./nscope started as root in a new session, its audit log in auditLog, up to its first frame. */
    static void startAsRoot(String session, Path auditLog) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        tmux(
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "120",
                "-y",
                "40",
                "-c",
                REPO.toString(),
                "bash --norc --noprofile");
        tmux("send-keys", "-t", session, "NSCOPE_AUDIT_LOG=" + auditLog + " ./nscope --interval 1", "Enter");
        until(session, " 2 Processes ", 120);
    }

    /**
     * Removes a test's temporary directory and what is in it; the screen it
     * ran may still be writing its audit line when a test fails, so this
     * tries again for a moment instead of leaving the directory behind.
     */
    static void removeDir(Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) Files.delete(f);
            }
            try {
                Files.delete(dir);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 20) throw e;
                Thread.sleep(100);
            }
        }
    }

    static String paneOf(String session) throws IOException, InterruptedException {
        return tmux("capture-pane", "-t", session, "-p");
    }
}
