package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's terminal never reaches a container or an entered process:
 * in a tmux pane (an operator's shell on a terminal), a program inside
 * tries TIOCSTI with every descriptor it holds and with /dev/tty, typing a
 * command for the operator's shell. With nscope's input from /dev/null, from
 * a pipe, or the terminal itself (then the child has a pty of its own), as
 * root with CAP_SYS_ADMIN (--privileged) and without it (the default), for
 * nscope run and nscope enter: the command never runs. A control run of the
 * same program straight in the shell shows that the typed command would run.
 */
@LiveTest
class ContainerTerminalIT {
    private static final ContainerHost H = new ContainerHost("tty", 12);
    private static final String SESSION = "nscope-test-tty-" + H.me;
    private static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        assumeTrue(
                Files.readString(Path.of("/proc/sys/dev/tty/legacy_tiocsti"))
                        .strip()
                        .equals("1"),
                "this kernel refuses TIOCSTI to everyone (dev.tty.legacy_tiocsti=0): nothing to prove");
        H.setUp();
        image = H.probeImage("tty", true);
    }

    @AfterAll
    static void tearDown() throws Exception {
        LiveUiIT.tmux("kill-session", "-t", SESSION);
        assertEquals(List.of(), H.tearDown(), "nothing left behind");
        H.remove();
    }

    /** Runs a line in the pane, then another: anything typed into the shell's input meanwhile has run by then. */
    private static String inPane(String line, int n) throws Exception {
        LiveUiIT.tmux("send-keys", "-t", SESSION, "-l", line + "; echo done-$((" + n + "*1))");
        LiveUiIT.tmux("send-keys", "-t", SESSION, "Enter");
        String pane = LiveUiIT.until(SESSION, "done-" + n, 60);
        Thread.sleep(500);
        LiveUiIT.tmux("send-keys", "-t", SESSION, "-l", "echo after-$((" + n + "*1))");
        LiveUiIT.tmux("send-keys", "-t", SESSION, "Enter");
        LiveUiIT.until(SESSION, "after-" + n, 30);
        return pane;
    }

    @Test
    void nothingInsideCanTypeIntoTheOperatorsShell() throws Exception {
        String ctr = H.run("nscope-test-y" + H.me + "e", image.toString(), "--", "sleep", "1000");
        StringBuilder env = new StringBuilder("export NSCOPE_AUDIT_LOG=" + H.audit);
        H.env.forEach((k, v) -> env.append(' ').append(k).append('=').append(v));
        LiveUiIT.tmux(
                "new-session",
                "-d",
                "-s",
                SESSION,
                "-x",
                "160",
                "-y",
                "50",
                "-c",
                PackagedJar.REPO.toAbsolutePath().normalize().toString(),
                "bash --norc --noprofile");
        LiveUiIT.tmux("send-keys", "-t", SESSION, "-l", env + "; clear");
        LiveUiIT.tmux("send-keys", "-t", SESSION, "Enter");

        Path control = H.base.resolve("control");
        String typed = "$'touch " + control + "\\n'";
        inPane(image.resolve("probe") + " tiocsti " + typed + " >/dev/null", 1);
        for (int i = 0; i < 50 && !Files.exists(control); i++) Thread.sleep(100);
        assertTrue(
                Files.exists(control),
                "control: a root process holding the operator's terminal can type a command into the shell");

        String run = "./nscope run --rm --name nscope-test-y" + H.me, enter = "./nscope enter";
        List<String> cases = List.of(
                run + "a --privileged " + image + " -- /probe tiocsti @ </dev/null",
                run + "b " + image + " -- /probe tiocsti @ </dev/null",
                "echo x | " + run + "c --privileged " + image + " -- /probe tiocsti @",
                run + "d --privileged " + image + " -- /probe tiocsti @",
                enter + " --privileged " + ctr + " -- /probe tiocsti @ </dev/null",
                "echo x | " + enter + " " + ctr + " -- /probe tiocsti @",
                enter + " --privileged " + ctr + " -- /probe tiocsti @");
        for (int i = 0; i < cases.size(); i++) {
            Path pwned = H.base.resolve("pwned-" + i);
            String pane = inPane(cases.get(i).replace("@", "$'touch " + pwned + "\\n'") + " 2>&1 | tail -n 40", 10 + i);
            assertTrue(pane.contains("dev_tty="), "the probe ran: " + cases.get(i) + "\n" + pane);
            assertFalse(Files.exists(pwned), "typed into the operator's shell by: " + cases.get(i) + "\n" + pane);
        }
        LiveUiIT.tmux(
                "send-keys",
                "-t",
                SESSION,
                "-l",
                "cat " + H.base.resolve("pwned-*") + " 2>&1 | head -3; echo checked-$((7*6))");
        LiveUiIT.tmux("send-keys", "-t", SESSION, "Enter");
        assertTrue(LiveUiIT.until(SESSION, "checked-42", 20).contains("No such file"));
    }
}
