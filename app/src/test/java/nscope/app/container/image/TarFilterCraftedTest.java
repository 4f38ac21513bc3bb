package nscope.app.container.image;

import static nscope.app.container.image.TarFilterTest.filter;
import static nscope.app.container.image.TarFilterTest.lines;
import static nscope.app.container.image.TarFilterTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made headers: the forms GNU tar reads but rarely writes, and archives made to slip a device past a filter. */
class TarFilterCraftedTest {
    static final byte[] DEVICE = device("evil");

    @TempDir
    Path dir;

    @Test
    void numbersAreReadAsGnuTarReadsThem() {
        byte[] f = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1};
        assertEquals(8L * 1024 * 1024 * 1024 + 1, TarHeader.number(f, 0, 12, false), "base-256");
        assertEquals(-1, TarHeader.number(f, 0, 12, true), "the checksum is octal only");
        assertEquals(1000, TarHeader.number(ascii("00000001750\0"), 0, 12, false));
        assertEquals(
                1000,
                TarHeader.number(ascii("\0   1750 xyz"), 0, 12, false),
                "a leading NUL and blanks, anything after a blank");
        assertEquals(
                68719476735L, TarHeader.number(ascii("777777777777"), 0, 12, false), "twelve digits, no terminator");
        for (String bad : List.of("\0\0\0\0\0\0\0\0\0\0\0\0", "0000001750x\0", "+00000001750"))
            assertEquals(-1, TarHeader.number(ascii(bad), 0, 12, false), bad);
        f[0] = (byte) 0xff;
        assertEquals(-1, TarHeader.number(f, 0, 12, false), "negative");
        f[0] = (byte) 0x81;
        assertEquals(-1, TarHeader.number(f, 0, 12, false), "GNU tar reads base-256 only after 0x80 or 0xff");
    }

    @Test
    void aBase256SizeIsFollowed() throws Exception {
        byte[] h = header("big", '0', 0);
        h[124] = (byte) 0x80;
        Arrays.fill(h, 125, 136, (byte) 0);
        h[134] = 0x03;
        h[135] = (byte) 0xe8; // 1000
        byte[] data = new byte[1024];
        Arrays.fill(data, 0, 1000, (byte) 'b');
        Path out = unpacked(filter(tar(sum(h), data, DEVICE), 1, "evil"));
        assertArrayEquals(Arrays.copyOf(data, 1000), Files.readAllBytes(out.resolve("big")));
    }

    @Test
    void aPaxSizeOverridesTheHeaderAndTheDevicesPaxHeaderGoesWithIt() throws Exception {
        byte[] data = new byte[1024];
        Arrays.fill(data, (byte) 'p');
        byte[] tar = tar(pax('x', "13 size=1024\n"), header("f", '0', 0), data, pax('x', "17 path=dev/kmsg\n"), DEVICE);
        byte[] out = filter(tar, 1, "dev/kmsg");
        assertEquals(List.of("f"), lines(run(out, "tar", "-t", "-f", "-")));
        assertTrue(
                !new String(out, StandardCharsets.ISO_8859_1).contains("kmsg"), "the device's PAX header is dropped");
        assertArrayEquals(data, Files.readAllBytes(unpacked(out).resolve("f")));
    }

    @Test
    void aGlobalHeaderStaysWhenTheDeviceAfterItGoes() throws Exception {
        byte[] g = pax('g', "20 comment=abcdefgh\n");
        byte[] out = filter(tar(g, DEVICE, header("f", '0', 0)), 1, "evil");
        assertArrayEquals(g, Arrays.copyOf(out, g.length));
        assertEquals(List.of("f"), lines(run(out, "tar", "-t", "-f", "-")));
    }

    @Test
    void theEndIsTheFirstZeroBlock() throws Exception {
        byte[] f = header("f", '0', 0);
        byte[] in = concat(f, new byte[512], ascii("trailing garbage after the end"), DEVICE);
        assertArrayEquals(concat(f, new byte[1024]), filter(in, 0));
        assertEquals(List.of("f"), lines(run(filter(in, 0), "tar", "-t", "-f", "-")));
    }

    /** GNU tar reads no data after a directory or a hard link, whatever their size says: what follows is a header. */
    @Test
    void aDeviceAfterADirectoryOrHardLinkWithASizeIsDropped() throws Exception {
        for (byte[] h : List.of(header("d/", '5', 512), link("h", '1', 512, "f"))) {
            byte[] tar = tar(header("f", '0', 0), h, DEVICE);
            assertTrue(lines(run(tar, "tar", "-t", "-f", "-")).contains("evil"), "GNU tar takes it for a header");
            byte[] out = filter(tar, 1, "evil");
            assertTrue(!lines(run(out, "tar", "-t", "-f", "-")).contains("evil"));
        }
    }

    /** tar -x reads no data after these, tar -t or a skipped member does: the filter cannot know, so it refuses. */
    @Test
    void aSymlinkOrSlashedFileWithADeviceAsItsDataIsRefused() {
        for (byte[] h : List.of(
                link("s", '2', 512, "t"), header("x/", '0', 512), header("x/", 0, 512), link("fifo", '6', 512, ""))) {
            String m = assertThrows(TarFilter.BadImage.class, () -> filter(tar(h, DEVICE), 0))
                    .getMessage();
            assertTrue(m.contains("says it holds 512 bytes"), m);
        }
    }

    @Test
    void twoPaxHeadersForOneMemberAreRefused() {
        String m = assertThrows(
                        TarFilter.BadImage.class,
                        () -> filter(tar(pax('x', "13 size=1024\n"), pax('X', "12 uid=1000\n"), DEVICE), 0))
                .getMessage();
        assertEquals("the image is not a valid tar archive: a second PAX header for one member at offset 1024", m);
    }

    @Test
    void malformedPaxRecordsAreRefused() {
        for (String r : List.of(
                "12 size=1024\n",
                "13 size=10x4\n",
                "13size=10244\n",
                "13 size-1024\n",
                "99 size=1024\n",
                "x3 size=1024\n")) {
            String m = assertThrows(TarFilter.BadImage.class, () -> filter(tar(pax('x', r), header("f", '0', 0)), 0))
                    .getMessage();
            assertTrue(m.startsWith("the image is not a valid tar archive: ") && m.contains("PAX"), r + ": " + m);
        }
    }

    private Path unpacked(byte[] tar) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        run(tar, "tar", "-x", "--numeric-owner", "-C", out.toString(), "-f", "-");
        return out;
    }

    static byte[] header(String name, int type, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0" + "0000000\0" + "0000000\0" + String.format("%011o\0", size) + "00000000000\0");
        h[156] = (byte) type;
        put(h, 257, "ustar\0" + "00");
        return sum(h);
    }

    static byte[] link(String name, int type, long size, String target) {
        byte[] h = header(name, type, size);
        put(h, 157, target);
        return sum(h);
    }

    static byte[] device(String name) {
        byte[] h = header(name, '3', 0);
        put(h, 329, "0000001\0" + "0000001\0"); // 1:1, /dev/mem
        return sum(h);
    }

    /** An extended header and its records, padded. */
    static byte[] pax(int type, String records) {
        byte[] r = ascii(records);
        return concat(header("././@PaxHeader", type, r.length), Arrays.copyOf(r, (r.length + 511) / 512 * 512));
    }

    static byte[] sum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        int s = 0;
        for (byte b : h) s += b & 0xff;
        put(h, 148, String.format("%06o\0", s));
        return h;
    }

    static byte[] tar(byte[]... parts) {
        return concat(concat(parts), new byte[1024]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static void put(byte[] h, int at, String s) {
        byte[] b = ascii(s);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
