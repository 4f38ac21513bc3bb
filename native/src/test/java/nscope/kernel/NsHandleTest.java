package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Namespace handles on our own namespaces: type and identity, checked against stat(1). Needs no root. */
@Timeout(60)
class NsHandleTest {
    static Kernel k;

    @BeforeAll
    static void load() throws KernelException {
        k = Kernel.load();
    }

    @Test
    void everyLinkOfOursHasItsTypeAndTheDevInoStatPrints() throws Exception {
        List<String> names;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/ns"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("cgroup", "ipc", "mnt", "net", "pid", "user", "uts")), "links: " + names);
        // stat(1) looks at us by PID: its own /proc/self would be itself
        List<String> ours = new ArrayList<>();
        for (String n : names) ours.add("/proc/" + Live.pid() + "/ns/" + n);
        List<DevIno> expected = StatTool.of(ours);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            try (NsHandle h = NsHandle.open(k, "/proc/self/ns/" + n)) {
                // pid_for_children and time_for_children are links to pid and time namespaces
                assertEquals(n.replace("_for_children", ""), h.type().link(), n + " type");
                assertEquals(expected.get(i), h.devIno(), n + " (dev, ino)");
                assertEquals("/proc/self/ns/" + n, h.what());
            }
        }
    }

    @Test
    void distinctTypesHaveDistinctIdentities() throws Exception {
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net");
                NsHandle uts = NsHandle.open(k, "/proc/self/ns/uts");
                NsHandle net2 = NsHandle.open(k, "/proc/thread-self/ns/net")) {
            assertEquals(net.devIno(), net2.devIno(), "two opens of one namespace");
            assertNotEquals(net.devIno(), uts.devIno(), "net and uts are different namespaces");
            assertEquals(net.devIno().dev(), uts.devIno().dev(), "all namespaces live on the one nsfs device");
        }
    }

    @Test
    void aFileThatIsNoNamespaceFailsAtOpenWithEnotty() {
        KernelException e = assertThrows(KernelException.class, () -> NsHandle.open(k, "/proc/self/stat"));
        assertEquals(Errno.ENOTTY, e.errno());
        assertTrue(e.getMessage().contains("not a namespace file"), e.getMessage());
        assertTrue(e.getMessage().contains("/proc/self/stat"), e.getMessage());
    }

    @Test
    void aMissingPathFailsWithEnoent() {
        KernelException e =
                assertThrows(KernelException.class, () -> NsHandle.open(k, "/proc/self/ns/nscope-test-none"));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void ownerUidOfANonUserNamespaceIsEinval() throws Exception {
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net")) {
            KernelException e = assertThrows(KernelException.class, net::ownerUid);
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("only a user namespace has an owner UID"), e.getMessage());
        }
    }

    @Test
    void aClosedHandleRefusesUse() throws Exception {
        NsHandle h = NsHandle.open(k, "/proc/self/ns/net");
        h.close();
        h.close(); // closing twice is harmless: the number is not closed again (it may belong to someone else by now)
        assertThrows(IllegalStateException.class, h::devIno);
    }
}
