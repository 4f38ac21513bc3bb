package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nscope mounts on the mountinfo files in fixtures/mountinfo (peer test
 * data: an overlay whose layer options cannot be parsed, and the
 * propagation cases of util-linux's own findmnt test file mountinfo-messy),
 * replayed as kthreadd's table of the plain-host fixture, against what
 * findmnt 2.38 printed for the same files ({@code findmnt --tab-file FILE -J
 * -o ID,TARGET,FSTYPE,PROPAGATION}, recorded beside them as
 * FILE.findmnt.json) and, where findmnt is installed, against what it
 * prints now.
 */
class MountinfoPeerDataTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tree;

    @BeforeEach
    void tree() throws IOException {
        Path fx = FixtureGoldenTest.repo().resolve("fixtures/plain-host");
        MountsReplayTest.copy(fx.resolve("proc/2"), tree.resolve("proc/2"));
        MountsReplayTest.copy(fx.resolve("etc"), tree.resolve("etc"));
        Files.copy(fx.resolve("nsfs.ids"), tree.resolve("nsfs.ids"));
    }

    private static Path peer(String name) {
        return FixtureGoldenTest.repo().resolve("fixtures/mountinfo").resolve(name);
    }

    private Cli.Run mounts(String file, String... args) throws IOException {
        Files.copy(peer(file), tree.resolve("proc/2/mountinfo"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String[] all = new String[args.length + 4];
        all[0] = "--root";
        all[1] = tree.toString();
        all[2] = "mounts";
        all[3] = "2";
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(all);
    }

    /** findmnt's four fields of every mount, nested as findmnt nests them; nscope's JSON cut down to the same. */
    private static JsonNode cut(JsonNode filesystems) {
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode m : filesystems) {
            ObjectNode o = out.addObject();
            o.put("id", m.get("id").asInt());
            for (String f : List.of("target", "fstype", "propagation"))
                o.put(f, m.get(f).asText());
            if (m.has("children")) o.set("children", cut(m.get("children")));
        }
        return out;
    }

    private void sameAsFindmnt(String file) throws Exception {
        Cli.Run r = mounts(file, "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode ours = cut(MAPPER.readTree(r.out()).get("filesystems"));
        JsonNode recorded =
                cut(MAPPER.readTree(peer(file + ".findmnt.json").toFile()).get("filesystems"));
        assertEquals(recorded, ours, file + ": nscope mounts --json against findmnt's recorded output");
        String now = findmnt(peer(file));
        if (now != null)
            assertEquals(cut(MAPPER.readTree(now).get("filesystems")), ours, file + ": against findmnt run now");
    }

    /** findmnt's JSON for a saved mountinfo, or null when findmnt is not installed. */
    private static String findmnt(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("findmnt", "--tab-file", file.toString(), "-J", "-o", "ID,TARGET,FSTYPE,PROPAGATION")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return null; // no findmnt here: the recorded output stands alone
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "findmnt did not end");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Item 17: findmnt's exact words, "private,slave", "shared,slave", "private,unbindable", ... */
    @Test
    void propagationIsInFindmntsExactWords() throws Exception {
        sameAsFindmnt("mountinfo-messy-propagation");
        Cli.Run r = mounts("mountinfo-messy-propagation", "--json");
        String json = r.out();
        for (String words : List.of("\"private,slave\"", "\"shared,slave\"", "\"private,unbindable\""))
            assertTrue(json.contains(words), words + " in " + json);
        assertFalse(json.contains("\"propagation\" : \"slave\""), json);
        assertFalse(json.contains("\"propagation\" : \"unbindable\""), json);
    }

    /** Item 16: the overlay is kept with its layers unknown (with why), and its submounts stay under it. */
    @Test
    void anOverlayWhoseLayersCannotBeParsedIsKeptWithItsSubmounts() throws Exception {
        sameAsFindmnt("overlay-odd-layers");
        Cli.Run r = mounts("overlay-odd-layers", "--json");
        JsonNode root = MAPPER.readTree(r.out()).get("filesystems").get(0);
        JsonNode o = root.get("children").get(0);
        assertEquals("/srv/o", o.get("target").asText());
        assertTrue(o.get("overlay").isNull(), o.toString());
        assertEquals("malformed", o.get("unknown").get("layers").get("reason").asText());
        assertTrue(
                o.get("unknown").get("layers").get("detail").asText().contains("'/l1::'"),
                o.get("unknown").toString());
        assertEquals("/srv/o/data", o.get("children").get(0).get("target").asText(), "the submount stays under it");
        JsonNode p = root.get("children").get(1);
        assertEquals("/srv/p", p.get("target").asText());
        assertTrue(p.get("unknown").get("layers").get("detail").asText().contains("no lower layer"), p.toString());
        JsonNode q = root.get("children").get(2);
        assertEquals(
                List.of("/a", "/b"),
                List.of(
                        q.get("overlay").get("lowerdirs").get(0).asText(),
                        q.get("overlay").get("lowerdirs").get(1).asText()));
        assertFalse(q.has("unknown"));

        Cli.Run text = mounts("overlay-odd-layers");
        assertEquals(0, text.rc(), text.err());
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.get(2).startsWith("├─/srv/o "), text.out());
        assertTrue(
                lines.get(3).matches("│ │ +layers: unknown \\(overlay: lowerdir '/l1::' ends in a colon\\)"),
                lines.get(3));
        assertTrue(lines.get(4).startsWith("│ └─/srv/o/data "), text.out());
        assertTrue(lines.get(2).contains("lowerdir=/l1::"), "its options are shown whole: " + lines.get(2));
        assertEquals(
                List.of(
                        "nscope: 2 mount table problems (malformed)",
                        "nscope: first: " + tree.resolve("proc/2/mountinfo")
                                + ":2: malformed (mount ID 21 kept; layers: overlay: lowerdir '/l1::' ends in a colon)"),
                text.err().lines().toList());
    }
}
