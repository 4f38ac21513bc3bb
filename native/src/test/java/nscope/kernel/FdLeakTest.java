package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nscope.testkit.LiveTest;
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

    /** Our open descriptors and what each is open on (the listing's own fd shows in both counts alike). */
    static Map<Integer, String> openFds() throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : s.toList()) {
                try {
                    fds.put(
                            Integer.parseInt(p.getFileName().toString()),
                            Files.readSymbolicLink(p).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // the listing's own descriptor is closed by now, as is any one another thread just closed
                    fds.put(Integer.parseInt(p.getFileName().toString()), "(closed while listed)");
                }
            }
        }
        return fds;
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
            Map<Integer, String> before = openFds();
            for (int i = 0; i < 1000; i++) round(hop, inner, childNet);
            Map<Integer, String> after = openFds();
            assertTrue(
                    after.size() <= before.size(),
                    "descriptors grew from " + before.size() + " to " + after.size() + "\nbefore " + before + "\nafter "
                            + after);
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
