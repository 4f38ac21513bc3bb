package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.FactReader;
import nscope.probes.source.Host;
import nscope.probes.source.HostFiles;
import nscope.probes.source.LiveFiles;
import nscope.testkit.LiveTest;
import nscope.testkit.OpenFds;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/**
 * The facts phase on real namespaces made with unshare: time offsets, id
 * maps, SysV IPC counts, pid levels; the kernel behaviour it relies on
 * (ns_last_pid, timens_offsets); no descriptor leaks; no exception when a
 * member exits between phases.
 */
@LiveTest
class LiveFactsTest {
    private static final EnumSet<Collector.Phase> FACTS = EnumSet.of(Collector.Phase.FACTS);

    private static Snapshot collect() {
        return new Collector(Host.liveNative(), Scope.PROCESSES, FACTS).collect();
    }

    static long ino(long pid, String link) throws IOException {
        return (Long) Files.getAttribute(Path.of("/proc", Long.toString(pid), "ns", link), "unix:ino");
    }

    static Readout<NsFacts> facts(Snapshot s, long ino) {
        for (Map.Entry<NsId, Readout<NsFacts>> e : s.facts().entrySet())
            if (e.getKey().ino() == ino) return e.getValue();
        throw new AssertionError(
                "no facts for namespace " + ino + " in " + s.facts().keySet());
    }

    /** The experiment behind the pid facts: ns_last_pid shows the reader's namespace, whatever the path. */
    @Test
    void nsLastPidShowsTheReadersPidNamespaceThroughAnyPath() throws Exception {
        try (Child c = new Child(
                "unshare", "--pid", "--fork", "sh", "-c", "cat /proc/sys/kernel/ns_last_pid; exec sleep 120")) {
            long inside = Long.parseLong(c.lines(1).get(0));
            assertTrue(inside <= 3, "inside its new pid namespace the child's cat saw ns_last_pid " + inside);
            long grandchild = c.pid();
            for (int i = 0;
                    i < 50
                            && ProcessHandle.of(c.pid())
                                    .get()
                                    .children()
                                    .findAny()
                                    .isEmpty();
                    i++) Thread.sleep(20);
            grandchild = ProcessHandle.of(c.pid())
                    .get()
                    .children()
                    .findFirst()
                    .orElseThrow()
                    .pid();
            assertNotEquals(ino(grandchild, "pid"), ino(ProcessHandle.current().pid(), "pid"));
            long before = lastPid(Path.of("/proc/sys/kernel/ns_last_pid"));
            long through = lastPid(Path.of("/proc", Long.toString(grandchild), "root/proc/sys/kernel/ns_last_pid"));
            long after = lastPid(Path.of("/proc/sys/kernel/ns_last_pid"));
            assertTrue(
                    before <= through && through <= after && through > grandchild,
                    "through the member's root we read our own value: " + before + " <= " + through + " <= " + after);
            Readout<NsFacts> theirs = facts(collect(), ino(grandchild, "pid"));
            NsFacts.Pid p = (NsFacts.Pid) theirs.get();
            assertEquals(1, p.level());
            assertFalse(p.lastPid().known());
            assertEquals(Unknown.Reason.NOT_PROVIDED, p.lastPid().why().reason());
        }
        NsFacts.Pid ours = (NsFacts.Pid)
                facts(collect(), ino(ProcessHandle.current().pid(), "pid")).get();
        assertEquals(0, ours.level());
        assertTrue(ours.lastPid().known(), ours.toString());
    }

    /**
     * One read with a large buffer: Files.readString reads a size-0 file one
     * byte first, and a sysctl integer file answers a read at offset 1 with
     * EOF, so it would return "1" for any value.
     */
    private static long lastPid(Path p) throws IOException {
        try (java.io.FileInputStream in = new java.io.FileInputStream(p.toFile())) {
            byte[] b = new byte[64];
            int n = in.read(b);
            return Long.parseLong(new String(b, 0, n, StandardCharsets.US_ASCII).strip());
        }
    }

