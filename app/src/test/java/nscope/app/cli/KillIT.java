package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nscope kill on real processes, run as a user runs it (the packaged jar in
 * its own JVM, the audit log pointed at a temporary file): the signal
 * reaches the process named, a start time that does not match is refused
 * and nothing is sent, an exited PID and an unknown signal are said in one
 * line, and every attempt is one line of the audit log.
 */
@LiveTest
class KillIT {
    @TempDir
    Path tmp;

    PackagedJar.Run kill(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("kill"));
        argv.addAll(List.of(args));
        return PackagedJar.run(
                tmp.resolve("actions.log"),
                java.util.Map.of("SUDO_USER", "nscope-test-operator"),
                argv.toArray(String[]::new));
    }

    List<JsonNode> audit() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve("actions.log"))) out.add(new ObjectMapper().readTree(l));
        return out;
    }

    static long startOf(long pid) throws Exception {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(s.substring(s.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Test
    void theSignalReachesTheProcessItNamesAndIsLogged() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "1000").start();
        try {
            long start = startOf(sleeper.pid());
            PackagedJar.Run r = kill("-s", "TERM", "--start", Long.toString(start), Long.toString(sleeper.pid()));
            assertEquals(0, r.rc(), r.err());
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + 15, sleeper.exitValue(), "ended by SIGTERM");
            List<JsonNode> lines = audit();
            assertEquals(
                    List.of("begin", "end"),
                    lines.stream().map(l -> l.get("phase").asText()).toList(),
                    "a line before the signal, one after");
            for (JsonNode line : lines) {
                assertEquals("kill SIGTERM", line.get("action").asText());
                assertEquals(
                        "pid " + sleeper.pid() + " start " + start,
                        line.get("target").asText());
                assertEquals(0, line.get("uid").asInt(), "the user as the kernel knows it");
                assertTrue(line.has("loginuid"), line.toString());
                assertEquals("nscope-test-operator", line.get("sudoUser").asText(), "SUDO_USER, only beside the uid");
            }
            assertTrue(lines.get(1).get("ok").asBoolean());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aStartTimeThatDoesNotMatchIsRefusedAndNothingIsSent() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "1000").start();
        try {
            long start = startOf(sleeper.pid());
            PackagedJar.Run r = kill("-s", "KILL", "--start", Long.toString(start + 1), Long.toString(sleeper.pid()));
            assertEquals(1, r.rc());
            assertTrue(
                    r.err().contains("PID " + sleeper.pid() + " is now another process")
                            && r.err().contains("nothing sent"),
                    r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(sleeper.waitFor(300, TimeUnit.MILLISECONDS), "still running");
            assertFalse(audit().get(audit().size() - 1).get("ok").asBoolean());
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anExitedPidAndAnUnknownSignalAreSaidInOneLine() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        PackagedJar.Run r = kill(Long.toString(gone.pid()));
        assertEquals(1, r.rc());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(
                r.err().contains("PID " + gone.pid() + " does not exist")
                        || r.err().contains("has exited"),
                r.err());
        PackagedJar.Run bad = kill("-s", "NOPE\u001b[2J", "1");
        assertEquals(2, bad.rc());
        assertTrue(
                bad.err().contains("unknown signal 'NOPE?[2J'"),
                "named, with its control byte made harmless: " + bad.err());
        assertEquals(
                1,
                audit().size(),
                "the exited PID's attempt is logged; an unknown signal is refused before anything is tried");
    }
}
