package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * Real namespaces made with util-linux unshare: each child reports its own
 * namespace inodes with stat(1) (a different path from nscope's readlink)
 * and waits; nscope must find it in exactly those namespaces.
 */
@LiveTest
class LiveNamespacesTest {
    @Test
    void processInNewNetUtsIpcNamespacesIsTheirOnlyMember() throws Exception {
        for (Host host : List.of(Host.live(), Host.liveNative())) {
            try (Child c = new Child(
                    "unshare",
                    "--net",
                    "--uts",
                    "--ipc",
                    "sh",
                    "-c",
                    "stat -L -c %i /proc/self/ns/net /proc/self/ns/uts /proc/self/ns/ipc; exec sleep 600")) {
                List<String> inodes = c.lines(3);
                c.settled();
                Snapshot s = new Collector(host).collect();
                Task t = s.task(c.pid()).orElseThrow();
                Task self = s.task((int) ProcessHandle.current().pid()).orElseThrow();
                NsLink[] links = {NsLink.NET, NsLink.UTS, NsLink.IPC};
                for (int i = 0; i < links.length; i++) {
                    NsId id = t.ns(links[i]).get();
                    assertEquals(Long.parseLong(inodes.get(i)), id.ino(), links[i] + " inode");
                    assertNotEquals(self.ns(links[i]).get(), id, links[i] + " must differ from ours");
                    Namespace n = s.namespace(id).orElseThrow();
                    assertEquals(links[i].kind(), n.kind());
                    assertEquals(List.of(c.pid()), n.processes(), "only the child is in its new " + links[i]);
                    assertEquals(List.of(c.pid()), n.tasks());
                }
                // the namespaces it did not unshare are ours
                assertEquals(self.ns(NsLink.MNT).get(), t.ns(NsLink.MNT).get());
                assertEquals(self.ns(NsLink.PID).get(), t.ns(NsLink.PID).get());
            }
        }
    }

    @Test
    void nestedPidNamespaceGivesNsPidLevelsAndPendingParent() throws Exception {
        // unshare --pid --fork: unshare's own pid_for_children is the new namespace, its child is PID 1 there
        try (Child c = new Child(
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/pid; exec sleep 600")) {
            long inner = Long.parseLong(c.lines(1).get(0));
            Snapshot s = new Collector(Host.liveNative()).collect();
            Task unshare = s.task(c.pid()).orElseThrow();
            Task child = s.tasks().values().stream()
                    .filter(t -> t.ppid() == c.pid() && t.leader())
                    .findFirst()
                    .orElseThrow();
            assertEquals(inner, child.ns(NsLink.PID).get().ino());
            assertEquals(List.of(child.tid(), 1), child.nsPid().get(), "NSpid: host PID, then 1 inside");
            assertEquals(List.of(child.tid(), 1), child.nsTgid().get());
            assertEquals(
                    inner, unshare.ns(NsLink.PID_FOR_CHILDREN).get().ino(), "unshare's children go to the new one");
            assertNotEquals(inner, unshare.ns(NsLink.PID).get().ino());
            Namespace n = s.namespace(child.ns(NsLink.PID).get()).orElseThrow();
            assertEquals(NsKind.PID, n.kind());
            assertTrue(n.pendingFor().contains(c.pid()), "unshare is pending for the namespace it made");
            assertFalse(n.processes().contains(c.pid()));
            assertTrue(n.processes().contains(child.tid()));
        }
    }
}