    /** timens_offsets shows time_for_children: the unshare parent shows the new offsets while it lives in the old namespace. */
    @Test
    void timeOffsetsOfANewTimeNamespace() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--time",
                "--fork",
                "--boottime",
                "1000",
                "--monotonic",
                "500",
                "sh",
                "-c",
                "echo up; exec sleep 120")) {
            c.lines(1);
            long child = ProcessHandle.of(c.pid())
                    .get()
                    .children()
                    .findFirst()
                    .orElseThrow()
                    .pid();
            long parent = c.pid();
            assertNotEquals(
                    ino(parent, "time"), ino(parent, "time_for_children"), "unshare itself stays in the old one");
            assertEquals(ino(child, "time"), ino(parent, "time_for_children"));
            String shown = Files.readString(Path.of("/proc", Long.toString(parent), "timens_offsets"));
            assertTrue(
                    shown.matches("(?s)monotonic\\s+500\\s+0\\s+boottime\\s+1000\\s+0\\s*"),
                    "the parent's file shows its time_for_children: " + shown);
            Snapshot s = collect();
            assertEquals(Readout.of(new NsFacts.Time(500, 0, 1000, 0)), facts(s, ino(child, "time")));
            assertEquals(
                    Readout.of(new NsFacts.Time(0, 0, 0, 0)),
                    facts(s, ino(ProcessHandle.current().pid(), "time")));
        }
    }

    @Test
    void idMapsOfAUserNamespace() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--user",
                "--map-root-user",
                "sh",
                "-c",
                "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; exec sleep 120")) {
            List<String> printed = c.lines(3);
            NsFacts.User u =
                    (NsFacts.User) facts(collect(), ino(c.pid(), "user")).get();
            assertEquals(List.of(new NsFacts.IdRange(0, 0, 1)), u.uidMap());
            assertEquals(printed.get(0).replaceAll("\\s+", " "), "0 0 1");
            assertEquals(printed.get(1).replaceAll("\\s+", " "), "0 0 1");
            assertEquals(List.of(new NsFacts.IdRange(0, 0, 1)), u.gidMap());
            assertEquals(printed.get(2), u.setgroups());
            assertEquals("deny", u.setgroups());
        }
    }

    @Test
    void ipcCountsTheSegmentsOfItsOwnNamespaceOnly() throws Exception {
        try (Child c =
                new Child("unshare", "--ipc", "sh", "-c", "ipcmk -M 4096 >/dev/null && echo made; exec sleep 120")) {
            assertEquals("made", c.lines(1).get(0));
            Snapshot s = collect();
            assertEquals(Readout.of(new NsFacts.Ipc(1, 0, 0)), facts(s, ino(c.pid(), "ipc")));
            long hostShm = Files.readAllLines(Path.of("/proc/sysvipc/shm")).stream()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .count();
            NsFacts.Ipc ours = (NsFacts.Ipc)
                    facts(s, ino(ProcessHandle.current().pid(), "ipc")).get();
            assertEquals(hostShm, ours.shm(), "ours is unaffected by the child's segment");
        }
    }

    @Test
    void aThousandCollectionsLeakNoDescriptor() throws Exception {
        Host host = Host.liveNative();
        for (int i = 0; i < 20; i++) new Collector(host, Scope.PROCESSES, FACTS).collect(); // warm up: libc, buffers
        Map<Integer, String> before = OpenFds.now();
        for (int i = 0; i < 1000; i++) {
            Snapshot s = new Collector(host, Scope.PROCESSES, FACTS).collect();
            if (i == 0)
                assertTrue(s.facts().values().stream().anyMatch(r -> r.known() && r.get() instanceof NsFacts.Net));
        }
        OpenFds.assertNoMoreThan(before, "1000 collections");
    }

    /** A member killed between the namespace scan and the facts phase: its facts are unknown (exiting), nothing throws. */
    @Test
    void aMemberThatExitsBeforeTheFactsPhaseGivesUnknownNotAnException() throws Exception {
        try (Child c = new Child(
                "unshare",
                "--user",
                "--map-root-user",
                "--uts",
                "--net",
                "--ipc",
                "sh",
                "-c",
                "echo up; exec sleep 120")) {
            c.lines(1);
            long pid = c.pid();
            long[] inos = {ino(pid, "user"), ino(pid, "uts"), ino(pid, "net"), ino(pid, "ipc")};
            LiveFiles live = new LiveFiles();
            boolean[] killed = {false};
            Runnable kill = () -> {
                if (killed[0]) return;
                killed[0] = true;
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                for (int i = 0; i < 200 && Files.exists(Path.of("/proc", Long.toString(pid), "ns")); i++) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            HostFiles files = new Delegating(live) {
                @Override
                public byte[] read(Path file) throws IOException {
                    if (file.endsWith("uid_map")) kill.run();
                    return super.read(file);
                }

                @Override
                public FactReader facts() {
                    return (proc, starts) -> {
                        kill.run();
                        return live.facts().read(proc, starts);
                    };
                }
            };
            Host live0 = Host.live();
            Snapshot s =
                    new Collector(new Host(live0.roots(), files, "kill-mid-way"), Scope.PROCESSES, FACTS).collect();
            assertTrue(killed[0]);
            for (long ino : inos) {
                Readout<NsFacts> f = facts(s, ino);
                assertFalse(f.known(), ino + ": " + f);
                assertEquals(Unknown.Reason.EXITING, f.why().reason(), ino + ": " + f.why());
            }
        }
    }

    @Test
    void collectionsDuringChurnThrowNothing() throws Exception {
        Process churn = new ProcessBuilder(
                        Repo.synthHost().toString(), "churn", "--name", "nscope-test-churn2", "--seconds", "5")
                .redirectErrorStream(true)
                .start();
        int scans = 0;
        try {
            Thread.sleep(300);
            while (churn.isAlive()) {
                Snapshot s = new Collector(Host.liveNative(), Scope.PROCESSES, FACTS).collect();
                for (Readout<NsFacts> f : s.facts().values()) {
                    if (f.known()) continue;
                    Unknown.Reason r = f.why().reason();
                    assertTrue(
                            r == Unknown.Reason.EXITING
                                    || r == Unknown.Reason.PERMISSION
                                    || r == Unknown.Reason.NOT_PROVIDED,
                            "a race must not look like an error: " + f.why() + " "
                                    + f.why().detail());
                }
                scans++;
            }
        } finally {
            if (!churn.waitFor(60, TimeUnit.SECONDS)) {
                churn.destroy();
                churn.waitFor(10, TimeUnit.SECONDS);
            }
        }
        String report = new String(churn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(report.contains("churn nscope-test-churn2 ran"), "synth-host churn failed: " + report);
        assertTrue(scans >= 2, "only " + scans + " scans");
    }

    /** A HostFiles that passes every call on. */
    private static class Delegating implements HostFiles {
        private final HostFiles inner;

        Delegating(HostFiles inner) {
            this.inner = inner;
        }

        @Override
        public byte[] read(Path file) throws IOException {
            return inner.read(file);
        }

        @Override
        public byte[] readToEnd(Path file) throws IOException {
            return inner.readToEnd(file);
        }

        @Override
        public String readLink(Path link) throws IOException {
            return inner.readLink(link);
        }

        @Override
        public List<String> list(Path dir) throws IOException {
            return inner.list(dir);
        }

        @Override
        public boolean exists(Path p) {
            return inner.exists(p);
        }

        @Override
        public long[] nsDevIno(Path nsLink) throws IOException {
            return inner.nsDevIno(nsLink);
        }

        @Override
        public long[] nsDevIno(Path via, long ino) throws IOException {
            return inner.nsDevIno(via, ino);
        }
    }
}
