package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nscope.app.lab.Lab;
import nscope.app.lab.labs.Labs;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab run as CI runs it (nscope lab NAME --script --json, the
 * packaged jar, as root): every expected observation holds and nothing is
 * left; then interrupted by SIGTERM after each step, and killed with
 * SIGKILL mid-run (the next lab sweeps what it left): nothing left either.
 */
@LiveTest
class LabsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<String> labs() {
        return Labs.ALL.stream().map(Lab::name);
    }

    @ParameterizedTest
    @MethodSource("labs")
    void everyObservationHoldsAndNothingIsLeft(String name) throws Exception {
        PackagedJar.Run r =
                PackagedJar.run(tmp.resolve("audit.log"), java.util.Map.of(), "lab", name, "--script", "--json");
        List<JsonNode> steps = new ArrayList<>();
        for (String l : r.err().split("\n")) if (l.startsWith("{")) steps.add(JSON.readTree(l));
        assertEquals(0, r.rc(), r.err());
        Lab lab = Labs.named(name).orElseThrow();
        assertEquals(lab.steps().size(), steps.size(), r.err());
        for (JsonNode s : steps) {
            assertTrue(s.get("ok").asBoolean(), s.toPrettyString());
            assertTrue(s.get("observations").size() > 0, "every step observes the kernel: " + s);
        }
        assertEquals(List.of(), LabLeftovers.find());
        String audit = java.nio.file.Files.readString(tmp.resolve("audit.log"));
        assertTrue(audit.contains("\"lab\"") && audit.contains(name), audit);
    }

    @ParameterizedTest
    @MethodSource("labs")
    void sigtermAfterEachStepLeavesNothing(String name) throws Exception {
        int n = Labs.named(name).orElseThrow().steps().size();
        for (int after = 1; after < n; after++) {
            Process p = start("lab", name, "--script", "--json");
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < after; i++) assertTrue(out.readLine() != null, "step " + (i + 1) + " of " + name);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            out.close();
            assertEquals(List.of(), LabLeftovers.find(), name + " ended by SIGTERM after step " + after);
        }
    }

    @Test
    void aLabKilledWithSigkillIsSweptByTheNext() throws Exception {
        Process p = start("lab", "pid-fork", "--script", "--json");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(out.readLine() != null);
        p.destroyForcibly().waitFor();
        assertTrue(!LabLeftovers.find().isEmpty(), "a killed lab leaves its journal and cgroup for the next");
        PackagedJar.Run r =
                PackagedJar.run(tmp.resolve("audit.log"), java.util.Map.of(), "lab", "pid-fork", "--script");
        assertEquals(0, r.rc(), r.err());
        assertEquals(List.of(), LabLeftovers.find());
    }

    @Test
    void theListNamesEachLabFirst() throws Exception {
        PackagedJar.Run r = PackagedJar.run(tmp.resolve("audit.log"), java.util.Map.of(), "lab");
        assertEquals(0, r.rc(), r.err());
        List<String> lines = List.of(r.err().strip().split("\n"));
        assertEquals(Labs.ALL.size(), lines.size(), r.err());
        for (int i = 0; i < lines.size(); i++) {
            Lab l = Labs.ALL.get(i);
            assertTrue(lines.get(i).startsWith(l.name() + " ") && lines.get(i).endsWith(l.title()), lines.get(i));
        }
        PackagedJar.Run bad = PackagedJar.run(tmp.resolve("audit.log"), java.util.Map.of(), "lab", "no-such");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("no lab named 'no-such'") && !bad.err().contains("Exception"), bad.err());
    }

    private Process start(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                PackagedJar.REPO.resolve("app/target/nscope.jar").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NSCOPE_AUDIT_LOG", tmp.resolve("audit.log").toString());
        return pb.start();
    }
}
