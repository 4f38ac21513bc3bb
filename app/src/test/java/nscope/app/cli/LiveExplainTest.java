package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nscope.kernel.Kernel;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * `nscope explain` on the live host, run in this JVM: nscope's own process and one of its threads, every
 * field of the JSON compared with /proc/self (status, task/TID/status, cgroup, the ns links).
 */
@LiveTest
class LiveExplainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SELF = "/proc/self";

    static JsonNode explain(long tid) throws IOException {
        Cli.Run r = Cli.run("explain", Long.toString(tid), "--json");
        assertEquals(0, r.rc(), r.err());
        return JSON.readTree(r.out());
    }

    static List<String> field(String file, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(file)))
            if (line.startsWith(key + ":"))
                return List.of(line.substring(key.length() + 1).trim().split("\\s+"));
        throw new AssertionError(file + " has no " + key);
    }

    static long ino(String link) throws IOException {
        String t = Files.readSymbolicLink(Path.of(link)).toString();
        return Long.parseLong(t.substring(t.indexOf('[') + 1, t.length() - 1));
    }

    static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : a) out.add(x.asInt());
        return out;
    }

    /** What every task of this JVM shares, and what a task's own status says, against the lens. */
    static void compare(JsonNode j, String dir) throws IOException {
        List<String> nsPid = field(dir + "/status", "NSpid");
        JsonNode levels = j.get("levels");
        assertEquals(nsPid.size(), levels.size());
        for (int i = 0; i < nsPid.size(); i++) {
            JsonNode v = levels.get(i);
            assertEquals(Integer.parseInt(nsPid.get(i)), v.get("pid").asInt());
            assertEquals(
                    Integer.parseInt(field(dir + "/status", "NStgid").get(i)),
                    v.get("tgid").asInt());
            assertEquals(
                    Integer.parseInt(field(dir + "/status", "NSpgid").get(i)),
                    v.get("pgid").asInt());
            assertEquals(
                    Integer.parseInt(field(dir + "/status", "NSsid").get(i)),
                    v.get("sid").asInt());
        }
        JsonNode host = levels.get(0);
        assertEquals(ino(dir + "/ns/pid"), host.get("ns").asLong());
        assertEquals(ino(dir + "/ns/user"), host.get("owner").asLong());
        assertEquals(1, host.get("init").asInt());
        assertTrue(host.get("lastPid").isIntegralNumber(), String.valueOf(host));
        assertTrue(host.get("lastPidIncludesReader").asBoolean());
        assertEquals(
                Integer.parseInt(field(SELF + "/status", "PPid").get(0)),
                j.get("parent").get("pid").asInt());
        assertEquals(ino(dir + "/ns/pid_for_children"), j.get("pidForChildren").asLong());
        assertEquals(
                ino(dir + "/ns/time_for_children"), j.get("timeForChildren").asLong());
        assertTrue(!j.get("pidForChildrenDiffers").asBoolean());
        List<String> cgroups = new ArrayList<>();
        for (JsonNode c : j.get("cgroups"))
            cgroups.add(c.get("id").asInt() + ":"
                    + (c.get("hierarchy").asText().equals("v2")
                            ? ""
                            : c.get("hierarchy").asText()) + ":" + c.get("path").asText());
        assertEquals(
                Files.readAllLines(Path.of(dir + "/cgroup")).stream()
                        .filter(s -> !s.isEmpty())
                        .toList(),
                cgroups);
        for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"))
            assertEquals(
                    field(dir + "/status", set).get(0),
                    j.get("capabilities").get(set).get("hex").asText(),
                    set);
        JsonNode user = j.get("userNamespaces").get(j.get("userNamespaces").size() - 1);
        assertEquals(ino(dir + "/ns/user"), user.get("ns").asLong());
        assertEquals(
                Long.parseLong(field(dir + "/status", "Uid").get(0)),
                user.get("uid").asLong());
    }

    @Test
    void nscopesOwnProcess() throws IOException {
        long pid = ProcessHandle.current().pid();
        JsonNode j = explain(pid);
        assertEquals(pid, j.get("tid").asLong());
        assertTrue(!j.get("thread").asBoolean());
        assertEquals("live", j.get("source").asText());
        compare(j, SELF + "/task/" + pid);
        assertEquals(pid, j.get("threadGroup").get("threads").get(0).get("tid").asLong(), "the leader first");
        assertTrue(j.get("threadGroup").get("threads").size() > 5, "a JVM has threads");
    }

    @Test
    void aThreadOfNscopesOwnProcess() throws Exception {
        Kernel k = Kernel.load();
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(
                () -> {
                    tid.complete(k.gettid());
                    try {
                        done.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "nscope-test-lens-thread");
        t.start();
        try {
            int me = tid.get(10, TimeUnit.SECONDS);
            long pid = ProcessHandle.current().pid();
            JsonNode j = explain(me);
            assertEquals(me, j.get("tid").asInt());
            assertEquals(pid, j.get("tgid").asLong());
            assertTrue(j.get("thread").asBoolean());
            String dir = SELF + "/task/" + me;
            compare(j, dir);
            JsonNode member = null;
            for (JsonNode m : j.get("threadGroup").get("threads"))
                if (m.get("tid").asInt() == me) member = m;
            assertTrue(member != null, "the thread is in its group");
            List<Integer> nsPid = field(dir + "/status", "NSpid").stream()
                    .map(Integer::parseInt)
                    .toList();
            assertEquals(nsPid, ints(member.get("nsPid")));
            assertEquals(List.of(), ints(member.get("nsDiffers")));
            for (JsonNode c : j.get("cgroups")) assertTrue(c.has("leaderPath"), "a thread's cgroups name the leader's");
        } finally {
            done.countDown();
            t.join(10_000);
        }
    }
}
