package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.mounts.MountTable;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * A mount namespace's facts set against the host's table: one made with
 * propagation unchanged shares the host's peer groups; a private one shares
 * none. A host whose init makes nothing shared (this VM's does not, systemd
 * makes / shared) still has one shared mount to compare: the test's own
 * tmpfs, made shared in the host's table and removed afterwards.
 */
@LiveTest
class LiveMountFactsTest {
    private static NsFacts.Mnt factsOf(Snapshot s, int pid) {
        return (NsFacts.Mnt) s.facts(s.task(pid).orElseThrow().ns(NsLink.MNT).get())
                .orElseThrow()
                .get();
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", argv) + ": " + out);
    }

    @Test
    void sharedAndPrivateMountNamespacesAgainstTheHost() throws Exception {
        java.nio.file.Path own = java.nio.file.Path.of(
                "/run/nscope-test/shared-" + ProcessHandle.current().pid());
        java.nio.file.Files.createDirectories(own);
        run("mount", "-t", "tmpfs", "-o", "size=1m", "nscope-test-shared", own.toString());
        try {
            run("mount", "--make-shared", own.toString());
            compare();
        } finally {
            run("umount", own.toString());
            java.nio.file.Files.delete(own);
        }
    }

    private void compare() throws Exception {
        try (Child shared = new Child(
                        "unshare", "--mount", "--propagation", "unchanged", "sh", "-c", "echo ready; exec sleep 600");
                Child priv = new Child(
                        "unshare", "--mount", "--propagation", "private", "sh", "-c", "echo ready; exec sleep 600")) {
            shared.lines(1);
            priv.lines(1);
            Snapshot s = new Collector(Host.liveNative()).collect();
            NsFacts.Mnt self = factsOf(s, (int) ProcessHandle.current().pid());
            NsFacts.Mnt a = factsOf(s, shared.pid()), b = factsOf(s, priv.pid());
            // a copy of our table, mount for mount
            assertEquals(self.table().size(), a.table().size());
            assertEquals(self.table().size(), b.table().size());
            long hostShared = self.table().mounts().stream()
                    .filter(m -> m.propagation().shared().isPresent())
                    .count();
            assertTrue(hostShared > 0, "at least the test's own shared mount");
            assertEquals(hostShared, a.sharedWithHost().size(), "every shared mount of ours has its peer in the copy");
            for (MountTable.SharedPeer p : a.sharedWithHost())
                assertEquals(p.here().mountPoint(), p.there().mountPoint());
            assertTrue(b.sharedWithHost().isEmpty(), "a private copy shares no peer group: " + b.sharedWithHost());
            assertFalse(b.table().mounts().stream()
                    .anyMatch(m -> m.propagation().shared().isPresent()));
            assertEquals("/", a.rootOnHost().path());
            assertEquals("/", b.rootOnHost().path(), "its root is still the host's /");
            assertEquals(List.of(), self.sharedWithHost(), "the host is not compared with itself");
        }
    }
}
