package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's `nscope explain` as a user runs it: the moment a class wants to see (`unshare -p`
 * without a fork: "no PID 1 yet", the next child will be PID 1), and a process at the bottom of two nested
 * pid namespaces whose ns_last_pid at each level comes from a child placed there.
 */
@LiveTest
class ExplainIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    static void waitFor(long pid, String comm) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals(comm)) return;
            Thread.sleep(10);
        }
        throw new AssertionError(pid + " never became " + comm);
    }

    @Test
    void unshareWithoutForkSaysNoPid1YetInJsonAndText() throws Exception {
        Process p = new ProcessBuilder("unshare", "--pid", "sleep", "300").start();
        try {
            waitFor(p.pid(), "sleep");
            PackagedJar.Run r =
                    PackagedJar.run(dir.resolve("audit.log"), Map.of(), "explain", Long.toString(p.pid()), "--json");
            assertEquals(0, r.rc(), r.err());
            JsonNode j = JSON.readTree(r.err());
            assertTrue(j.get("pidForChildren").isNull(), r.err());
            assertEquals(
                    "no PID 1 yet", j.get("pidForChildrenUnknown").get("reason").asText());
            PackagedJar.Run text =
                    PackagedJar.run(dir.resolve("audit.log"), Map.of(), "explain", Long.toString(p.pid()));
            assertEquals(0, text.rc(), text.err());
            assertTrue(text.err().contains("pid_for_children   none yet:"), text.err());
            assertTrue(text.err().replaceAll("\\s+", " ").contains("its next child will be PID 1 there"), text.err());
        } finally {
            kill(p);
        }
    }

    @Test
    void aProcessTwoLevelsDownHasALastPidAtEveryLevel() throws Exception {
        Process p = new ProcessBuilder(
                        "unshare",
                        "--pid",
                        "--fork",
                        "--mount-proc",
                        "unshare",
                        "--pid",
                        "--fork",
                        "--mount-proc",
                        "sleep",
                        "300")
                .start();
        try {
            ProcessHandle sleep = null;
            for (int i = 0; i < 500 && sleep == null; i++) {
                sleep = p.descendants()
                        .filter(h -> h.info().command().orElse("").endsWith("/sleep"))
                        .findFirst()
                        .orElse(null);
                if (sleep == null) Thread.sleep(10);
            }
            assertTrue(sleep != null, "the nested sleep started");
            PackagedJar.Run r = PackagedJar.run(
                    dir.resolve("audit.log"), Map.of(), "explain", Long.toString(sleep.pid()), "--json");
            assertEquals(0, r.rc(), r.err());
            JsonNode levels = JSON.readTree(r.err()).get("levels");
            assertEquals(3, levels.size());
            for (JsonNode v : levels) assertTrue(v.get("lastPid").isIntegralNumber(), String.valueOf(v));
            assertEquals(1, levels.get(2).get("pid").asInt(), "sleep is PID 1 of the inner namespace");
            assertEquals(2, levels.get(2).get("lastPid").asInt(), "the reader took PID 2 there, after sleep's 1");
        } finally {
            kill(p);
        }
    }
}
