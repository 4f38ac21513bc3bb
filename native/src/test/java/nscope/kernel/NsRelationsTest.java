package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parents and owners of real namespaces made by util-linux unshare. Each
 * child prints its own namespace inodes with stat(1) and waits; the
 * relations nscope reads must point at exactly those.
 */
@Timeout(60)
@LiveTest
class NsRelationsTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    @Test
    void parentOfANewPidNamespaceIsOurs() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/pid; exec sleep 600")) {
            long inner = c.inode();
            // the forked child is PID 1 of the new namespace; unshare itself stays in ours
            try (NsHandle pid = NsHandle.open(k, "/proc/" + c.onlyChild() + "/ns/pid")) {
                assertEquals(NsType.PID, pid.type());
                assertEquals(inner, pid.devIno().ino(), "the child's own report");
                try (NsHandle parent = pid.parent().orElseThrow()) {
                    assertEquals(NsType.PID, parent.type());
                    assertEquals(
                            StatTool.of("/proc/" + Live.pid() + "/ns/pid"),
                            parent.devIno(),
                            "parent is our pid namespace");
                    // and above ours there is nothing we may see
                    assertEquals(Optional.empty(), parent.parent());
                }
            }
        }
    }

    @Test
    void parentOfOurOwnPidNamespaceIsEmptyBecauseTheKernelSaysEperm() throws Exception {
        // our NSpid has one level: we run in the initial pid namespace, so it has no parent at all;
        // the kernel answers EPERM for any pid namespace above the caller's own, so either way: empty
        String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"));
        assertTrue(status.contains("\nNSpid:\t" + Live.pid() + "\n"), "we are in the top pid namespace of our view");
        try (NsHandle ours = NsHandle.open(k, "/proc/self/ns/pid")) {
            assertEquals(Optional.empty(), ours.parent());
            KernelException raw = assertThrows(
                    KernelException.class, () -> k.ioctl(ours.fd(), NsHandle.NS_GET_PARENT, "NS_GET_PARENT", null));
            assertEquals(Errno.EPERM, raw.errno(), "no parent in our view");
        }
    }

    @Test
    void parentOfANetNamespaceIsEmptyBecauseItIsNotHierarchical() throws Exception {
        for (String type : List.of("net", "uts", "ipc", "mnt", "cgroup", "time")) {
            try (NsHandle h = NsHandle.open(k, "/proc/self/ns/" + type)) {
                assertEquals(Optional.empty(), h.parent(), type);
                // linux/fs/nsfs.c answers EINVAL here, not ENOTTY (that is for requests it does not know)
                KernelException raw = assertThrows(
                        KernelException.class, () -> k.ioctl(h.fd(), NsHandle.NS_GET_PARENT, "NS_GET_PARENT", null));
                assertEquals(Errno.EINVAL, raw.errno(), type);
                KernelException unknown =
                        assertThrows(KernelException.class, () -> k.ioctl(h.fd(), 0xb7ffL, "0xb7ff", null));
                assertEquals(Errno.ENOTTY, unknown.errno(), type + ": a request nsfs does not know");
            }
        }
    }

    @Test
    void ownerOfANetNamespaceIsTheUserNamespaceItWasMadeIn() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--user",
                "--map-root-user",
                "--net",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/user /proc/self/ns/net; exec sleep 600")) {
            List<String> ino = c.lines(2);
            long userIno = Long.parseLong(ino.get(0));
            DevIno ourUser = StatTool.of("/proc/" + Live.pid() + "/ns/user");
            assertNotEquals(ourUser.ino(), userIno, "the child has a user namespace of its own");
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net");
                    NsHandle owner = net.ownerUserNs().orElseThrow()) {
                assertEquals(Long.parseLong(ino.get(1)), net.devIno().ino());
                assertEquals(NsType.USER, owner.type());
                assertEquals(userIno, owner.devIno().ino(), "net is owned by the child's user namespace");
                assertEquals(0, owner.ownerUid(), "made by root (us)");
                // a user namespace's owner and parent are both the user namespace it was made in: ours
                try (NsHandle parent = owner.parent().orElseThrow();
                        NsHandle ownersOwner = owner.ownerUserNs().orElseThrow()) {
                    assertEquals(ourUser, parent.devIno());
                    assertEquals(ourUser, ownersOwner.devIno());
                }
            }
        }
    }

    @Test
    void ownerUidIsTheCreatorsUidNotAlwaysZero() throws Exception {
        try (Child c = new Child(
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "unshare",
                "--user",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/user; exec sleep 600")) {
            long userIno = c.inode();
            try (NsHandle user = NsHandle.open(k, "/proc/" + c.pid() + "/ns/user")) {
                assertEquals(userIno, user.devIno().ino());
                assertEquals(65534, user.ownerUid());
            }
        }
    }

    @Test
    void ourUserNamespaceHasNoOwnerOrParentInView() throws Exception {
        try (NsHandle user = NsHandle.open(k, "/proc/self/ns/user")) {
            assertEquals(Optional.empty(), user.ownerUserNs());
            assertEquals(Optional.empty(), user.parent());
            KernelException raw = assertThrows(
                    KernelException.class, () -> k.ioctl(user.fd(), NsHandle.NS_GET_USERNS, "NS_GET_USERNS", null));
            assertEquals(Errno.EPERM, raw.errno());
            assertEquals(0, user.ownerUid(), "the initial user namespace is owned by root");
        }
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net");
                NsHandle owner = net.ownerUserNs().orElseThrow()) {
            assertEquals(
                    StatTool.of("/proc/" + Live.pid() + "/ns/user"),
                    owner.devIno(),
                    "our net namespace is owned by our user namespace");
            assertTrue(owner.what().startsWith("owner of /proc/self/ns/net"), owner.what());
        }
    }
}
