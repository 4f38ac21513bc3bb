package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real mount namespace (see {@link MountNamespace}) with tmpfs mounts at
 * hostile paths and an overlay: nscope mounts must give what findmnt gives
 * for it, list the overlay's layers exactly, draw and escape the tree, and
 * replay a capture of it identically.
 */
@LiveTest
class LiveMountsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void root() throws IOException {
        assumeTrue(
                Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t0\t0\t0"), "needs root: it mounts");
    }

    @Test
    void jsonMatchesFindmntAndListsTheOverlayLayers() throws Exception {
        try (MountNamespace ns = new MountNamespace()) {
            String pid = Integer.toString(ns.pid());
            Cli.Run r = Cli.run("mounts", pid, "--json");
            assertEquals(0, r.rc(), r.err());
            assertEquals("", r.err());
            JsonNode ours = MAPPER.readTree(r.out());
            JsonNode theirs = MAPPER.readTree(findmnt(pid));

            List<String> mine = new ArrayList<>(), peer = new ArrayList<>();
            List<String> myEdges = new ArrayList<>(), peerEdges = new ArrayList<>();
            flatten(ours.get("filesystems"), "", mine, myEdges);
            flatten(theirs.get("filesystems"), "", peer, peerEdges);
            assertTrue(mine.size() >= 5, "the root, and our four mounts: " + mine);
            assertEquals(sorted(peer), sorted(mine), "(target, source, fstype, options) of every mount");
            assertEquals(sorted(peerEdges), sorted(myEdges), "parent -> child");
            assertEquals(
                    strip(theirs.get("filesystems")),
                    strip(ours.get("filesystems")),
                    "the same tree, in findmnt's order");

            JsonNode o = find(ours.get("filesystems"), ns.dir("o").toString());
            assertEquals("overlay", o.get("fstype").asText());
            assertEquals("nscope-test-ov", o.get("source").asText());
            JsonNode layers = o.get("overlay");
            assertEquals(
                    List.of(
                            ns.dir("l1").toString(),
                            ns.dir("l:2").toString(),
                            ns.dir("l 3").toString()),
                    texts(layers.get("lowerdirs")));
            assertEquals(List.of(), texts(layers.get("datadirs")));
            assertEquals(ns.dir("u").toString(), layers.get("upperdir").asText());
            assertEquals(ns.dir("w").toString(), layers.get("workdir").asText());
            assertEquals(Integer.parseInt(pid), ours.get("readThrough").asInt());
            JsonNode nl =
                    find(ours.get("filesystems"), ns.dir(MountNamespace.NEWLINE).toString());
            assertEquals("nscope-test-nl", nl.get("source").asText(), "a newline in a target is kept exactly in JSON");
            assertEquals("private", nl.get("propagation").asText());
        }
    }

    @Test
    void textDrawsTheTreeAndEscapesSpacesAndNewlines() throws Exception {
        try (MountNamespace ns = new MountNamespace()) {
            Cli.Run r = Cli.run("mounts", Integer.toString(ns.pid()));
            assertEquals(0, r.rc(), r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.get(0).matches("TARGET +SOURCE +FSTYPE +PROPAGATION +OPTIONS"), lines.get(0));
            assertTrue(lines.get(1).startsWith("/ "), "the root, without a branch: " + lines.get(1));
            String b = ns.base.toString();
            line(lines, "├─" + b + "/t", "nscope-test-t tmpfs private rw,");
            line(lines, "├─" + b + "/sp\\x20ace", "nscope-test-sp tmpfs private rw,");
            line(lines, "├─" + b + "/new\\nline", "nscope-test-nl tmpfs private rw,");
            int o = line(lines, "└─" + b + "/o", "nscope-test-ov overlay private rw,");
            assertFalse(lines.get(o).contains("lowerdir="), "the layers are on their own lines: " + lines.get(o));
            List<String> layers = List.of(
                    "lower: " + b + "/l1",
                    "lower: " + b + "/l:2",
                    "lower: " + b + "/l\\x203",
                    "upper: " + b + "/u",
                    "work: " + b + "/w");
            for (int i = 0; i < layers.size(); i++) {
                String l = lines.get(o + 1 + i);
                assertTrue(
                        l.endsWith(" " + layers.get(i))
                                && l.substring(0, l.length() - layers.get(i).length())
                                        .matches("[│ ]+"),
                        "layer line " + i + ": '" + l + "'");
            }
            r.out()
                    .chars()
                    .forEach(c -> assertFalse(
                            c < 0x20 && c != '\n', "raw control U+" + Integer.toHexString(c) + " on stdout"));
        }
    }

