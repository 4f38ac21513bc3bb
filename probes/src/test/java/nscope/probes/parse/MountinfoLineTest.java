package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import nscope.probes.mounts.DeviceNumber;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.OverlayLayers;
import org.junit.jupiter.api.Test;

/**
 * mountinfo lines, plain and hostile. The plain ones are real lines from
 * /proc/self/mountinfo of the development VM and of mount namespaces made
 * there with unshare; the hostile ones are those lines edited.
 */
class MountinfoLineTest {
    static final String ROOT =
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534";
    static final String SHARED =
            "157 27 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534";
    static final String RO_TMPFS =
            "28 27 0:25 / /mnt/sandboxing/model_tools_env/v1/python ro,nosuid,nodev,relatime - tmpfs model_tools_unavailable ro,size=4k,mode=755";
    /** mount -t overlay with lowerdir=.../l1:.../l\:2:.../l 3 (the kernel shows the mounter's string, escaped) */
    static final String OVERLAY = "4080 4028 0:375 / /run/nscope-test/exp/o rw,relatime - overlay nscope-test-ov "
            + "rw,lowerdir=/run/nscope-test/exp/l1:/run/nscope-test/exp/l\\134:2:/run/nscope-test/exp/l\\0403,"
            + "upperdir=/run/nscope-test/exp/u,workdir=/run/nscope-test/exp/w,uuid=on";

    @Test
    void aPlainLineGivesEveryField() throws Malformed {
        Mount m = MountinfoLine.parse(ROOT);
        assertEquals(27, m.id());
        assertEquals(1, m.parentId());
        assertEquals(new DeviceNumber(254, 0), m.device());
        assertEquals("254:0", m.device().toString());
        assertEquals("/", m.root());
        assertEquals("/", m.mountPoint());
        assertEquals(List.of("rw", "relatime"), m.options());
        assertTrue(m.propagation().isPrivate());
        assertEquals("private", m.propagation().tags());
        assertEquals("ext4", m.fsType());
        assertEquals("/dev/vda", m.source());
        assertEquals(List.of("rw", "discard", "resv_strict", "resuid=65534", "resgid=65534"), m.superOptions());
        assertEquals(Optional.empty(), m.overlay());
        assertFalse(m.readOnly());
        assertTrue(MountinfoLine.parse(RO_TMPFS).readOnly());
    }

