package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * A real process whose name is an attack on the terminal (it retitles the
 * window and recolours the text): nscope shows the name, escaped, in text,
 * and the exact name in JSON, and no control byte reaches stdout.
 */
@LiveTest
class LiveHostileNameTest {
    @Test
    void aProcessNamedWithEscapesCannotDriveTheTerminal() throws Exception {
        // comm is the first 15 bytes of the executable's name
        String name = "x\u001b]0;pwn\u0007\u001b[31m)";
        Path dir = Files.createDirectories(
                Path.of("/run/nscope-test/hostile-" + ProcessHandle.current().pid()));
        Process p = null;
        try {
            Path exe = Files.createSymbolicLink(dir.resolve(name), Path.of("/bin/sleep"));
            // in a net namespace of its own, so that it is the one its ls row names
            p = new ProcessBuilder("unshare", "--net", exe.toString(), "600").start();
            String pid = Long.toString(p.pid());
            waitForComm(p.pid(), name);

            Cli.Run text = Cli.run("ls", "-p", pid, "-t", "net");
            assertEquals(0, text.rc(), text.err());
            assertTrue(text.out().contains(dir + "/x\\x1b]0;pwn\\x07\\x1b[31m) 600\n"), text.out());
            assertNoControls(text.out());

            Cli.Run json = Cli.run("snapshot", "--json");
            assertEquals(0, json.rc(), json.err());
            assertNoControls(json.out());
            for (JsonNode t : new ObjectMapper().readTree(json.out()).get("tasks")) {
                if (t.get("tid").asLong() == p.pid()) {
                    assertEquals(name, t.get("comm").asText(), "JSON keeps the exact name");
                    assertEquals(exe.toString(), t.get("cmdline").get(0).asText());
                    return;
                }
            }
            throw new AssertionError("process " + pid + " not in the snapshot");
        } finally {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            try (var s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s::iterator) Files.delete(f);
            }
            Files.delete(dir);
            try {
                Files.deleteIfExists(dir.getParent()); // only when no other test has something there
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // another test's (or run's) directory is beside ours: it removes its own
            }
        }
    }

    private static void waitForComm(long pid, String name) throws Exception {
        Path comm = Path.of("/proc/" + pid + "/comm");
        for (int i = 0; i < 100; i++) {
            if (Files.readString(comm).strip().equals(name)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("comm of " + pid + " never became the hostile name: " + Files.readString(comm));
    }

    private static void assertNoControls(String out) {
        out.chars()
                .forEach(c -> assertFalse(
                        c < 0x20 && c != '\n' || c == 0x7f || (c >= 0x80 && c < 0xa0),
                        "raw control U+" + Integer.toHexString(c) + " on stdout"));
    }
}
