package nscope.probes.mounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.MountinfoLine;
import org.junit.jupiter.api.Test;

/** The tree, the lookups and the relations between tables, on tables built from mountinfo lines. */
class MountTableTest {
    static MountTable table(String... lines) throws Malformed {
        List<Mount> ms = new ArrayList<>();
        for (String l : lines) ms.add(MountinfoLine.parse(l));
        return new MountTable(ms);
    }

    /** The development VM's own table, in its mountinfo order (children come before "/"). */
    static final String[] HOST = {
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "23 27 0:22 / /sys rw,relatime - sysfs sysfs rw",
        "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755",
        "25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683656k",
        "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
        "30 25 0:27 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683656k",
        "157 27 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw,discard",
        "160 27 254:0 /var/lib /srv/lib rw,relatime - ext4 /dev/vda rw,discard",
        "170 27 0:99 / /var/lib/docker/overlay2/abc/merged rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w",
    };

    @Test
    void treeByParentIdWithChildrenInIdOrder() throws Malformed {
        MountTable t = table(HOST);
        assertEquals(List.of(27), ids(t.roots()), "the mount whose parent is not in the table");
        assertEquals(List.of(22, 23, 24, 157, 160, 170), ids(t.children(27)));
        assertEquals(List.of(25), ids(t.children(24)));
        assertEquals(List.of(), t.children(22));
        assertEquals(List.of(27, 22, 23, 24, 25, 30, 157, 160, 170), ids(t.inTreeOrder()));
        assertEquals(9, t.size());
        assertEquals("/proc", t.byId(22).orElseThrow().mountPoint());
        assertEquals(Optional.empty(), t.byId(1));
    }

    @Test
    void lookupByMountPointSeesStacks() throws Malformed {
        MountTable t = table(HOST);
        assertEquals(List.of(25, 30), ids(t.at("/dev/shm")), "the lower mount first");
        assertEquals(30, t.topAt("/dev/shm").orElseThrow().id());
        assertEquals(27, t.rootMount().orElseThrow().id());
        assertEquals(Optional.empty(), t.topAt("/nowhere"));
    }

    @Test
    void parentLinksInACircleStillPutEveryMountInTheTreeOnce() throws Malformed {
        MountTable t = table(
                "10 1 0:1 / / rw - tmpfs a rw",
                "11 12 0:2 / /x rw - tmpfs b rw",
                "12 11 0:3 / /y rw - tmpfs c rw",
                "13 12 0:4 / /y/z rw - tmpfs d rw");
        assertEquals(List.of(10, 11), ids(t.roots()));
        assertEquals(List.of(10, 11, 12, 13), ids(t.inTreeOrder()));
        assertEquals(
                List.of(), t.children(12).stream().filter(m -> m.id() == 11).toList());
    }

    @Test
    void aRepeatedIdIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> table("10 1 0:1 / / rw - tmpfs a rw", "10 1 0:1 / /b rw - tmpfs a rw"));
    }

    @Test
    void sharedPeerGroupsPairMountsAcrossTables() throws Malformed {
        MountTable host = table(HOST);
        MountTable container = table(
                "500 499 0:80 / / rw - overlay overlay rw,lowerdir=/l",
                "501 500 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw",
                "502 500 254:0 /srv /srv rw,relatime master:1 - ext4 /dev/vda rw");
        List<MountTable.SharedPeer> peers = container.sharedWith(host);
        assertEquals(1, peers.size(), "master:1 receives from group 1 but is not a peer: " + peers);
        assertEquals(1, peers.get(0).peerGroup());
        assertEquals(501, peers.get(0).here().id());
        assertEquals(157, peers.get(0).there().id());
        assertEquals(List.of(), host.sharedWith(table("600 599 0:81 / / rw - tmpfs t rw")));
    }

    @Test
    void whereAContainerRootIsOnTheHost() throws Malformed {
        MountTable host = table(HOST);
        // a bind of a host directory: the longest root that holds it wins
        MountTable bound = table("600 599 254:0 /var/lib/nscope-test/rootfs / rw - ext4 /dev/vda rw");
        MountTable.Origin o = bound.rootOn(host).orElseThrow();
        assertEquals(160, o.mount().id());
        assertEquals("/srv/lib/nscope-test/rootfs", o.path());
        MountTable elsewhere = table("601 599 254:0 /opt/rootfs / rw - ext4 /dev/vda rw");
        assertEquals("/opt/rootfs", elsewhere.rootOn(host).orElseThrow().path());
        assertEquals(27, elsewhere.rootOn(host).orElseThrow().mount().id());
        // a directory whose name only starts like a mount's root is not under it
        assertEquals(
                "/var/library",
                table("602 599 254:0 /var/library / rw - ext4 /dev/vda rw")
                        .rootOn(host)
                        .orElseThrow()
                        .path());
        // an overlay root: the same superblock (device) mounted on the host
        MountTable overlaid = table("700 699 0:99 / / rw - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w");
        assertEquals(
                "/var/lib/docker/overlay2/abc/merged",
                overlaid.rootOn(host).orElseThrow().path());
        // the mount itself: its own table answers "/"
        assertEquals("/", host.rootOn(host).orElseThrow().path());
        // a filesystem the host has not mounted, and a root that is not a path
        assertEquals(
                Optional.empty(), table("800 799 0:123 / / rw - tmpfs t rw").rootOn(host));
        assertEquals(
                Optional.empty(),
                table("801 799 254:0 net:[4026532000] / rw - nsfs nsfs rw").rootOn(host));
        assertEquals(
                Optional.empty(),
                table("802 799 0:21 / /proc rw - proc proc rw").rootOn(host),
                "no mount at /");
    }

    @Test
    void holdsComparesWholePathComponents() {
        assertTrue(MountTable.holds("/", "/a"));
        assertTrue(MountTable.holds("/a", "/a"));
        assertTrue(MountTable.holds("/a", "/a/b"));
        assertEquals(false, MountTable.holds("/a", "/ab"));
        assertEquals(false, MountTable.holds("/a/b", "/a"));
        assertEquals(false, MountTable.holds("/", "net:[1]"));
    }

    private static List<Integer> ids(List<Mount> ms) {
        return ms.stream().map(Mount::id).toList();
    }
}
