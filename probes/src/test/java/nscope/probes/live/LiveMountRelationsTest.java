package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nscope.kernel.Child;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.read.MountReader;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * Mount tables of real namespaces, read through MountReader on the live
 * host. Namespace A (private) mounts a tmpfs, makes it shared, and binds a
 * directory onto itself; B1, made from A with propagation unchanged, holds a peer of that
 * tmpfs; B2, made from A, pivots its root into a bind of a directory
 * (holding a bind of /usr, so that sleep runs there). Then B1 shares
 * exactly that peer group with A, and B2's root is found at that bind in
 * A and at that directory on the host.
 */
@LiveTest
class LiveMountRelationsTest {
    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "B=$1",
            "mount -t tmpfs nscope-test-shared \"$B/s\"",
            "mount --make-shared \"$B/s\"",
            "mount --bind \"$B/rootfs\" \"$B/rootfs\"",
            "mount --bind /usr \"$B/rootfs/usr\"",
            "unshare --mount --propagation unchanged sleep 600 &",
            "echo \"$!\"",
            // a container-like root: the bind of rootfs (which holds /usr, bound, and bin, lib links)
            "unshare --mount sh -c 'cd \"$1\" && pivot_root . old && mount -t proc nscope-test-proc /proc"
                    + " && umount -l /old && exec /bin/sleep 600' sh \"$B/rootfs\" &",
            "echo \"$!\"",
            "echo ready",
            "wait");

    @Test
    void peerGroupsAndWhereARootIs() throws Exception {
        Path base = Path.of(
                "/run/nscope-test", "relations-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectories(base.resolve("s"));
            Path rootfs = base.resolve("rootfs");
            for (String d : List.of("usr", "old", "proc")) Files.createDirectories(rootfs.resolve(d));
            for (String l : List.of("bin", "lib", "lib64"))
                Files.createSymbolicLink(rootfs.resolve(l), Path.of("usr", l));
            try (Child a = new Child(
                    "unshare", "--mount", "--propagation", "private", "sh", "-c", SCRIPT, "sh", base.toString())) {
                List<String> said = a.lines(3);
                assertEquals("ready", said.get(2), said.toString());
                int b1 = Integer.parseInt(said.get(0)), b2 = Integer.parseInt(said.get(1));
                waitForComm(b1, "sleep");
                waitForComm(b2, "sleep");

                MountReader reader = new MountReader(Host.live());
                MountTable host = table(reader, (int) ProcessHandle.current().pid());
                MountTable ta = table(reader, a.pid()), tb1 = table(reader, b1), tb2 = table(reader, b2);

                Mount s = ta.topAt(base.resolve("s").toString()).orElseThrow();
                assertTrue(s.propagation().shared().isPresent(), s.toString());
                List<MountTable.SharedPeer> peers = tb1.sharedWith(ta);
                assertEquals(1, peers.size(), peers.toString());
                assertEquals(s.propagation().shared().getAsInt(), peers.get(0).peerGroup());
                assertEquals(s, peers.get(0).there());
                assertEquals(base.resolve("s").toString(), peers.get(0).here().mountPoint());
                assertEquals(List.of(), ta.sharedWith(host), "A was made private: it shares nothing with the host");

                Mount root = tb2.rootMount().orElseThrow();
                assertEquals(rootfs.toString(), root.root(), root.toString());
                assertEquals(
                        List.of("/", "/usr", "/proc"),
                        tb2.inTreeOrder().stream().map(Mount::mountPoint).toList(),
                        "the old root is gone from B2");
                MountTable.Origin inA = tb2.rootOn(ta).orElseThrow();
                assertEquals(rootfs.toString(), inA.path());
                assertEquals(ta.topAt(rootfs.toString()).orElseThrow(), inA.mount(), "the bind in A, not A's /");
                MountTable.Origin onHost = tb2.rootOn(host).orElseThrow();
                assertEquals(rootfs.toString(), onHost.path());
                assertTrue(
                        onHost.mount().mountPoint().equals("/")
                                || rootfs.startsWith(onHost.mount().mountPoint()),
                        onHost.toString());
            }
        } finally {
            // the namespaces died with their processes (Child kills them by PID): only directories are left
            if (Files.exists(base)) {
                try (Stream<Path> s = Files.walk(base)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            try (Stream<Path> s = Files.list(base.getParent())) {
                if (s.findAny().isEmpty()) Files.deleteIfExists(base.getParent());
            }
        }
    }

    private static MountTable table(MountReader reader, int pid) {
        MountReader.Result r = reader.read(pid);
        assertEquals(List.of(), r.problems(), "mountinfo of " + pid);
        return r.table().get();
    }

    private static void waitForComm(int pid, String comm) throws IOException, InterruptedException {
        Path f = Path.of("/proc/" + pid + "/comm");
        for (int i = 0; i < 250; i++) {
            if (Files.readString(f).strip().equals(comm)) return;
            Thread.sleep(20);
        }
        throw new AssertionError(pid + " never became " + comm + ": " + Files.readString(f));
    }
}
