package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import nscope.app.json.SnapshotJson;
import nscope.probes.Capture;
import nscope.probes.Collector;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespace facts on synth-host, compared with what nsenter + hostname and
 * nsenter + ip -j addr print inside each container; and a capture of a
 * host with a namespaced child replays the same facts JSON.
 */
@LiveTest
class LiveFactsTest {
    private static final String NAME = "nscope-test-facts";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean up;

    @BeforeAll
    static void up() throws Exception {
        LiveHost.up(NAME, "--containers", "3");
        up = true;
    }

    @AfterAll
    static void down() throws Exception {
        if (up) LiveHost.down(NAME);
    }

    @Test
    void hostnamesAndInterfacesAreWhatTheContainersSee() throws Exception {
        Cli.Run r = Cli.run("snapshot", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode snap = JSON.readTree(r.out());
        Map<String, JsonNode> byIno = new HashMap<>();
        for (JsonNode n : snap.get("namespaces")) byIno.put(n.get("ns").asText(), n);
        Map<Integer, JsonNode> tasks = new HashMap<>();
        for (JsonNode t : snap.get("tasks")) tasks.put(t.get("tid").asInt(), t);
        TreeSet<String> hostnames = new TreeSet<>();
        int nets = 0;
        for (JsonNode n : snap.get("namespaces")) {
            if (!n.get("type").asText().equals("uts")) continue;
            String host = n.path("facts").path("hostname").asText("");
            if (!host.startsWith(NAME + "-c")) continue;
            hostnames.add(host);
            String pid = n.get("processes").get(0).asText();
            assertEquals(
                    LiveHost.run("nsenter", "--target", pid, "--uts", "hostname")
                            .strip(),
                    host);
            JsonNode net = byIno.get(
                    tasks.get(Integer.parseInt(pid)).get("ns").get("net").asText());
            JsonNode ours = net.get("facts").get("interfaces");
            assertTrue(ours != null, "net facts of " + pid + ": " + net.get("facts"));
            JsonNode ip = JSON.readTree(LiveHost.run("nsenter", "--target", pid, "--net", "ip", "-j", "addr"));
            assertEquals(ipView(ip), oursView(ours), "interfaces of container " + host);
            List<String> names = new ArrayList<>();
            ours.forEach(i -> names.add(i.get("name").asText()));
            assertTrue(names.contains("lo"), names.toString());
            nets++;
        }
        assertEquals(new TreeSet<>(List.of(NAME + "-c1", NAME + "-c2", NAME + "-c3")), hostnames);
        assertEquals(3, nets);
    }

    /** index name mtu operstate mac [addresses] per interface, from ip -j addr. */
    private static List<String> ipView(JsonNode ip) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : ip) {
            List<String> addrs = new ArrayList<>();
            for (JsonNode a : i.get("addr_info"))
                addrs.add(a.get("local").asText() + "/" + a.get("prefixlen").asText());
            out.add(i.get("ifindex").asInt() + " " + i.get("ifname").asText() + " "
                    + i.get("mtu").asInt() + " "
                    + i.get("operstate").asText() + " " + i.path("address").asText("-") + " " + new TreeSet<>(addrs)
                    + " " + i.get("flags").toString().contains("\"UP\""));
        }
        return out;
    }

    private static List<String> oursView(JsonNode ours) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : ours) {
            List<String> addrs = new ArrayList<>();
            i.get("addresses").forEach(a -> addrs.add(a.asText()));
            out.add(i.get("index").asInt() + " " + i.get("name").asText() + " "
                    + i.get("mtu").asInt() + " "
                    + i.get("operstate").asText() + " "
                    + (i.get("mac").isNull() ? "-" : i.get("mac").asText()) + " "
                    + new TreeSet<>(addrs) + " " + i.get("flags").toString().contains("\"UP\""));
        }
        return out;
    }

    @Test
    void aCaptureReplaysTheSameFacts(@TempDir Path tmp) throws Exception {
        Process child = new ProcessBuilder(
                        "unshare",
                        "--user",
                        "--map-root-user",
                        "--uts",
                        "--net",
                        "--ipc",
                        "--time",
                        "--monotonic",
                        "77",
                        "--fork",
                        "sh",
                        "-c",
                        "hostname nscope-test-replay; ip link set lo up; ip addr add 192.0.2.7/24 dev lo; ipcmk -Q >/dev/null; echo up; exec sleep 120")
                .redirectErrorStream(true)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertEquals("up", line);
            Path dir = tmp.resolve("capture");
            Snapshot live = Capture.into(Host.liveNative(), dir);
            Snapshot replay = new Collector(Host.under(dir)).collect();
            Map<String, String> a = factsJson(live), b = factsJson(replay);
            assertEquals(a, b);
            assertTrue(
                    a.values().stream().anyMatch(f -> f.contains("\"hostname\":\"nscope-test-replay\"")), a.toString());
            assertTrue(a.values().stream().anyMatch(f -> f.contains("192.0.2.7/24")), a.toString());
            assertTrue(a.values().stream().anyMatch(f -> f.contains("\"msg\":1")), a.toString());
            assertTrue(a.values().stream().anyMatch(f -> f.contains("\"monotonic\":{\"sec\":77")), a.toString());
            assertTrue(a.values().stream().anyMatch(f -> f.contains("\"uidMap\":[[0,0,1]]")), a.toString());
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** ns inode -> its "facts" object as compact JSON. */
    private static Map<String, String> factsJson(Snapshot s) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            SnapshotJson.write(s, g);
        }
        Map<String, String> out = new TreeMap<>();
        for (JsonNode n : JSON.readTree(w.toString()).get("namespaces"))
            if (n.has("facts"))
                out.put(
                        n.get("type").asText() + " " + n.get("ns").asText(),
                        n.get("facts").toString());
        return out;
    }
}
