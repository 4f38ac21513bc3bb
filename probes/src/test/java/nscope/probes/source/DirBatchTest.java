package nscope.probes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import nscope.kernel.Errno;
import nscope.kernel.GroupRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory read by libnscope-read's two calls gives what the plain reader gives. */
class DirBatchTest {
    @TempDir
    Path dir;

    private static LiveFiles batch() {
        GroupRead g = GroupRead.shared();
        assertNotNull(g, GroupRead.unavailable());
        return new LiveFiles(true, g);
    }

    /** Subdirectories, files read, failures by errno. */
    private static String seen(DirRead r) {
        Map<String, String> files = new TreeMap<>();
        r.files().forEach((k, v) -> files.put(k, new String(v, StandardCharsets.UTF_8)));
        Map<String, String> failed = new TreeMap<>();
        r.failed().forEach((k, v) -> failed.put(k, Errno.of(v).toString()));
        return "dirs " + new java.util.TreeSet<>(r.dirs()) + " files " + files + " failed " + failed;
    }

    @Test
    void aDirectoryReadsAsThePlainReaderReadsIt() throws IOException {
        Files.createDirectory(dir.resolve("child-a"));
        Files.createDirectory(dir.resolve("child-b"));
        Files.writeString(dir.resolve("memory.max"), "max\n");
        Files.writeString(dir.resolve("cgroup.procs"), "1\n2\n3\n".repeat(3000)); // beyond a page: read whole
        Files.writeString(dir.resolve("unwanted"), "x");
        Files.createSymbolicLink(dir.resolve("cgroup.gone"), dir.resolve("nowhere")); // listed, open fails
        // a wanted name that is a directory is listed as one, a wanted name not there is absent
        DirRead.Wanted wanted = DirRead.Wanted.of(
                java.util.List.of("child-b", "cgroup.procs", "memory.max", "cgroup.gone", "memory.high"));
        DirRead plain = new LiveFiles(true, null).readDir(dir, wanted), fast = batch().readDir(dir, wanted);
        assertEquals(seen(plain), seen(fast));
        assertEquals(
                "dirs [child-a, child-b] files {cgroup.procs=" + "1\n2\n3\n".repeat(3000) + ", memory.max=max\n}"
                        + " failed {cgroup.gone=ENOENT}",
                seen(fast));
        assertEquals(Files.getAttribute(dir.resolve("child-a"), "unix:ino"), fast.ino("child-a"));
        assertEquals(Files.getAttribute(dir.resolve("child-b"), "unix:ino"), fast.ino("child-b"));
        assertThrows(IllegalArgumentException.class, () -> DirRead.Wanted.of(java.util.List.of("a", "a")));
    }

