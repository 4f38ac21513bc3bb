package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.MountinfoLine;
import org.junit.jupiter.api.Test;

/** The findmnt-like tree text (SOURCE and OPTIONS as findmnt gives them: {@code MountCellsTest}). */
class MountTreeTextTest {
    static MountTable table(String... lines) throws Malformed {
        List<Mount> ms = new ArrayList<>();
        for (String l : lines) ms.add(MountinfoLine.parse(l));
        return new MountTable(ms);
    }

    @Test
    void drawsTheTreeWithLayerLinesAndEscapes() throws Malformed {
        MountTable t = table(
                "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
                "22 27 0:21 / /proc rw,relatime - proc proc rw",
                "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,mode=755",
                "25 24 0:23 / /dev/shm rw,relatime shared:3 - tmpfs tmpfs rw",
                "26 24 0:24 / /dev/pts rw,relatime master:2 - devpts devpts rw",
                "40 27 0:40 / /o rw,relatime - overlay ov rw,lowerdir=/l1:/l\\134:2:/l\\0403::/d,upperdir=/u,workdir=/w,uuid=on",
                "41 40 0:41 / /o/t\\012b rw - tmpfs sp\\040ace rw",
                "42 27 0:42 / /z\\033]0;x\\007 rw - tmpfs t rw");
        String expected = String.join(
                "\n",
                "TARGET        SOURCE     FSTYPE   PROPAGATION OPTIONS",
                "/             /dev/vda   ext4     private     rw,relatime",
                "├─/proc       proc       proc     private     rw,relatime",
                "├─/dev        devtmpfs   devtmpfs private     rw,relatime,mode=755",
                "│ ├─/dev/shm  tmpfs      tmpfs    shared:3    rw,relatime",
                "│ └─/dev/pts  devpts     devpts   master:2    rw,relatime",
                "├─/o          ov         overlay  private     rw,relatime,uuid=on",
                "│ │                                           lower: /l1",
                "│ │                                           lower: /l:2",
                "│ │                                           lower: /l\\x203",
                "│ │                                           data: /d",
                "│ │                                           upper: /u",
                "│ │                                           work: /w",
                "│ └─/o/t\\nb   sp\\x20ace  tmpfs    private     rw",
                "└─/z\\x1b]0;x\\x07 t tmpfs private rw",
                "");
        // the last row widens TARGET: compare every row's cells instead of exact padding
        String out = MountTreeText.render(t, true);
        List<String> want = expected.lines().map(MountTreeTextTest::cells).toList();
        List<String> got = out.lines().map(MountTreeTextTest::cells).toList();
        assertEquals(want, got, out);
        // and the columns line up: every row's SOURCE starts where the header's does
        int col = out.lines().findFirst().orElseThrow().indexOf("SOURCE");
        for (String line : out.lines().toList()) assertEquals(' ', line.charAt(col - 1), line);
        out.chars()
                .forEach(c -> assertEquals(
                        false, c < 0x20 && c != '\n', "control U+" + Integer.toHexString(c) + " in\n" + out));
        assertEquals(
                want.subList(1, want.size()),
                MountTreeText.render(t, false)
                        .lines()
                        .map(MountTreeTextTest::cells)
                        .toList());
    }

    /** A line with its padding folded to one space. */
    private static String cells(String line) {
        return line.strip().replaceAll(" {2,}", " ");
    }
}
