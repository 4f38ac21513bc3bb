package nscope.views.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import nscope.probes.mounts.Mount;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.MountinfoLine;
import org.junit.jupiter.api.Test;

/** SOURCE and OPTIONS as findmnt gives them (values seen from findmnt 2.38 on real mounts), for text and JSON alike. */
class MountCellsTest {
    @Test
    void sourceAndOptionsAsFindmntShowsThem() throws Malformed {
        Mount bind = MountinfoLine.parse(
                "4075 4028 254:0 /run/x/l1 /run/x/y rw,relatime - ext4 /dev/vda rw,discard,resuid=65534");
        assertEquals("/dev/vda[/run/x/l1]", MountCells.source(bind));
        assertEquals("rw,relatime,discard,resuid=65534", MountCells.options(bind));
        Mount ro = MountinfoLine.parse(
                "28 27 0:25 / /mnt/p ro,nosuid,nodev,relatime - tmpfs unavailable ro,size=4k,mode=755");
        assertEquals("unavailable", MountCells.source(ro));
        assertEquals("ro,nosuid,nodev,relatime,size=4k,mode=755", MountCells.options(ro));
        assertNull(
                MountCells.source(MountinfoLine.parse("4946 4866 0:520 / /m2 rw,relatime - tmpfs  rw")),
                "no source is null, as in findmnt -J");
        assertEquals(
                "rw,relatime",
                MountCells.options(MountinfoLine.parse("22 27 0:21 / /proc rw,relatime - proc proc rw")));
        assertEquals("rw", MountCells.merge(List.of("rw"), List.of("rw")));
        assertEquals(
                "ro,relatime",
                MountCells.merge(List.of("ro", "relatime"), List.of("rw")),
                "read-only mount of a writable superblock");
        assertEquals("ro,relatime", MountCells.merge(List.of("rw", "relatime"), List.of("ro")));
        assertEquals(
                "nsfs[net:[4026532000]]",
                MountCells.source(MountinfoLine.parse("90 27 0:4 net:[4026532000] /run/netns/a rw - nsfs nsfs rw")));
    }
}
