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

/** A process that exits between two reads: the errors say so, as vanished. */
@Timeout(60)
@LiveTest
class VanishedTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    @Test
    void namespacesOfAReapedProcessAreEnoent() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        KernelException e = assertThrows(KernelException.class, () -> NsHandle.open(k, "/proc/" + p.pid() + "/ns/net"));
        assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
        assertTrue(e.errno().meansVanished());
        assertTrue(
                e.getMessage().startsWith("open /proc/" + p.pid() + "/ns/net: does not exist (any more)"),
                e.getMessage());
    }

    @Test
    void namespacesOfAZombieAreEnoentThoughItsProcDirectoryStays() throws Exception {
        // sh starts a short sleep and becomes a long one, which never reaps it: a zombie we can name
        // (the short one must outlive sh's exec, or sh itself may reap it)
        try (Child c = new Child("sh", "-c", "sleep 0.3 & echo $!; exec sleep 600")) {
            int zombie = Integer.parseInt(c.lines(1).get(0));
            Path stat = Path.of("/proc/" + zombie + "/stat");
            for (int i = 0; i < 500 && !Files.readString(stat).contains(") Z "); i++) Thread.sleep(10);
            assertTrue(Files.readString(stat).contains(") Z "), "not a zombie yet: " + Files.readString(stat));
            // the link text is gone with the task's namespaces (exit_task_namespaces), /proc/PID is not
            KernelException e =
                    assertThrows(KernelException.class, () -> NsHandle.open(k, "/proc/" + zombie + "/ns/net"));
            assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
            assertTrue(e.errno().meansVanished());
        }
    }

    @Test
    void aHandleOutlivesItsProcessAndStillNamesTheNamespace() throws Exception {
        NsHandle net;
        long ino;
        try (Child c = new Child("unshare", "--net", "sh", "-c", "stat -L -c %i /proc/self/ns/net; exec sleep 600")) {
            ino = c.inode();
            net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net");
            assertEquals(137, c.killAndWait(), "killed by SIGKILL");
        }
        try (net) {
            assertEquals(ino, net.devIno().ino(), "the open descriptor keeps the namespace alive");
            assertEquals(
                    ino,
                    (long) new NamespaceHop(k).inside(net, () -> Live.threadNs("net")),
                    "and it can still be entered");
        }
    }
}
