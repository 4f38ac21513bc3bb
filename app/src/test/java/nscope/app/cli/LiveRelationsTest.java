package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On synth-host with user namespaces, nested pid namespaces and hidden
 * network namespaces: parents and owners are what lsns says (PNS, ONS),
 * and every hidden namespace is found with what holds it.
 */
@LiveTest
class LiveRelationsTest {
    private static final String NAME = "nscope-test-rel";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean up;

    @BeforeAll
    static void up() throws Exception {
        LiveHost.up(NAME, "--containers", "5", "--depth", "3", "--userns", "--hidden", "6");
        up = true;
    }

    @AfterAll
    static void down() throws Exception {
        if (up) LiveHost.down(NAME);
    }

    @Test
    void parentsAndOwnersAreWhatLsnsSays() throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 6; attempt++) {
            Map<String, String> lsns = new HashMap<>();
            flatten(
                    JSON.readTree(LiveHost.run("lsns", "-J", "-o", "NS,TYPE,PNS,ONS"))
                            .get("namespaces"),
                    lsns);
            Cli.Run r = Cli.run("ls", "--json", "--tree", "parent");
            assertEquals(0, r.rc(), r.err());
            Map<String, String> ours = new HashMap<>();
            flatten(JSON.readTree(r.out()).get("namespaces"), ours);
            assertTrue(lsns.size() > 5 * 8, "lsns listed " + lsns.size());
            long userns =
                    lsns.values().stream().filter(v -> v.startsWith("user ")).count();
            assertTrue(userns >= 6, "the containers' user namespaces: " + userns);
            Map<String, String> differ = new HashMap<>();
            lsns.forEach((ns, v) -> {
                if (ours.containsKey(ns) && !ours.get(ns).equals(v))
                    differ.put(ns, "lsns " + v + " / nscope " + ours.get(ns));
            });
            long missing =
                    lsns.keySet().stream().filter(ns -> !ours.containsKey(ns)).count();
            if (differ.isEmpty() && missing == 0) return;
            last = differ + ", " + missing + " missing";
            Thread.sleep(300); // a process came or went between the two listings
        }
        throw new AssertionError("never agreed with lsns: " + last);
    }

    @Test
    void everyHiddenNetworkNamespaceIsFoundWithItsHolder() throws Exception {
        Path state = Path.of("/run/synth-host", NAME);
        Map<String, String> expected = new HashMap<>(); // inode -> "mount" or "fd"
        for (String name : Files.readAllLines(state.resolve("netns")))
            expected.put(
                    LiveHost.run("stat", "-L", "-c", "%i", "/run/netns/" + name).strip(), "mount");
        for (String pid : Files.readAllLines(state.resolve("pids"))) {
            Path fd3 = Path.of("/proc", pid.strip(), "fd", "3");
            // synth-host opens fd 3 0.05 s after starting `unshare --net`: on a loaded machine that can be before the
            // unshare, and the fd then holds the host's own namespace, which is not hidden: not one it made
            if (Files.isSymbolicLink(fd3)
                    && Files.readSymbolicLink(fd3).toString().startsWith("net:[")
                    && !Files.readSymbolicLink(fd3).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net"))))
                expected.put(
                        LiveHost.run("stat", "-L", "-c", "%i", fd3.toString()).strip(), "fd");
        }
        assertTrue(
                expected.size() >= 4 && expected.containsValue("fd"),
                "synth-host --hidden 6 made 3 bind-mounted and up to 3 fd-held: " + expected);
        Cli.Run r = Cli.run("snapshot", "--json");
        assertEquals(0, r.rc(), r.err());
        Map<String, JsonNode> byIno = new HashMap<>();
        for (JsonNode n : JSON.readTree(r.out()).get("namespaces"))
            byIno.put(n.get("ns").asText(), n);
        expected.forEach((ino, kind) -> {
            JsonNode n = byIno.get(ino);
            assertTrue(n != null, "hidden net:[" + ino + "] not found");
            assertEquals("net", n.get("type").asText());
            assertTrue(n.get("hidden").asBoolean(), ino);
            assertTrue(
                    n.get("holders").findValuesAsText("kind").contains(kind),
                    ino + " held by " + kind + ": " + n.get("holders"));
            assertTrue(n.get("relations").get("owner").isNumber(), "its owner is known: " + n.get("relations"));
        });
    }

    /** ns -> "type pns ons", from lsns -J (nested "children") or ls --json --tree. */
    private static void flatten(JsonNode list, Map<String, String> out) {
        if (list == null) return;
        for (JsonNode n : list) {
            out.put(
                    n.get("ns").asText(),
                    n.get("type").asText() + " " + n.get("pns").asText() + " "
                            + n.get("ons").asText());
            flatten(n.get("children"), out);
        }
    }
}
