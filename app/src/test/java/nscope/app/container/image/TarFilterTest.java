package nscope.app.container.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made by GNU tar from a tree with every kind of member, in each format tar writes:
 * filtered, then listed and unpacked by GNU tar, they are the tree without its device nodes.
 */
@LiveTest // real archives of real device nodes: mknod and chown need root
class TarFilterTest {
    static final String LONG = "n".repeat(150), TARGET = "t".repeat(120);

    @TempDir
    Path dir;

    @Test
    void gnu() throws Exception {
        check("gnu", false, true, "././@LongLink");
    }

    @Test
    void pax() throws Exception {
        check("pax", false, true, "PaxHeaders");
    }

    @Test
    void ustar() throws Exception {
        check("ustar", false, false, "ustar\u000000");
    }

    @Test
    void gnuGzip() throws Exception {
        check("gnu", true, true, null);
    }

    @Test
    void paxGzip() throws Exception {
        check("pax", true, true, null);
    }

    /** A file with more data regions than the header holds: GNU tar adds sparse extension blocks after it. */
    @Test
    void gnuSparse() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        sh(
                "cd " + src + " && truncate -s 64M asparse && for i in 1 3 5 7 9 11 13; do"
                        + " echo region$i | dd of=asparse bs=1M seek=$i conv=notrunc status=none; done && mknod dev c 1 3 && echo after > zz");
        byte[] tar = run(null, "tar", "--format=gnu", "--sparse", "--sort=name", "-C", src.toString(), "-cf", "-", ".");
        assertEquals('S', tar[512 + 156], "the second member is an old GNU sparse file");
        assertEquals(1, tar[512 + 482], "with extension blocks");
        assertEquals(listing(without(src, "dev")), listing(unpacked(filter(tar, 1, "./dev"))));
        TarFilter.BadImage e = assertThrows(
                TarFilter.BadImage.class,
                () -> filter(
                        run(
                                null,
                                "tar",
                                "--format=pax",
                                "--sparse",
                                "--sort=name",
                                "-C",
                                src.toString(),
                                "-cf",
                                "-",
                                "."),
                        0));
        assertTrue(
                e.getMessage().contains("asparse at offset") && e.getMessage().contains("PAX sparse file"),
                e.getMessage());
    }

    @Test
    void truncatedArchivesAreRefused() throws Exception {
        byte[] tar = archive(tree(false), "gnu", false);
        int end = tar.length;
        while (tar[end - 1] == 0) end--;
        end = (end + 511) / 512 * 512; // where the zero blocks start
        for (int cut : new int[] {end, end - 100, 512 * 3 + 100, 700}) {
            String m = assertThrows(TarFilter.BadImage.class, () -> filter(Arrays.copyOf(tar, cut), 0))
                    .getMessage();
            assertTrue(m.startsWith("the image is not a valid tar archive: it ends ") && m.contains("(truncated?)"), m);
        }
        assertEquals(
                "the image is not a valid tar archive: it ends at offset 0 without the zero blocks that end an archive (truncated?)",
                assertThrows(TarFilter.BadImage.class, () -> filter(new byte[0], 0))
                        .getMessage());
    }

    @Test
    void aCorruptedChecksumIsRefused() throws Exception {
        byte[] tar = archive(tree(false), "gnu", false);
        int at = 0;
        while (!new String(tar, at, 8, StandardCharsets.ISO_8859_1).equals("./fifo\0\0")) at += 512;
        tar[at + 150] ^= 1; // a digit of the checksum
        assertEquals(
                "the image is not a valid tar archive: header checksum mismatch at offset " + at,
                assertThrows(TarFilter.BadImage.class, () -> filter(tar, 0)).getMessage());
    }

    @Test
    void otherCompressionsAreRefused() throws Exception {
        byte[] tar = archive(tree(false), "gnu", false);
        List<byte[]> xz = new ArrayList<>(List.of(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4}));
        if (Files.isExecutable(Path.of("/usr/bin/xz"))) xz.add(run(tar, "xz", "-c"));
        for (byte[] b : xz)
            assertEquals(
                    "xz-compressed images are not supported: unpack it and give the directory, or a plain or gzip tar",
                    assertThrows(TarFilter.BadImage.class, () -> filter(b, 0)).getMessage());
        for (String c : List.of("zstd", "bzip2")) {
            if (!Files.isExecutable(Path.of("/usr/bin", c))) continue;
            String m = assertThrows(TarFilter.BadImage.class, () -> filter(run(tar, c, "-c"), 0))
                    .getMessage();
            assertTrue(m.startsWith(c + "-compressed images are not supported"), m);
        }
    }

    /** Filters an archive of the tree in that format, and checks the result through GNU tar. */
    private void check(String format, boolean gzip, boolean longNames, String marker) throws Exception {
        Path src = tree(longNames);
        byte[] tar = archive(src, format, gzip);
        if (marker != null)
            assertTrue(new String(tar, StandardCharsets.ISO_8859_1).contains(marker), "a " + format + " archive");
        List<String> devices = new ArrayList<>(List.of("./dev/bdev", "./dev/cdev", "./dev/hardcdev"));
        if (longNames) devices.add("./dev/" + LONG);
        byte[] out = filter(tar, devices.size(), devices.toArray(String[]::new));
        List<String> members = new ArrayList<>(lines(run(tar, "tar", "-t" + (gzip ? "z" : ""), "-f", "-")));
        assertTrue(members.removeAll(devices));
        assertEquals(members, lines(run(out, "tar", "-t", "-f", "-")), "every member but the devices, in order");
        assertEquals(
                listing(without(src, "dev/bdev", "dev/cdev", "dev/hardcdev", "dev/" + LONG)), listing(unpacked(out)));
    }

    /** Runs the filter, checks its count, names, byte count and progress, and returns its output. */
    static byte[] filter(byte[] tar, int devices, String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] progress = {-1};
        TarFilter.Result r = TarFilter.copy(new ByteArrayInputStream(tar), out, n -> {
            assertTrue(n > progress[0] && n <= tar.length);
            progress[0] = n;
        });
        assertEquals(tar.length, progress[0], "progress reaches the input's size");
        assertEquals(devices, r.devicesDropped());
        assertEquals(Set.of(names), Set.copyOf(r.droppedNames()));
        assertEquals(out.size(), r.bytes());
        return out.toByteArray();
    }

    /** A regular file, setuid file, symlinks, a hard link, a directory, a fifo, devices (one hard-linked); long names, a non-ASCII one. */
    private Path tree(boolean longNames) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        sh("cd " + src
                + " && echo hello > file && chown 1234:5678 file && printf '#!/bin/sh\\n' > suid && chown 1000:1000 suid"
                + " && chmod 04755 suid && ln -s file link && ln file hard && mkdir -m 0750 dir && chown 42:43 dir && mkfifo fifo"
                + " && mkdir dev && mknod dev/cdev c 1 3 && ln dev/cdev dev/hardcdev && mknod -m 0666 dev/bdev b 7 0 && echo caf > \"$(printf 'caf\\303\\251')\""
                + (longNames
                        ? " && echo long > dir/" + LONG + " && ln -s " + TARGET + " longlink && mknod dev/" + LONG
                                + " c 1 11"
                        : ""));
        return src;
    }

    static byte[] archive(Path src, String format, boolean gzip) throws IOException {
        return run(
                null,
                "tar",
                "--format=" + format,
                "--sort=name",
                "-C",
                src.toString(),
                gzip ? "-czf" : "-cf",
                "-",
                ".");
    }

    /** The source tree's listing is taken with its devices moved out of it. */
    private Path without(Path src, String... devices) throws IOException {
        Path aside = Files.createDirectories(dir.resolve("aside"));
        for (String d : devices)
            if (Files.exists(src.resolve(d), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                sh("mv " + src.resolve(d) + " " + aside.resolve(d.replace('/', '_')));
        return src;
    }

    private Path unpacked(byte[] tar) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        run(tar, "tar", "-x", "--numeric-owner", "-C", out.toString(), "-f", "-");
        return out;
    }

    /** Type, mode (setuid included), owner, link count, name, link target and content of everything under a directory. */
    static String listing(Path root) throws IOException {
        return sh(
                "cd " + root
                        + " && find . -printf '%y %m %U:%G %n %p -> %l\\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort");
    }

    static List<String> lines(byte[] b) {
        return List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n"));
    }

    static String sh(String script) throws IOException {
        return new String(run(null, "sh", "-c", script), StandardCharsets.ISO_8859_1);
    }

    /** Runs a command with stdin from the bytes; its stdout, or a failure with its stderr. */
    static byte[] run(byte[] stdin, String... cmd) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "GNU tar");
        Path err = Files.createTempFile("tar-filter-test", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            Thread feed = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    if (stdin != null) in.write(stdin);
                } catch (IOException ignored) {
                    /* the command stopped reading: its status says why */
                }
            });
            feed.start();
            byte[] out = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            feed.join();
            assertEquals(0, rc, String.join(" ", cmd) + ": " + Files.readString(err));
            return out;
        } catch (InterruptedException e) {
            throw new IOException(e);
        } finally {
            Files.delete(err);
        }
    }
}
