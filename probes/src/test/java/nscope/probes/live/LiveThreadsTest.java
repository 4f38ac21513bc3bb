package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nscope.kernel.CloneFlags;
import nscope.kernel.Kernel;
import nscope.probes.Collector;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/** Threads of this JVM: one that moves itself into new namespaces must stand out from its leader. */
@LiveTest
class LiveThreadsTest {
    @Test
    void threadInItsOwnNetAndUtsNamespacesDiffersFromItsLeader() throws Exception {
        Kernel k = Kernel.load();
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<long[]> moved = new CompletableFuture<>();
        // a throwaway thread: namespaces it unshares die with it
        Thread t = new Thread(
                () -> {
                    try {
                        k.unshare(CloneFlags.NEWNET | CloneFlags.NEWUTS);
                        int tid = k.gettid();
                        String self = "/proc/self/task/" + tid + "/ns/";
                        long net = (Long) Files.getAttribute(Path.of(self + "net"), "unix:ino");
                        long uts = (Long) Files.getAttribute(Path.of(self + "uts"), "unix:ino");
                        moved.complete(new long[] {tid, net, uts});
                        done.await(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        moved.completeExceptionally(e);
                    }
                },
                "nscope-test-netns-thread");
        t.start();
        try {
            long[] m = moved.get(10, TimeUnit.SECONDS);
            int pid = (int) ProcessHandle.current().pid();
            Snapshot s = new Collector(Host.liveNative()).collect();
            Task thread = s.task((int) m[0]).orElseThrow();
            Task leader = s.leader(pid).orElseThrow();
            assertEquals(pid, thread.tgid());
            assertEquals(m[1], thread.ns(NsLink.NET).get().ino());
            assertEquals(m[2], thread.ns(NsLink.UTS).get().ino());
            assertNotEquals(leader.ns(NsLink.NET).get(), thread.ns(NsLink.NET).get());
            assertEquals(Set.of(NsLink.NET, NsLink.UTS), s.divergentLinks(thread));
            Namespace net = s.namespace(thread.ns(NsLink.NET).get()).orElseThrow();
            assertEquals(List.of(thread.tid()), net.tasks(), "the thread alone is in its net namespace");
            assertEquals(List.of(), net.processes(), "no process (leader) is in it: lsns would not list it");
            // every other thread of ours is where the leader is
            for (int tid : s.threadGroups().get(pid)) {
                if (tid != thread.tid())
                    assertTrue(s.divergentLinks(s.task(tid).orElseThrow()).isEmpty(), "thread " + tid);
            }
        } finally {
            done.countDown();
            t.join(10_000);
        }
    }

    @Test
    void everyThreadOfAThreadGroupIsInTheSnapshot() throws Exception {
        Kernel k = Kernel.load();
        int n = 6;
        CountDownLatch started = new CountDownLatch(n), done = new CountDownLatch(1);
        List<Integer> tids = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(
                    () -> {
                        tids.add(k.gettid());
                        started.countDown();
                        try {
                            done.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "nscope-test-worker-" + i);
            t.start();
            threads.add(t);
        }
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            int pid = (int) ProcessHandle.current().pid();
            Snapshot s = new Collector(Host.live()).collect();
            List<Integer> group = s.threadGroups().get(pid);
            assertEquals(pid, group.get(0), "leader first");
            assertTrue(group.containsAll(tids), group + " must hold " + tids);
            NsId myNet = s.leader(pid).orElseThrow().ns(NsLink.NET).get();
            for (int tid : tids) {
                Task t = s.task(tid).orElseThrow();
                assertEquals(pid, t.tgid());
                assertTrue(s.namespace(myNet).orElseThrow().tasks().contains(tid));
                assertEquals(tid, t.nsPid().get().get(0), "NSpid starts with the TID as this pid namespace sees it");
            }
        } finally {
            done.countDown();
            for (Thread t : threads) t.join(10_000);
        }
    }
}