    @Test
    void aCaptureReplaysTheMountsIdentically() throws Exception {
        try (MountNamespace ns = new MountNamespace()) {
            String pid = Integer.toString(ns.pid());
            Path dir = ns.dir("nscope-test-capture");
            Cli.Run c = Cli.run("capture", dir.toString());
            assertEquals(0, c.rc(), c.err());
            assertTrue(c.err().startsWith("nscope: captured "), c.err());
            assertTrue(
                    Pattern.compile(", [1-9][0-9]* mount tables into ")
                            .matcher(c.err())
                            .find(),
                    c.err());
            assertTrue(
                    Files.isRegularFile(dir.resolve("proc").resolve(pid).resolve("mountinfo")),
                    "the namespace's mountinfo is recorded");
            for (List<String> args : List.of(List.of("mounts", pid, "--json"), List.of("mounts", pid))) {
                Cli.Run live = Cli.run(args.toArray(new String[0]));
                List<String> replayArgs = new ArrayList<>(List.of("--root", dir.toString()));
                replayArgs.addAll(args);
                Cli.Run replay = Cli.run(replayArgs.toArray(new String[0]));
                assertEquals(0, live.rc(), live.err());
                assertEquals(0, replay.rc(), replay.err());
                assertEquals(live.out(), replay.out(), String.join(" ", args));
                assertEquals("", replay.err());
            }
            // one mountinfo per mount namespace, read through one member (proc/self/mountinfo,
            // nscope's own table where the cgroup phase finds the hierarchies, aside)
            Cli.Run mnt = Cli.run("--root", dir.toString(), "ls", "--threads", "-t", "mnt", "--json");
            assertEquals(0, mnt.rc(), mnt.err());
            int namespaces = MAPPER.readTree(mnt.out()).get("namespaces").size();
            try (var s = Files.walk(dir.resolve("proc"))) {
                long recorded = s.filter(f -> f.getFileName().toString().equals("mountinfo"))
                        .filter(f -> !f.getParent().getFileName().toString().equals("self"))
                        .count();
                assertTrue(
                        Files.isRegularFile(dir.resolve("proc/self/mountinfo")),
                        "nscope's own table, for the cgroup hierarchies");
                assertEquals(namespaces, recorded, "mountinfo files in the capture");
            }
            assertTrue(namespaces >= 2, "the host's mount namespace and the test's");
        }
    }

    private static String findmnt(String pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("findmnt", "-J", "-N", pid, "-o", "TARGET,SOURCE,FSTYPE,OPTIONS").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "findmnt did not end");
        assertEquals(0, p.exitValue(), "findmnt: " + err);
        return out;
    }

    /** Each mount as "target|source|fstype|options", and each parent-child pair of those. */
    private static void flatten(JsonNode list, String parent, List<String> rows, List<String> edges) {
        for (JsonNode n : list) {
            String row = n.get("target").asText() + "|" + n.get("source").asText(null) + "|"
                    + n.get("fstype").asText() + "|" + n.get("options").asText();
            rows.add(row);
            if (!parent.isEmpty()) edges.add(parent + " -> " + row);
            if (n.has("children")) flatten(n.get("children"), row, rows, edges);
        }
    }

    /** The tree with only findmnt's four fields and children. */
    private static JsonNode strip(JsonNode list) {
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode n : list) {
            ObjectNode m = out.addObject();
            for (String f : List.of("target", "source", "fstype", "options")) m.set(f, n.get(f));
            if (n.has("children")) m.set("children", strip(n.get("children")));
        }
        return out;
    }

    private static JsonNode find(JsonNode list, String target) {
        for (JsonNode n : list) {
            if (n.get("target").asText().equals(target)) return n;
            if (n.has("children")) {
                JsonNode f = find(n.get("children"), target);
                if (f != null) return f;
            }
        }
        return null;
    }

    /** The index of the one line whose tree branch and target are given, checking its other cells. */
    private static int line(List<String> lines, String branchAndTarget, String cells) {
        Pattern p = Pattern.compile("^[│ ]*" + Pattern.quote(branchAndTarget) + " ");
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!p.matcher(lines.get(i)).find()) continue;
            assertEquals(-1, found, "two lines for " + branchAndTarget);
            found = i;
        }
        assertTrue(found > 0, "no line for " + branchAndTarget + " in\n" + String.join("\n", lines));
        String folded = lines.get(found).replaceAll(" {2,}", " ");
        assertTrue(folded.contains(branchAndTarget + " " + cells), folded);
        return found;
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
