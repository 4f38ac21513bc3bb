package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mount and umount2 on a real nsfs bind mount (what `ip netns add` makes):
 * the namespace outlives its last process and a handle opens on the file.
 * Everything is made under /run/nscope-test and removed even on failure.
 */
@Timeout(60)
@LiveTest
class MountTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    static boolean mounted(Path file) throws Exception {
        // mountinfo field 5 is the mount point (no spaces in our path, so no octal escapes)
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo")))
            if (line.split(" ")[4].equals(file.toString())) return true;
        return false;
    }

    @Test
    void bindMountedNetNamespaceOutlivesItsProcess() throws Exception {
        Path dir = Files.createDirectories(Path.of("/run/nscope-test")).resolve("nscope-test-native-" + Live.pid());
        Path file = dir.resolve("net");
        Files.createDirectory(dir);
        try {
            Files.createFile(file);
            long ino;
            try (Child c =
                    new Child("unshare", "--net", "sh", "-c", "stat -L -c %i /proc/self/ns/net; exec sleep 600")) {
                ino = c.inode();
                k.mount("/proc/" + c.pid() + "/ns/net", file.toString(), null, MountFlags.MS_BIND, null);
            }
            assertTrue(mounted(file), "mountinfo lists " + file);
            assertEquals(ino, StatTool.of(file.toString()).ino(), "stat(1) sees the namespace on the file");
            try (NsHandle net = NsHandle.open(k, file.toString())) {
                assertEquals(NsType.NET, net.type());
                assertEquals(ino, net.devIno().ino());
                assertEquals(ino, (long) new NamespaceHop(k).inside(net, () -> Live.threadNs("net")));
            }
            k.umount2(file.toString(), 0);
            assertTrue(!mounted(file), "unmounted");
            KernelException plain = assertThrows(KernelException.class, () -> NsHandle.open(k, file.toString()));
            assertEquals(Errno.ENOTTY, plain.errno(), "the plain file underneath is no namespace");
            KernelException again = assertThrows(KernelException.class, () -> k.umount2(file.toString(), 0));
            assertEquals(Errno.EINVAL, again.errno());
            assertTrue(again.getMessage().contains(": not a mount point"), again.getMessage());
        } finally {
            if (mounted(file)) k.umount2(file.toString(), MountFlags.MNT_DETACH);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void anUnknownFileSystemTypeIsEnodev() throws Exception {
        Path dir = Files.createDirectories(Path.of("/run/nscope-test")).resolve("nscope-test-native-fs-" + Live.pid());
        Files.createDirectory(dir);
        try {
            KernelException e = assertThrows(
                    KernelException.class, () -> k.mount("nscope-test", dir.toString(), "nscope-test-nofs", 0, null));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains("no file system type nscope-test-nofs"), e.getMessage());
            assertTrue(!mounted(dir));
        } finally {
            if (mounted(dir)) k.umount2(dir.toString(), MountFlags.MNT_DETACH);
            Files.deleteIfExists(dir);
        }
    }
}
