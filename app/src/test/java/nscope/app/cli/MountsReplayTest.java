package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nscope mounts on a replayed tree: kthreadd (PID 2) of the plain-host
 * fixture, given a mountinfo written here, so the whole command (text and
 * JSON) is checked against exact output; and the ways it fails.
 */
class MountsReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MOUNTINFO = String.join(
            "\n",
            "22 27 0:21 / /proc rw,relatime - proc proc rw",
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
            "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,mode=755",
            "25 24 0:23 / /dev/shm rw,nosuid shared:3 - tmpfs tmpfs rw",
            "40 27 0:40 / /srv/o rw,relatime - overlay ov rw,lowerdir=/l1:/l\\134:2,upperdir=/u,workdir=/w,uuid=on",
            "41 40 254:0 /var/a\\040b /srv/o/t\\012b rw - ext4 /dev/vda rw",
            "");

    @TempDir
    Path tree;

    @BeforeEach
    void tree() throws IOException {
        Path fx = FixtureGoldenTest.repo().resolve("fixtures/plain-host");
        copy(fx.resolve("proc/2"), tree.resolve("proc/2"));
        copy(fx.resolve("etc"), tree.resolve("etc"));
        Files.copy(fx.resolve("nsfs.ids"), tree.resolve("nsfs.ids"));
    }

    /** Copies a tree, links as links. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    private Cli.Run mounts(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--root";
        all[1] = tree.toString();
        all[2] = "mounts";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    @Test
    void textIsTheTreeWithLayersAndEscapes() throws IOException {
        Files.writeString(tree.resolve("proc/2/mountinfo"), MOUNTINFO);
        Cli.Run r = mounts("2");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        assertEquals(
                String.join(
                        "\n",
                        "TARGET          SOURCE                FSTYPE   PROPAGATION OPTIONS",
                        "/               /dev/vda              ext4     private     rw,relatime,discard",
                        "├─/proc         proc                  proc     private     rw,relatime",
                        "├─/dev          devtmpfs              devtmpfs private     rw,relatime,mode=755",
                        "│ └─/dev/shm    tmpfs                 tmpfs    shared:3    rw,nosuid",
                        "└─/srv/o        ov                    overlay  private     rw,relatime,uuid=on",
                        "  │                                                        lower: /l1",
                        "  │                                                        lower: /l:2",
                        "  │                                                        upper: /u",
                        "  │                                                        work: /w",
                        "  └─/srv/o/t\\nb /dev/vda[/var/a\\x20b] ext4     private     rw",
                        ""),
                r.out());
        // without the header, PROPAGATION is only as wide as its widest value
        List<String> bare = mounts("2", "-n").out().lines().toList();
        assertEquals(10, bare.size());
        assertEquals("/               /dev/vda              ext4     private  rw,relatime,discard", bare.get(0));
    }

    @Test
    void jsonHasFindmntsShapeAndTheExtras() throws IOException {
        Files.writeString(tree.resolve("proc/2/mountinfo"), MOUNTINFO);
        Cli.Run r = mounts("2", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode j = MAPPER.readTree(r.out());
        assertEquals(2, j.get("pid").asInt());
        assertEquals(2, j.get("readThrough").asInt());
        assertEquals(4026531832L, j.get("mntns").asLong());
        JsonNode fs = j.get("filesystems");
        assertEquals(1, fs.size());
        JsonNode root = fs.get(0);
        assertEquals(
                List.of(
                        "target",
                        "source",
                        "fstype",
                        "options",
                        "id",
                        "parent",
                        "maj:min",
                        "fsroot",
                        "mountSource",
                        "vfsOptions",
                        "fsOptions",
                        "propagation",
                        "children"),
                fieldNames(root));
        assertEquals("/", root.get("target").asText());
        assertEquals(27, root.get("id").asInt());
        assertEquals(1, root.get("parent").asInt());
        assertEquals("254:0", root.get("maj:min").asText());
        assertEquals("private", root.get("propagation").asText());
        List<String> children = new java.util.ArrayList<>();
        root.get("children").forEach(c -> children.add(c.get("target").asText()));
        assertEquals(List.of("/proc", "/dev", "/srv/o"), children, "children by mount ID, as findmnt orders them");
        JsonNode shm = root.get("children").get(1).get("children").get(0);
        assertEquals("shared", shm.get("propagation").asText());
        assertEquals(3, shm.get("peerGroup").asInt());
        assertFalse(shm.has("children"), "no empty children, as findmnt -J");
        JsonNode o = root.get("children").get(2);
        assertEquals(
                "rw,relatime,lowerdir=/l1:/l\\:2,upperdir=/u,workdir=/w,uuid=on",
                o.get("options").asText());
        assertEquals(
                List.of("/l1", "/l:2"),
                List.of(
                        o.get("overlay").get("lowerdirs").get(0).asText(),
                        o.get("overlay").get("lowerdirs").get(1).asText()));
        assertEquals(0, o.get("overlay").get("datadirs").size());
        assertEquals("/u", o.get("overlay").get("upperdir").asText());
        assertEquals("/w", o.get("overlay").get("workdir").asText());
        JsonNode bind = o.get("children").get(0);
        assertEquals("/srv/o/t\nb", bind.get("target").asText(), "JSON keeps the exact name");
        assertEquals("/dev/vda[/var/a b]", bind.get("source").asText());
        assertEquals("/var/a b", bind.get("fsroot").asText());
        assertEquals("/dev/vda", bind.get("mountSource").asText());
    }

    @Test
    void aMalformedLineIsLeftOutAndSaidOnStderr() throws IOException {
        Files.writeString(tree.resolve("proc/2/mountinfo"), MOUNTINFO.replace("24 27 0:6", "24 27 0_6"));
        Cli.Run r = mounts("2");
        assertEquals(0, r.rc(), r.err());
        assertFalse(r.out().contains("/dev "), r.out());
        // its child lost its parent: it is a root of its own
        assertTrue(r.out().contains("\n/dev/shm "), r.out());
        assertEquals(
                List.of(
                        "nscope: 1 mount table problem (malformed)",
                        "nscope: first: " + tree.resolve("proc/2/mountinfo")
                                + ":3: malformed (mountinfo: device '0_6' is not MAJOR:MINOR)"),
                r.err().lines().toList());
    }

    @Test
    void aMissingProcessOrAnUnreadableTableIsOneLineAndNonZero() throws IOException {
        assertCleanError(mounts("77"), "no process 77");
        // a fixture captured before mount tables were recorded: its mountinfo is simply not there
        Files.delete(tree.resolve("proc/2/mountinfo"));
        Cli.Run old = mounts("2");
        assertCleanError(
                old, "cannot read the mount table of process 2 (mnt:[4026531832]): unknown (not provided by kernel)");
        assertTrue(old.err().contains("not in the fixture"), old.err());
        // a refused read, as a capture records it
        Files.writeString(tree.resolve("outcomes"), "EACCES proc/2/mountinfo\n");
        assertCleanError(
                mounts("2"), "cannot read the mount table of process 2 (mnt:[4026531832]): unknown (permission)");
        // the mount namespace itself refused: PID 1 of the fixture
        copy(FixtureGoldenTest.repo().resolve("fixtures/plain-host/proc/1"), tree.resolve("proc/1"));
        Files.writeString(tree.resolve("outcomes"), "EACCES proc/1/task/1/ns/mnt\n");
        assertCleanError(mounts("1"), "the mount namespace of process 1 is unknown (permission)");
        Cli.Run bad = mounts("x");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().startsWith("nscope: "), bad.err());
    }

    private static void assertCleanError(Cli.Run r, String start) {
        assertNotEquals(0, r.rc(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("nscope: " + start), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
