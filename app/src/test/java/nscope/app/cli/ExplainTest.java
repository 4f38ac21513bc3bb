package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * `nscope explain` on the recorded synth-host: the JSON names are the ones the lens guide (app/src/main/man/lens.md) documents (each of
 * them named there), what a recording cannot tell is null with its reason, the text fits 80 columns, and a
 * task that is not there is one nscope: line.
 */
class ExplainTest {
    static final String FIXTURE =
            FixtureGoldenTest.repo().resolve("fixtures/synth-host").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    /** The documented names: the top level, a level, a thread, a cgroup, a user namespace. */
    static final Set<String> TOP = Set.of(
            "tid",
            "tgid",
            "thread",
            "comm",
            "state",
            "startTime",
            "readAt",
            "source",
            "levels",
            "threadGroup",
            "cgroups",
            "parent",
            "parentInNs",
            "reaper",
            "init",
            "children",
            "pidForChildren",
            "pidForChildrenDiffers",
            "timeForChildren",
            "timeForChildrenDiffers",
            "userNamespaces",
            "capabilities");

    static final Set<String> LEVEL = Set.of(
            "level",
            "ns",
            "owner",
            "pid",
            "tgid",
            "pgid",
            "sid",
            "init",
            "lastPid",
            "lastPidReadAt",
            "lastPidIncludesReader");

    static JsonNode explain(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--root", FIXTURE, "explain"));
        argv.addAll(List.of(args));
        argv.add("--json");
        Cli.Run r = Cli.run(argv.toArray(String[]::new));
        assertEquals(0, r.rc(), r.err());
        return JSON.readTree(r.out());
    }

    static Set<String> names(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> i = n.fieldNames(); i.hasNext(); ) out.add(i.next());
        return out;
    }

    /** The names without their "NAMEUnknown" companions, which stand beside a null. */
    static Set<String> known(JsonNode n) {
        Set<String> out = names(n);
        for (String s : names(n)) {
            if (!s.endsWith("Unknown")) continue;
            String of = s.substring(0, s.length() - "Unknown".length());
            assertTrue(n.get(of) != null && n.get(of).isNull(), s + " stands beside a null " + of);
            out.remove(s);
        }
        return out;
    }

    @Test
    void theJsonNamesAreTheDocumentedOnes() throws Exception {
        JsonNode j = explain("20606");
        assertEquals(TOP, known(j));
        assertEquals(20606, j.get("tid").asInt());
        assertEquals(20601, j.get("tgid").asInt());
        assertTrue(j.get("thread").asBoolean());
        assertEquals(2, j.get("levels").size());
        for (JsonNode level : j.get("levels")) {
            assertEquals(LEVEL, known(level));
            assertTrue(level.get("lastPid").isNull());
            assertEquals(
                    "not available for a recording",
                    level.get("lastPidUnknown").get("reason").asText());
            assertTrue(level.get("ns").isNumber(), "the pid namespace's inode as a number");
        }
        JsonNode inner = j.get("levels").get(1);
        assertEquals(6, inner.get("tgid").asInt());
        assertEquals(20593, inner.get("init").asInt());
        assertTrue(j.get("cgroups").isNull(), "a thread's own cgroup file is not recorded");
        assertEquals(
                "not available for a recording",
                j.get("cgroupsUnknown").get("reason").asText());
        assertEquals(Set.of("leader", "threads"), names(j.get("threadGroup")));
        for (JsonNode t : j.get("threadGroup").get("threads"))
            assertEquals(Set.of("tid", "comm", "state", "nsPid", "nsDiffers", "cgroupsDiffer"), known(t));
        String section = Files.readString(FixtureGoldenTest.repo().resolve("app/src/main/man/lens.md"));
        Set<String> all = new TreeSet<>(TOP);
        all.addAll(LEVEL);
        all.addAll(Set.of(
                "lastPidUnknown",
                "pidForChildrenUnknown",
                "timeForChildrenOffsets",
                "hierarchy",
                "path",
                "leaderPath",
                "differs",
                "nsDiffers",
                "cgroupsDiffer",
                "uidMap",
                "gidMap",
                "ownerUid",
                "uid",
                "gid"));
        for (String n : all) assertTrue(section.contains("\"" + n + "\""), "the lens guide documents \"" + n + "\"");
    }

    @Test
    void aLeaderInARecordingHasItsCgroupsFromProcPidCgroup() throws Exception {
        JsonNode j = explain("20601");
        assertEquals(10, j.get("cgroups").size());
        for (JsonNode c : j.get("cgroups")) {
            assertEquals(Set.of("id", "hierarchy", "path", "differs"), names(c));
            if (c.get("id").asInt() == 0) assertEquals("v2", c.get("hierarchy").asText());
        }
        assertEquals(20593, j.get("parent").get("pid").asInt());
        assertEquals(1, j.get("parentInNs").asInt());
        assertEquals(Set.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"), names(j.get("capabilities")));
    }

    @Test
    void theTextFitsEightyColumnsAndSaysWhatEachFieldIs() {
        Cli.Run r = Cli.run("--root", FIXTURE, "explain", "20604");
        assertEquals(0, r.rc(), r.err());
        for (String line : r.out().split("\n")) assertTrue(line.length() <= 80, line);
        assertTrue(r.out().contains("    2 "), "three levels\n" + r.out());
        assertTrue(r.out().contains("it is PID 1 of pid:["), r.out());
        assertTrue(r.out().contains("NSpid in /proc/20604/task/20604/status"), r.out());
    }

    @Test
    void aTaskThatIsNotThereIsOneLine() {
        Cli.Run r = Cli.run("--root", FIXTURE, "explain", "999999");
        assertEquals(1, r.rc());
        assertEquals("nscope: no task 999999 in this recording\n", r.err());
        Cli.Run bad = Cli.run("--root", FIXTURE, "explain", "0");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().startsWith("nscope: PID|TID must be a positive number"), bad.err());
    }
}
