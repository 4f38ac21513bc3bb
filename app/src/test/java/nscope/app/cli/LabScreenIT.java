package nscope.app.cli;

import static nscope.app.cli.LiveUiIT.nscopePid;
import static nscope.app.cli.LiveUiIT.tmux;
import static nscope.app.cli.LiveUiIT.until;
import static nscope.app.cli.LiveUiIT.untilSteady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab on the live screen in a real terminal, as a teacher gives it: ./nscope lab pid-fork in a tmux
 * pane, Space for each step; each step's observations are seen and the tree follows the object the step
 * made or changed (the pane names the selected process, and its row is marked); q leaves the lab, which
 * removes everything it made. Left midway by q, and ended midway by SIGTERM: nothing left either.
 */
@LiveTest
class LabScreenIT {
    private static final Path REPO =
            Path.of(System.getProperty("nscope.repo", "..")).toAbsolutePath().normalize();
    private static final Pattern FOLLOWS = Pattern.compile("the tree follows its task (\\d+)");
    /** The observations pid-fork's steps make, in order. */
    private static final int[] OBSERVATIONS = {2, 3, 2, 2};

    @TempDir
    Path tmp;

    @Test
    void pidForkStepByStepTheTreeFollowsEachStepAndQLeavesNothing() throws Exception {
        String s = session("all");
        try {
            start(s);
            for (int i = 1; i <= 4; i++) {
                tmux("send-keys", "-t", s, "Space");
                String p = untilSteady(s, "step " + i + "/4 done");
                assertTrue(p.contains("(every observation seen)"), p);
                assertFalse(p.contains("NOT SEEN"), p);
                assertEquals(OBSERVATIONS[i - 1], count(p, "\n  seen: "), "step " + i + "'s observations\n" + p);
                Matcher m = FOLLOWS.matcher(until(s, "the tree follows its task"));
                assertTrue(m.find());
                String pid = m.group(1);
                p = until(s, "selected: process " + pid + " ", 20);
                assertTrue(p.contains("[lab step " + i + "]"), "the step's row is marked\n" + p);
                assertTrue(p.contains("lab pid-fork, step " + i + "/4"), p);
                if (i == 2) assertTrue(p.contains("NSpid [" + pid + ", 1]"), "the first child is PID 1 inside\n" + p);
            }
            tmux("send-keys", "-t", s, "Space");
            until(s, "that was the lab's last step");
            tmux("send-keys", "-t", s, "b");
            until(s, "step 3/4 done");
            tmux("send-keys", "-t", s, "q");
            until(s, "left the lab pid-fork: everything it made was removed");
            assertEquals(List.of(), leftovers());
            String p = until(s, "q quit");
            assertFalse(p.contains("[lab step"), p);
            tmux("send-keys", "-t", s, "q");
            awaitExit(s);
            String audit = Files.readString(tmp.resolve("actions.log"));
            assertTrue(audit.contains("\"lab\"") && audit.contains("left after 4 of 4 steps, nothing left"), audit);
        } finally {
            tmux("kill-session", "-t", s);
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void qMidwayLeavesTheLabAndNothingIsLeft() throws Exception {
        String s = session("q");
        try {
            start(s);
            tmux("send-keys", "-t", s, "Space");
            until(s, "step 1/4 done");
            tmux("send-keys", "-t", s, "n");
            until(s, "step 2/4 done");
            assertFalse(leftovers().isEmpty(), "the lab's cgroup and journal are there midway");
            tmux("send-keys", "-t", s, "Escape");
            until(s, "left the lab pid-fork: everything it made was removed");
            assertEquals(List.of(), leftovers());
            tmux("send-keys", "-t", s, "q");
            awaitExit(s);
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    @Test
    void sigtermMidwayRemovesEverythingAndGivesTheTerminalBack() throws Exception {
        String s = session("term");
        try {
            start(s);
            tmux("send-keys", "-t", s, "Space");
            until(s, "step 1/4 done");
            tmux("send-keys", "-t", s, "Space");
            until(s, "step 2/4 done");
            long nscope = nscopePid(s);
            ProcessHandle h = ProcessHandle.of(nscope).orElseThrow();
            assertTrue(
                    h.info().commandLine().orElse("").contains("lab pid-fork"),
                    h.info().toString());
            new ProcessBuilder("kill", "-TERM", Long.toString(nscope)).start().waitFor();
            h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            awaitExit(s);
            assertEquals(List.of(), leftovers());
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    private static String session(String name) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        return "nscope-test-lab-" + name + "-" + ProcessHandle.current().pid();
    }

    /** ./nscope --interval 1 lab pid-fork as root in a new tmux session s, up to the lab's first step. */
    private void start(String s) throws Exception {
        tmux("new-session", "-d", "-s", s, "-x", "120", "-y", "40", "-c", REPO.toString(), "bash --norc --noprofile");
        tmux(
                "send-keys",
                "-t",
                s,
                "NSCOPE_AUDIT_LOG=" + tmp.resolve("actions.log") + " ./nscope --interval 1 lab pid-fork",
                "Enter");
        until(s, "lab pid-fork, step 1/4: unshare a pid namespace", 120);
        until(s, "Space or n runs its first step");
    }

    /** The screen is gone: the pane is back on its normal screen. */
    private static void awaitExit(String s) throws Exception {
        for (int i = 0;
                i < 200
                        && !tmux("display", "-p", "-t", s, "#{alternate_on}")
                                .strip()
                                .equals("0");
                i++) Thread.sleep(100);
        assertEquals("0", tmux("display", "-p", "-t", s, "#{alternate_on}").strip(), "the terminal given back");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }

    /**
     * What labs left, leaving out the labs another nscope runs right now (a parallel test run on this host):
     * those of journals whose owner is alive and not this test's nscope.
     */
    static List<String> leftovers() throws IOException {
        List<String> others = new ArrayList<>();
        Path labs = Path.of("/run/nscope/labs");
        if (Files.isDirectory(labs))
            try (Stream<Path> runs = Files.list(labs)) {
                for (Path d : runs.toList()) {
                    try {
                        long pid = Long.parseLong(
                                Files.readString(d.resolve("owner")).strip().split(" ")[0]);
                        // its command line as the kernel holds it (ProcessHandle's may be empty for a long one)
                        String cmd = new String(
                                        Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                .replace('\0', ' ');
                        boolean theirs = !cmd.contains("lab pid-fork") || cmd.contains("--script");
                        if (theirs) others.add(d.getFileName().toString());
                    } catch (IOException | RuntimeException e) {
                        // no owner yet: counted as left
                    }
                }
            }
        List<String> left = new ArrayList<>();
        for (String l : LabLeftovers.all())
            if (others.stream()
                    .noneMatch(id ->
                            l.contains("nscope-lab-" + id) || l.endsWith("/labs/" + id) || l.contains("/lab" + id)))
                left.add(l);
        return left;
    }
}