    @Test
    void namesAndInodesListedInOneCallAreEachEntrysOwn() throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 3000; i++) { // /proc's PIDs on a busy host, beyond one getdents buffer
            Path f = Files.writeString(dir.resolve(Integer.toString(100 + i)), "");
            expected.put(f.getFileName().toString(), (Long) Files.getAttribute(f, "unix:ino"));
        }
        Path sub = Files.createDirectory(dir.resolve("self"));
        expected.put("self", (Long) Files.getAttribute(sub, "unix:ino"));
        assertEquals(expected, new TreeMap<>(batch().listInodes(dir)));
        IOException gone = assertThrows(IOException.class, () -> batch().listInodes(dir.resolve("removed")));
        assertEquals(Errno.ENOENT, Errno.of(gone));
        // the names alone, as java.nio lists them, and the same failure
        assertEquals(
                new java.util.TreeSet<>(new LiveFiles(true, null).list(dir)),
                new java.util.TreeSet<>(batch().list(dir)));
        assertEquals(expected.keySet(), new java.util.TreeSet<>(batch().list(dir)));
        IOException plain =
                assertThrows(IOException.class, () -> new LiveFiles(true, null).list(dir.resolve("removed")));
        assertEquals(
                Errno.of(plain), Errno.of(assertThrows(IOException.class, () -> batch().list(dir.resolve("removed")))));
    }

    /** What eachAnonLink handed over: links and their targets, failures by errno. */
    private static Map<String, String> anonLinks(LiveFiles files, Path dir) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        files.eachAnonLink(dir, new HostFiles.LinkVisitor() {
            @Override
            public void link(String name, String target) {
                seen.put(name, target);
            }

            @Override
            public boolean failed(String name, IOException e) {
                seen.put(name, "failed " + Errno.of(e));
                return true;
            }
        });
        return seen;
    }

    @Test
    void aDescriptorTablesLinksThatNameNoPathReadInOneCallAsOneByOne() throws IOException {
        Files.createSymbolicLink(dir.resolve("3"), Path.of("net:[4026531840]"));
        Files.createSymbolicLink(dir.resolve("4"), Path.of("/dev/null")); // a path: left out
        Files.createSymbolicLink(dir.resolve("5"), Path.of("pipe:[12345]"));
        Files.createSymbolicLink(dir.resolve("6"), Path.of("x".repeat(3000))); // long, and no path
        Files.writeString(dir.resolve("7"), "not a link"); // readlink fails: EINVAL
        Map<String, String> plain = anonLinks(new LiveFiles(true, null), dir), fast = anonLinks(batch(), dir);
        assertEquals(plain, fast);
        assertEquals(
                Map.of("3", "net:[4026531840]", "5", "pipe:[12345]", "6", "x".repeat(3000), "7", "failed EINVAL"),
                fast);
        // this JVM's own table, with a namespace held open: its link reads "net:[INODE]" as the kernel gives it
        try (java.io.FileInputStream net = new java.io.FileInputStream("/proc/self/ns/net")) {
            String inode = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            Map<String, String> own = anonLinks(batch(), Path.of("/proc/self/fd"));
            assertEquals(true, own.containsValue(inode), inode + " among " + own);
            own.values().forEach(t -> assertEquals(false, t.startsWith("/"), "no path: " + t));
        }
        IOException gone = assertThrows(IOException.class, () -> anonLinks(batch(), dir.resolve("removed")));
        assertEquals(Errno.ENOENT, Errno.of(gone));
    }

    @Test
    void aVanishedDirectoryFailsAsItWouldPlainly() {
        Path gone = dir.resolve("removed");
        IOException a =
                assertThrows(IOException.class, () -> batch().readDir(gone, DirRead.Wanted.of(java.util.List.of())));
        IOException b = assertThrows(
                IOException.class,
                () -> new LiveFiles(true, null).readDir(gone, DirRead.Wanted.of(java.util.List.of())));
        assertEquals(Errno.of(b), Errno.of(a));
    }

    /** Files named under one directory (as every process's PID/cgroup under /proc), read in one call. */
    @Test
    void manyFilesUnderADirectoryReadAsOneByOne() throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) { // more names than any fixed buffer in the library would hold
            Files.createDirectory(dir.resolve(Integer.toString(i)));
            Files.writeString(dir.resolve(i + "/cgroup"), "0::/c" + i + "\n");
            names.add(i + "/cgroup");
        }
        names.add("3001/cgroup"); // gone before its read
        Map<String, String> plain = new TreeMap<>(), fast = new TreeMap<>();
        new LiveFiles(true, null).readEach(dir, names, (i, b, e) -> plain.put(names.get(i), text(b, e)));
        batch().readEach(dir, names, (i, b, e) -> fast.put(names.get(i), text(b, e)));
        assertEquals(plain, fast);
        assertEquals("0::/c7\n", fast.get("7/cgroup"));
        assertEquals("ENOENT", fast.get("3001/cgroup"));
    }

    private static String text(byte[] b, IOException e) {
        return e != null ? Errno.of(e).toString() : new String(b, StandardCharsets.UTF_8);
    }

    private static long[] sorted(long[] pairs) {
        long[] s = pairs.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    @Test
    void threadGroupsReadInOneCallAsByListings() throws IOException {
        // 33,000 directories: on tmpfs where there is one (a tenth of a second), else in the test's directory
        Path shm = Path.of("/dev/shm");
        Path top =
                Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "nscope-test-") : dir;
        try {
            threadGroupsOf(Files.createDirectory(top.resolve("proc")));
        } finally {
            if (top != dir)
                try (java.util.stream.Stream<Path> s = Files.walk(top)) {
                    s.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
        }
    }

    private void threadGroupsOf(Path proc) throws IOException {
        for (String task : new String[] {
            "10/task/10", "20/task/20", "20/task/21", "20/task/22", "30/task/30", "30/task/31", "30/task/not-a-tid"
        }) Files.createDirectories(proc.resolve(task));
        Path many = Files.createDirectories(proc.resolve("50/task"));
        for (int t = 50; t < 50 + 33_000; t++) Files.createDirectory(many.resolve(Integer.toString(t))); // > 256 KB
        java.util.List<Integer> pids = java.util.List.of(10, 20, 30, 40, 50); // 40: exited
        long[] fast = sorted(batch().threadGroups(proc, pids));
        assertEquals(
                java.util.Arrays.toString(sorted(new LiveFiles(true, null).threadGroups(proc, pids))),
                java.util.Arrays.toString(fast));
        assertEquals(3 + 2 + 33_000, fast.length); // 10 has one thread: its own leader, left out
        assertEquals(20L << 32 | 20, fast[0]);
        assertEquals(22L << 32 | 20, fast[2]);
        assertEquals(31L << 32 | 30, fast[4]);
        assertEquals((50L + 32_999) << 32 | 50, fast[fast.length - 1]);
    }

    @Test
    void thisJvmsThreadsAreItsOwn() {
        int pid = (int) ProcessHandle.current().pid();
        long[] pairs = batch().threadGroups(Path.of("/proc"), java.util.List.of(pid, Integer.MAX_VALUE));
        assertTrue(pairs.length > 1, "a JVM runs more than one thread");
        for (long p : pairs) assertEquals(pid, (int) p, "every thread listed is this JVM's");
        assertTrue(java.util.Arrays.stream(pairs).anyMatch(p -> p == ((long) pid << 32 | pid)), "its leader too");
        assertEquals(0, batch().threadGroups(dir.resolve("no-proc"), java.util.List.of(pid)).length);
    }

    /** A namespace link's identity by the library's stat, as java.nio gives it; a missing link fails alike. */
    @Test
    void aNamespaceLinksDeviceAndInodeAsJavaNioReadsThem() throws IOException {
        for (String kind : java.util.List.of("net", "mnt", "pid", "user")) {
            Path link = Path.of("/proc/self/ns", kind);
            assertEquals(
                    java.util.Arrays.toString(new LiveFiles(true, null).nsDevIno(link)),
                    java.util.Arrays.toString(batch().nsDevIno(link)),
                    kind);
        }
        Path gone = dir.resolve("no-such-link");
        IOException a = assertThrows(IOException.class, () -> batch().nsDevIno(gone));
        IOException b = assertThrows(IOException.class, () -> new LiveFiles(true, null).nsDevIno(gone));
        assertEquals(Errno.of(b), Errno.of(a));
        assertEquals(Errno.ENOENT, Errno.of(a));
    }
}