    @Test
    void optionalFieldsGivePropagation() throws Malformed {
        Mount shared = MountinfoLine.parse(SHARED);
        assertEquals(OptionalInt.of(1), shared.propagation().shared());
        assertEquals("/run/netns", shared.root());
        assertEquals("shared:1", shared.propagation().tags());
        // proc(5)'s example
        Mount slave =
                MountinfoLine.parse("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
        assertEquals(OptionalInt.of(1), slave.propagation().master());
        assertEquals(OptionalInt.empty(), slave.propagation().shared());
        assertEquals("private,slave", slave.propagation().kinds(), "findmnt's words");
        Mount several =
                MountinfoLine.parse(ROOT.replace("relatime -", "relatime shared:12 master:3 propagate_from:2 -"));
        assertEquals(OptionalInt.of(12), several.propagation().shared());
        assertEquals(OptionalInt.of(3), several.propagation().master());
        assertEquals(OptionalInt.of(2), several.propagation().propagateFrom());
        assertEquals(
                "shared:12,master:3,propagate_from:2", several.propagation().tags());
        assertEquals("shared,slave", several.propagation().kinds());
        assertEquals("ext4", several.fsType());
        Mount unbindable = MountinfoLine.parse(ROOT.replace("relatime -", "relatime unbindable -"));
        assertTrue(unbindable.propagation().unbindable());
        assertFalse(unbindable.propagation().isPrivate());
        assertEquals("private,unbindable", unbindable.propagation().kinds(), "findmnt's words");
        assertEquals("private", MountinfoLine.parse(ROOT).propagation().kinds());
        // a tag a newer kernel might add is kept, not dropped
        Mount future = MountinfoLine.parse(ROOT.replace("relatime -", "relatime shared:4 newtag:9 -"));
        assertEquals(List.of("newtag:9"), future.propagation().other());
        assertEquals("shared:4,newtag:9", future.propagation().tags());
    }

    @Test
    void octalEscapesInPathsAndSourceAreDecodedExactly() throws Malformed {
        // real: tmpfs on ".../t a", tmpfs from "nscope test\src" on ".../t<newline>b", a bind on ".../x\y"
        Mount space = MountinfoLine.parse(
                "4049 4028 0:371 / /run/nscope-test/exp/t\\040a rw,relatime - tmpfs nscope-test-t rw");
        assertEquals("/run/nscope-test/exp/t a", space.mountPoint());
        Mount nl = MountinfoLine.parse(
                "4073 4028 0:373 / /run/nscope-test/exp/t\\012b rw,relatime - tmpfs nscope\\040test\\134src rw");
        assertEquals("/run/nscope-test/exp/t\nb", nl.mountPoint());
        assertEquals("nscope test\\src", nl.source());
        Mount bind = MountinfoLine.parse(
                "4075 4028 254:0 /run/nscope-test/exp/l1 /run/nscope-test/exp/x\\134y rw,relatime - ext4 /dev/vda rw");
        assertEquals("/run/nscope-test/exp/x\\y", bind.mountPoint());
        assertEquals("/run/nscope-test/exp/l1", bind.root());
        // a tab, in the root too; a backslash followed by digits that are themselves escaped
        Mount tab = MountinfoLine.parse("50 27 254:0 /a\\011b /c\\134\\060\\061\\062 rw - ext4 /dev/vda rw");
        assertEquals("/a\tb", tab.root());
        assertEquals("/c\\012", tab.mountPoint());
        // bytes that are not UTF-8 become \xNN text; UTF-8 decodes
        Mount bytes = MountinfoLine.parse("51 27 0:40 / /x\\377y/\\303\\251 rw - tmpfs t rw");
        assertEquals("/x\\xffy/\u00e9", bytes.mountPoint());
        // an escaped comma stays inside its option
        Mount comma = MountinfoLine.parse("52 27 0:41 / /m rw - fuse.sshfs u@h:/a\\054b rw,opt=x\\054y,user_id=0");
        assertEquals(List.of("rw", "opt=x,y", "user_id=0"), comma.superOptions());
        assertEquals("u@h:/a,b", comma.source());
        assertEquals("fuse.sshfs", comma.fsType());
    }

    @Test
    void anEmptySourceIsEmptyNotAShiftedField() throws Malformed {
        // real: mount -t tmpfs "" DIR prints nothing between type and options
        Mount m = MountinfoLine.parse("4946 4866 0:520 / /run/nscope-test/exp/m2 rw,relatime - tmpfs  rw");
        assertEquals("", m.source());
        assertEquals("tmpfs", m.fsType());
        assertEquals(List.of("rw"), m.superOptions());
    }

    @Test
    void aFilesystemThatPrintsARawSpaceInItsOptionsLosesNothing() throws Malformed {
        Mount m = MountinfoLine.parse("60 27 0:50 / /m rw - weirdfs src rw,label=a b,x=1");
        assertEquals(List.of("rw", "label=a b", "x=1"), m.superOptions());
    }

    @Test
    void aSeparatorLookingPathIsNotTheSeparator() throws Malformed {
        Mount m = MountinfoLine.parse("61 27 0:51 / /- rw - tmpfs - rw");
        assertEquals("/-", m.mountPoint());
        assertEquals("-", m.source());
        assertEquals("tmpfs", m.fsType());
    }

    @Test
    void overlayLayersAreListedExactly() throws Malformed {
        Mount m = MountinfoLine.parse(OVERLAY);
        assertEquals("overlay", m.fsType());
        OverlayLayers o = m.overlay().orElseThrow();
        assertEquals(
                List.of("/run/nscope-test/exp/l1", "/run/nscope-test/exp/l:2", "/run/nscope-test/exp/l 3"),
                o.lowerdirs());
        assertEquals(List.of(), o.datadirs());
        assertEquals(Optional.of("/run/nscope-test/exp/u"), o.upperdir());
        assertEquals(Optional.of("/run/nscope-test/exp/w"), o.workdir());
        // the superblock options keep the mounter's string, decoded from octal only
        assertTrue(m.superOptions()
                .contains("lowerdir=/run/nscope-test/exp/l1:/run/nscope-test/exp/l\\:2:/run/nscope-test/exp/l 3"));
    }

    @Test
    void overlayWithManyLayersDataLayersAndTheNewOptionForms() throws Malformed {
        StringBuilder lower = new StringBuilder();
        for (int i = 0; i < 40; i++)
            lower.append(i == 0 ? "" : ":").append("/var/lib/c/l").append(i).append("\\134:x");
        Mount many =
                MountinfoLine.parse("70 27 0:60 / /c rw - overlay overlay ro,lowerdir=" + lower + "::/d/one:/d/two");
        OverlayLayers o = many.overlay().orElseThrow();
        assertEquals(40, o.lowerdirs().size());
        assertEquals("/var/lib/c/l0:x", o.lowerdirs().get(0));
        assertEquals("/var/lib/c/l39:x", o.lowerdirs().get(39));
        assertEquals(List.of("/d/one", "/d/two"), o.datadirs());
        assertEquals(Optional.empty(), o.upperdir(), "a read-only overlay has no upper layer");
        assertEquals(Optional.empty(), o.workdir());
        // fsconfig's lowerdir+= and datadir+=: one path each, taken as is (a colon is just a colon)
        Mount plus = MountinfoLine.parse("71 27 0:61 / /c2 rw - overlay overlay rw,lowerdir+=/l\\054a:b,lowerdir+=/l2,"
                + "datadir+=/d1,upperdir=/u,workdir=/w");
        OverlayLayers p = plus.overlay().orElseThrow();
        assertEquals(List.of("/l,a:b", "/l2"), p.lowerdirs());
        assertEquals(List.of("/d1"), p.datadirs());
        assertEquals(Optional.of("/u"), p.upperdir());
        // a backslash escapes any character; an escaped backslash is one backslash
        Mount bs = MountinfoLine.parse("72 27 0:62 / /c3 rw - overlay overlay rw,lowerdir=/a\\134\\134b:/c\\134d");
        assertEquals(List.of("/a\\b", "/cd"), bs.overlay().orElseThrow().lowerdirs());
    }

    @Test
    void linesThatCannotBePlacedOrNamedAreDropped() {
        String[] bad = {
            "",
            "27 1 254:0 / /", // too few fields
            "27 1 254:0 / / rw,relatime ext4 /dev/vda rw,discard extra more", // no "-"
            "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda", // too few after "-"
            ROOT.replace("27 1 ", "x 1 "), // non-numeric ID
            ROOT.replace("27 1 ", "27 -1 "), // negative parent
            ROOT.replace("27 1 ", "99999999999 1 "), // beyond an int
            ROOT.replace("254:0", "254-0"), // not MAJOR:MINOR
            ROOT.replace("254:0", "254:"),
            ROOT.replace("- ext4", "-  /dev/vda"), // no type
            ROOT.replace(" rw,relatime ", " "), // fields shift: no options
        };
        for (String line : bad) {
            Malformed m = assertThrows(Malformed.class, () -> MountinfoLine.parse(line), line);
            assertTrue(m.getMessage().startsWith("mountinfo: "), m.getMessage());
        }
    }

    /** What libmount (findmnt) keeps, this parser keeps too: the part it cannot read is named, the mount stays. */
    @Test
    void oddPartsAreKeptAsWrittenAndNamed() throws Malformed {
        String[][] odd = {
            {ROOT.replace(" / / ", " / /a\\b "), "mount point", "/a\\b"}, // stray backslash in a path
            {ROOT.replace(" / / ", " / /a\\777 "), "mount point", "/a\\777"}, // escape beyond a byte
            {ROOT.replace("relatime -", "relatime shared -"), "propagation", "shared"}, // tag without its number
            {ROOT.replace("relatime -", "relatime shared:x -"), "propagation", "shared:x"},
            {ROOT.replace("relatime -", "relatime shared:1 shared:2 -"), "propagation", "shared:2"}, // a tag twice
            {ROOT.replace("relatime -", "relatime unbindable:1 -"), "propagation", "unbindable:1"},
            {ROOT.replace("relatime -", "relatime  shared:1 -"), "propagation", ""}, // an empty optional field
        };
        for (String[] o : odd) {
            Mount m = MountinfoLine.parse(o[0]);
            assertEquals(27, m.id(), o[0]);
            assertTrue(m.problems().containsKey(o[1]), o[0] + ": " + m.problems());
            assertTrue(
                    m.problems().get(o[1]).endsWith("(kept as written)"),
                    m.problems().toString());
            if (o[1].equals("mount point")) assertEquals(o[2], m.mountPoint());
            else if (!o[2].isEmpty())
                assertTrue(
                        m.propagation().other().contains(o[2]), m.propagation().toString());
        }
        // as findmnt reads them: "shared:x" and "unbindable:1" still count (libmount looks for the words)
        assertEquals("shared", MountinfoLine.parse(odd[3][0]).propagation().kinds());
        assertEquals(
                "shared,unbindable",
                MountinfoLine.parse(odd[6][0].replace("shared:1", "shared:1 unbindable"))
                        .propagation()
                        .kinds());
        assertTrue(MountinfoLine.parse(ROOT).problems().isEmpty());
    }

    /** An overlay's layers are an extra: options that cannot be parsed leave them unknown, with why, and keep the mount. */
    @Test
    void overlayLayersThatCannotBeParsedAreUnknownAndTheMountIsKept() throws Malformed {
        String[] bad = {
            "70 27 0:60 / /c rw - overlay overlay rw,lowerdir=/a:::/b", // three colons
            "70 27 0:60 / /c rw - overlay overlay rw,lowerdir=/a:", // trailing colon
            "70 27 0:60 / /c rw - overlay overlay rw,lowerdir=:/a", // empty first layer
            "70 27 0:60 / /c rw - overlay overlay rw,lowerdir=/a\\134", // lone backslash
            "70 27 0:60 / /c rw - overlay overlay rw,upperdir=/u,workdir=/w", // no lower layer
            "70 27 0:60 / /c rw - overlay overlay rw,lowerdir=/a,lowerdir+=/b", // both forms
        };
        for (String line : bad) {
            Mount m = MountinfoLine.parse(line);
            assertEquals(70, m.id(), line);
            assertEquals("/c", m.mountPoint());
            assertEquals("overlay", m.fsType());
            assertEquals(Optional.empty(), m.overlay(), line);
            assertTrue(
                    m.layersUnknown().orElseThrow().startsWith("overlay: "),
                    m.problems().toString());
            assertEquals(List.of(Mount.LAYERS), List.copyOf(m.problems().keySet()));
        }
        assertEquals(Optional.empty(), MountinfoLine.parse(OVERLAY).layersUnknown());
    }

    @Test
    void aStrayBackslashInASourceIsKeptAsLibmountKeepsIt() throws Malformed {
        assertEquals(
                "a\\b",
                MountinfoLine.parse("80 27 0:70 / /m rw - tmpfs a\\b rw").source());
    }

    @Test
    void oneBadLineDoesNotLoseTheOthers() {
        String file = ROOT + "\n" + SHARED.replace("254:0", "254-0") + "\n" + RO_TMPFS + "\n" + OVERLAY + "\n"
                + OVERLAY.replace("4080 ", "4081 ").replace("lowerdir=", "lowerdir=:") + "\n";
        Mountinfo.Lines lines = Mountinfo.parse(file.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(27, 28, 4080, 4081),
                lines.mounts().stream().map(Mount::id).toList());
        assertEquals(1, lines.bad().size());
        assertEquals(2, lines.bad().get(0).line());
        assertTrue(
                lines.bad().get(0).why().getMessage().contains("254-0"),
                lines.bad().get(0).why().getMessage());
        assertEquals(1, lines.odd().size(), "the overlay with unreadable layers is kept, and named");
        assertEquals(5, lines.odd().get(0).line());
        assertEquals(4081, lines.odd().get(0).mount().id());
        // no final newline: the last line still counts
        assertEquals(
                2,
                Mountinfo.parse((ROOT + "\n" + RO_TMPFS).getBytes(StandardCharsets.UTF_8))
                        .mounts()
                        .size());
        assertEquals(0, Mountinfo.parse(new byte[0]).mounts().size());
    }
}
