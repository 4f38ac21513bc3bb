package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import nscope.testkit.LiveTest;
import nscope.testkit.OpenFds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thousand rounds of handles, relations, failures and hops leave no descriptor behind. */
@Timeout(120)
@LiveTest
class FdLeakTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    @Test
    void thousandRoundsLeakNoDescriptor() throws Exception {
        NamespaceHop hop = new NamespaceHop(k);
        try (Child c = new Child(
                "unshare",
                "--user",
                "--map-root-user",
                "--pid",
                "--fork",
                "--kill-child",
                "--net",
                "--uts",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/net; exec sleep 600")) {
            long childNet = c.inode();
            int inner = c.onlyChild();
            round(hop, inner, childNet); // loads every class and lazy resource once, before counting
            Map<Integer, String> before = OpenFds.now();
            for (int i = 0; i < 1000; i++) round(hop, inner, childNet);
            OpenFds.assertNoMoreThan(before, "1000 rounds");
        }
    }

    /** One of everything that opens a descriptor, failures included. */
    private static void round(NamespaceHop hop, int pid, long childNet) throws Exception {
        String ns = "/proc/" + pid + "/ns/";
        try (NsHandle net = NsHandle.open(k, ns + "net");
                NsHandle uts = NsHandle.open(k, ns + "uts");
                NsHandle pidNs = NsHandle.open(k, ns + "pid");
                NsHandle user = NsHandle.open(k, ns + "user")) {
            assertEquals(childNet, (long) hop.inside(net, () -> Live.threadNs("net")));
            assertEquals(childNet, (long) hop.inside(java.util.List.of(net, uts), () -> Live.threadNs("net")));
            try (NsHandle owner = net.ownerUserNs().orElseThrow();
                    NsHandle parent = pidNs.parent().orElseThrow();
                    NsHandle userParent = user.parent().orElseThrow()) {
                assertEquals(user.devIno(), owner.devIno());
                assertEquals(NsType.PID, parent.type());
                assertEquals(NsType.USER, userParent.type());
            }
            assertTrue(net.parent().isEmpty());
            assertThrows(KernelException.class, net::ownerUid);
            assertThrows(
                    HopException.class,
                    () -> hop.inside(net, () -> {
                        throw new IOException("nscope-test");
                    }));
        }
        // a file that opens but is no namespace: the descriptor is closed on the way out
        assertThrows(KernelException.class, () -> NsHandle.open(k, "/proc/self/stat"));
        try (Fd pidfd = k.pidfdOpen(pid)) {
            k.pidfdSendSignal(pidfd, 0);
        }
    }
}
