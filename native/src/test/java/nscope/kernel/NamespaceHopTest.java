package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reads inside a child's namespaces land there, and only there. */
@Timeout(60)
@LiveTest
class NamespaceHopTest {
    static Kernel k;
    static NamespaceHop hop;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
        hop = new NamespaceHop(k);
    }

    /** Interface names in a /proc/.../net/dev text (after its two header lines). */
    static Set<String> interfaces(String netDev) {
        Set<String> names = new TreeSet<>();
        List<String> lines = netDev.lines().toList();
        for (String l : lines.subList(2, lines.size()))
            names.add(l.substring(0, l.indexOf(':')).trim());
        return names;
    }

    @Test
    void netHopSeesTheChildsNamespaceAndInterfacesNotOurs() throws Exception {
        // the dummy needs the dummy module; the child says whether it got one, and its own interface list
        try (Child c = new Child(
                "unshare",
                "--net",
                "sh",
                "-c",
                "if ip link add nscope-test-d0 type dummy 2>/dev/null; then echo dummy=yes; else echo dummy=no; fi;"
                        + " stat -L -c %i /proc/self/ns/net; tail -n +3 /proc/self/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' '; echo;"
                        + " exec sleep 600")) {
            // the report comes after unshare: only then is /proc/PID/ns/net the new namespace
            List<String> report = c.lines(3);
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net")) {
                boolean dummy = report.get(0).equals("dummy=yes");
                long childNet = Long.parseLong(report.get(1));
                Set<String> childSays =
                        new TreeSet<>(Arrays.asList(report.get(2).split(" ")));
                long ourNet = Live.threadNs("net");
                Set<String> ours = interfaces(Files.readString(Path.of("/proc/thread-self/net/dev")));

                assertEquals(
                        childNet,
                        (long) hop.inside(net, () -> Live.threadNs("net")),
                        "the hop thread is in the child's net namespace");
                Set<String> seen =
                        interfaces(hop.inside(net, () -> Files.readString(Path.of("/proc/thread-self/net/dev"))));
                assertEquals(childSays, seen, "the interfaces the child sees");
                assertTrue(seen.contains("lo"), seen.toString());
                assertEquals(dummy, seen.contains("nscope-test-d0"), seen + " with dummy=" + dummy);
                assertNotEquals(ours, seen, "not our interfaces");
                assertEquals(ourNet, Live.threadNs("net"), "the calling thread did not move");
            }
        }
    }

    @Test
    void utsHopReadsTheChildsHostname() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--uts",
                "sh",
                "-c",
                "hostname nscope-test-h && stat -L -c %i /proc/self/ns/uts; exec sleep 600")) {
            long childUts = c.inode();
            try (NsHandle uts = NsHandle.open(k, "/proc/" + c.pid() + "/ns/uts")) {
                String ours =
                        Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                assertNotEquals("nscope-test-h", ours);
                assertEquals(
                        "nscope-test-h",
                        hop.inside(
                                uts,
                                () -> Files.readString(Path.of("/proc/sys/kernel/hostname"))
                                        .strip()));
                assertEquals(childUts, (long) hop.inside(uts, () -> Live.threadNs("uts")));
                assertEquals(
                        ours,
                        Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(),
                        "our hostname is untouched");
            }
        }
    }

    @Test
    void oneHopIntoNetAndUtsAtOnce() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--net",
                "--uts",
                "sh",
                "-c",
                "hostname nscope-test-h2 && stat -L -c %i /proc/self/ns/net /proc/self/ns/uts; exec sleep 600")) {
            List<String> ino = c.lines(2);
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net");
                    NsHandle uts = NsHandle.open(k, "/proc/" + c.pid() + "/ns/uts")) {
                String got = hop.inside(
                        List.of(net, uts),
                        () -> Live.threadNs("net") + " " + Live.threadNs("uts") + " "
                                + Files.readString(Path.of("/proc/sys/kernel/hostname"))
                                        .strip());
                assertEquals(ino.get(0) + " " + ino.get(1) + " nscope-test-h2", got);
            }
        }
    }

    @Test
    void ipcAndCgroupHopsLandInTheChildsNamespaces() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--ipc",
                "--cgroup",
                "sh",
                "-c",
                "stat -L -c %i /proc/self/ns/ipc /proc/self/ns/cgroup; exec sleep 600")) {
            List<String> ino = c.lines(2);
            try (NsHandle ipc = NsHandle.open(k, "/proc/" + c.pid() + "/ns/ipc");
                    NsHandle cgroup = NsHandle.open(k, "/proc/" + c.pid() + "/ns/cgroup")) {
                assertEquals(Long.parseLong(ino.get(0)), (long) hop.inside(ipc, () -> Live.threadNs("ipc")));
                assertEquals(Long.parseLong(ino.get(1)), (long) hop.inside(cgroup, () -> Live.threadNs("cgroup")));
                assertNotEquals(Long.parseLong(ino.get(0)), Live.threadNs("ipc"));
                assertNotEquals(Long.parseLong(ino.get(1)), Live.threadNs("cgroup"));
            }
        }
    }

    @Test
    void duringAHopOnlyTheHopThreadIsInsideAndItIsGoneAfterwards() throws Exception {
        try (Child c = new Child("unshare", "--net", "sh", "-c", "stat -L -c %i /proc/self/ns/net; exec sleep 600")) {
            String foreign = "net:[" + c.inode() + "]";
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net")) {
                int[] inside = hop.inside(net, () -> new int[] {
                    k.gettid(),
                    tasksIn("net", foreign).size(),
                    tasksIn("net", foreign).get(0)
                });
                assertEquals(1, inside[1], "exactly one thread of ours in the child's net namespace");
                assertEquals(inside[0], inside[2], "and it is the hop thread");
                assertNotEquals(k.gettid(), inside[0], "the read did not run on the caller");
                assertTrue(TaskScan.gone(inside[0]), "hop thread " + inside[0] + " still exists");
                assertEquals(
                        List.of(), tasksIn("net", foreign), "no thread of ours stayed in the child's net namespace");
            }
        }
    }

    /** TIDs of our threads whose namespace link of this type reads exactly link. */
    static List<Integer> tasksIn(String type, String link) throws IOException {
        List<Integer> in = new java.util.ArrayList<>();
        for (int tid : TaskScan.tasks()) if (link.equals(TaskScan.link(tid, type))) in.add(tid);
        return in;
    }

    @Test
    void mntUserPidAndTimeAreRefusedWithTheReason() throws Exception {
        for (String type : List.of("mnt", "user", "pid", "time")) {
            try (NsHandle h = NsHandle.open(k, "/proc/self/ns/" + type)) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> hop.inside(h, () -> "ran"));
                assertTrue(e.getMessage().contains("child process"), e.getMessage());
                assertTrue(e.getMessage().contains(type + " namespace /proc/self/ns/" + type), e.getMessage());
            }
        }
    }

    @Test
    void theKernelReallyRefusesMntUserAndTimeToAThreadOfTheJvm() throws Exception {
        // why the hop refuses them: even our own namespaces cannot be re-joined from a multithreaded process
        for (String type : List.of("mnt", "user", "time")) {
            try (NsHandle h = NsHandle.open(k, "/proc/self/ns/" + type)) {
                Object r = FreshThread.run(() -> {
                    k.setns(h.fd(), h.type().flag());
                    return "joined";
                });
                KernelException e = assertInstanceOfKernel(r);
                assertEquals(
                        type.equals("time") ? Errno.EUSERS : Errno.EINVAL, e.errno(), type + ": " + e.getMessage());
            }
        }
    }

    @Test
    void setnsWithTheWrongTypeIsEinval() throws Exception {
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net")) {
            KernelException e = assertInstanceOfKernel(FreshThread.run(() -> {
                k.setns(net.fd(), CloneFlags.NEWUTS);
                return "joined";
            }));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "setns /proc/self/ns/net as uts: invalid argument (EINVAL): not a uts namespace"),
                    e.getMessage());
        }
    }

    @Test
    void twoOfOneTypeOrNoneAreRefused() throws Exception {
        try (NsHandle a = NsHandle.open(k, "/proc/self/ns/net");
                NsHandle b = NsHandle.open(k, "/proc/thread-self/ns/net")) {
            assertThrows(IllegalArgumentException.class, () -> hop.inside(List.of(a, b), () -> "ran"));
            assertThrows(IllegalArgumentException.class, () -> hop.inside(List.of(), () -> "ran"));
        }
    }

    static KernelException assertInstanceOfKernel(Object r) {
        assertTrue(r instanceof KernelException, "expected a KernelException, got " + r);
        return (KernelException) r;
    }

    @Test
    void whatTheReadThrowsComesBackAsTheCause() throws Exception {
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net")) {
            IOException boom = new IOException("nscope-test boom");
            HopException e = assertThrows(
                    HopException.class,
                    () -> hop.inside(net, () -> {
                        throw boom;
                    }));
            assertSame(boom, e.getCause());
            assertTrue(
                    e.getMessage().contains("net /proc/self/ns/net")
                            && e.getMessage().contains("nscope-test boom"),
                    e.getMessage());
            IllegalStateException unchecked = new IllegalStateException("nscope-test unchecked");
            assertSame(
                    unchecked,
                    assertThrows(
                                    HopException.class,
                                    () -> hop.inside(net, () -> {
                                        throw unchecked;
                                    }))
                            .getCause());
            // an Error (a failed assertion inside the read) is not wrapped
            AssertionError failed = new AssertionError("nscope-test assertion");
            assertSame(
                    failed,
                    assertThrows(
                            AssertionError.class,
                            () -> hop.inside(net, () -> {
                                throw failed;
                            })));
        }
    }

    @Test
    void aReadThatHangsTimesOutAndItsThreadIsInterrupted() throws Exception {
        NamespaceHop quick = new NamespaceHop(k, java.time.Duration.ofMillis(300));
        int[] tid = new int[1];
        try (NsHandle net = NsHandle.open(k, "/proc/self/ns/net")) {
            long t0 = System.nanoTime();
            HopException e = assertThrows(
                    HopException.class,
                    () -> quick.inside(net, () -> {
                        tid[0] = k.gettid();
                        Thread.sleep(60_000);
                        return "slept";
                    }));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, String.valueOf(e.getCause()));
            assertTrue(ms >= 300 && ms < 5_000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
            assertTrue(TaskScan.gone(tid[0]), "the interrupted hop thread ended");
        }
    }

    @Test
    void aSetnsFailureIsAKernelExceptionAndTheReadDoesNotRun() throws Exception {
        // capabilities are per thread and a new thread inherits its creator's: a caller without
        // CAP_SYS_ADMIN in its effective set makes a hop thread the kernel refuses (EPERM)
        try (Child c = new Child("unshare", "--net", "sh", "-c", "echo ready; exec sleep 600")) {
            c.lines(1);
            try (NsHandle net = NsHandle.open(k, "/proc/" + c.pid() + "/ns/net")) {
                boolean[] ran = new boolean[1];
                Object r = FreshThread.run(() -> {
                    Caps.dropEffective(Caps.CAP_SYS_ADMIN);
                    return hop.inside(net, () -> ran[0] = true);
                });
                KernelException e = assertInstanceOfKernel(r);
                assertEquals(Errno.EPERM, e.errno(), e.getMessage());
                assertTrue(e.getMessage().startsWith("setns /proc/" + c.pid() + "/ns/net as net"), e.getMessage());
                assertFalse(ran[0], "the read must not run outside the namespace it asked for");
                assertTrue(Caps.effective(Caps.CAP_SYS_ADMIN), "the JUnit thread kept its capability");
            }
        }
    }

    @Test
    void aTourReadsEachStepInsideItsStepsNamespacesOnOneThread() throws Exception {
        String script =
                "hostname nscope-test-t%s && stat -L -c %%i /proc/self/ns/net /proc/self/ns/uts; exec sleep 600";
        try (Child a = new Child("unshare", "--net", "--uts", "sh", "-c", String.format(script, "a"));
                Child b = new Child("unshare", "--net", "--uts", "sh", "-c", String.format(script, "b"))) {
            List<String> inoA = a.lines(2), inoB = b.lines(2);
            try (NsHandle netA = NsHandle.open(k, "/proc/" + a.pid() + "/ns/net");
                    NsHandle utsA = NsHandle.open(k, "/proc/" + a.pid() + "/ns/uts");
                    NsHandle netB = NsHandle.open(k, "/proc/" + b.pid() + "/ns/net");
                    NsHandle utsB = NsHandle.open(k, "/proc/" + b.pid() + "/ns/uts")) {
                Set<Integer> tids = new TreeSet<>();
                List<NamespaceHop.Step<String>> steps =
                        hop.tour(List.of(List.of(netA, utsA), List.of(utsB), List.of(netB)), i -> () -> {
                            tids.add(k.gettid());
                            if (i == 1) throw new IOException("step 1 fails");
                            return Live.threadNs("net") + " " + Live.threadNs("uts") + " "
                                    + Files.readString(Path.of("/proc/sys/kernel/hostname"))
                                            .strip();
                        });
                assertEquals(
                        inoA.get(0) + " " + inoA.get(1) + " nscope-test-ta",
                        steps.get(0).value());
                assertEquals("step 1 fails", steps.get(1).failure().getMessage());
                // step 2 names net only: uts stays where step 1 left it, B's
                assertEquals(
                        inoB.get(0) + " " + inoB.get(1) + " nscope-test-tb",
                        steps.get(2).value());
                assertEquals(1, tids.size(), "one thread for the whole tour: " + tids);
                assertNotEquals(k.gettid(), (int) tids.iterator().next());
                assertNotEquals(Long.parseLong(inoA.get(0)), Live.threadNs("net"), "the caller never moved");

                // a step whose setns the kernel refuses does not run its read, and the others are tried
                boolean[] ran = new boolean[1];
                Object r = FreshThread.run(() -> {
                    Caps.dropEffective(Caps.CAP_SYS_ADMIN);
                    return hop.tour(List.of(List.of(netA), List.of(utsB)), i -> () -> ran[0] = true);
                });
                @SuppressWarnings("unchecked")
                List<NamespaceHop.Step<Boolean>> refused = (List<NamespaceHop.Step<Boolean>>) r;
                assertEquals(2, refused.size());
                for (NamespaceHop.Step<Boolean> st : refused)
                    assertEquals(Errno.EPERM, ((KernelException) st.failure()).errno(), String.valueOf(st));
                assertFalse(ran[0], "no read runs outside the namespaces it asked for");
            }
        }
    }
}
