package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many hops, and no thread but each hop's own ever sees a foreign namespace. */
@Timeout(120)
@LiveTest
class HopIsolationTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    @Test
    void twoHundredHopsNeverMoveAnotherThread() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--net",
                "--uts",
                "sh",
                "-c",
                "hostname nscope-test-iso && stat -L -c %i /proc/self/ns/net /proc/self/ns/uts; exec sleep 600")) {
            // read the report first: before it, unshare may not have run yet
            List<String> ino = c.lines(2);
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net");
                    NsHandle uts = NsHandle.open(k, "/proc/" + c.pid() + "/ns/uts")) {
                hopWhileWatching(net, uts, ino.get(0) + " " + ino.get(1));
            }
        }
    }

    private static void hopWhileWatching(NsHandle net, NsHandle uts, String expected) throws Exception {
        NamespaceHop hop = new NamespaceHop(k);
        long ourNet = Live.threadNs("net");
        long ourUts = Live.threadNs("uts");
        String ourNetLink = "net:[" + ourNet + "]";

        // a second thread keeps checking its own namespaces for the whole run
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong checks = new AtomicLong();
        AtomicReference<String> moved = new AtomicReference<>();
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (!stop.get() && moved.get() == null) {
                            long n = Live.threadNs("net");
                            long u = Live.threadNs("uts");
                            if (n != ourNet || u != ourUts) moved.set("watcher saw net " + n + ", uts " + u);
                            checks.incrementAndGet();
                        }
                    } catch (Exception e) {
                        moved.set("watcher failed: " + e);
                    }
                },
                "nscope-test-watcher");
        watcher.start();
        List<String> strays = new ArrayList<>();
        Set<Integer> hopTids = new TreeSet<>();
        try {
            for (int i = 0; i < 200; i++) {
                int[] hopTid = new int[1];
                String got = hop.inside(List.of(net, uts), () -> {
                    hopTid[0] = k.gettid();
                    return Live.threadNs("net") + " " + Live.threadNs("uts");
                });
                hopTids.add(hopTid[0]);
                assertEquals(expected, got, "hop " + i);
                assertEquals(ourNet, Live.threadNs("net"), "caller's net after hop " + i);
                assertEquals(ourUts, Live.threadNs("uts"), "caller's uts after hop " + i);
                // every thread of the JVM (GC, JIT, the watcher, ...) is in our net namespace, but hop threads:
                // the kernel task of one outlives Thread.join by a little (the JVM's own teardown), still inside
                for (int tid : TaskScan.tasks()) {
                    String link = TaskScan.link(tid, "net");
                    if (!hopTids.contains(tid) && link != null && !link.equals(ourNetLink))
                        strays.add("hop " + i + ": thread " + tid + " in " + link);
                }
            }
        } finally {
            stop.set(true);
            watcher.join(10_000);
        }
        assertNull(moved.get());
        assertEquals(List.of(), strays);
        for (int tid : hopTids) assertTrue(TaskScan.gone(tid), "hop thread " + tid + " ended");
        assertEquals(200, hopTids.size(), "each hop had a thread of its own");
        assertTrue(checks.get() > 200, "the watcher checked only " + checks.get() + " times during the hops");
    }
}
