package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A real pseudo-terminal pair: sizes, raw mode and its undoing, poll and the bytes between the two sides. */
class TtyTest {
    @Test
    void aPtyCarriesSizesBytesAndRawModeIsUndone() throws Exception {
        Kernel k = Kernel.shared();
        Tty tty = new Tty(k);
        try (Tty.Pty pty = tty.openPty();
                Fd slave = k.open(pty.slave(), 2 /* O_RDWR */ | 0x100 /* O_NOCTTY */)) {
            assertTrue(pty.slave().startsWith("/dev/pts/"), pty.slave());
            assertTrue(tty.isTty(slave.number()));
            tty.setSize(pty.master(), 91, 27);
            assertArrayEquals(
                    new int[] {91, 27}, WindowSize.of(slave.number()), "the slave sees the size set on the master");

            byte[] before = tty.raw(slave.number());
            short[] quiet = tty.poll(new int[] {pty.master().number()}, 50);
            assertEquals(0, quiet[0] & Tty.POLLIN, "nothing to read yet");
            byte[] hello = "a\nb".getBytes(StandardCharsets.UTF_8);
            assertTrue(tty.writeAll(slave.number(), hello, hello.length));
            assertTrue((tty.poll(new int[] {pty.master().number()}, 1000)[0] & Tty.POLLIN) != 0);
            byte[] buf = new byte[64];
            int n = tty.read(pty.master().number(), buf);
            assertEquals("a\nb", new String(buf, 0, n, StandardCharsets.UTF_8), "raw: no \\r added to the newline");
            tty.restore(slave.number(), before);
            byte[] after = tty.raw(slave.number());
            // struct termios on glibc: flags, c_line and c_cc in bytes 0-48, padding, then the two speeds in 52-59
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(before, 0, 49),
                    java.util.Arrays.copyOfRange(after, 0, 49),
                    "flags and control characters as before");
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(before, 52, 60),
                    java.util.Arrays.copyOfRange(after, 52, 60),
                    "speeds as before");
            tty.restore(slave.number(), before);
        }
    }

    @Test
    void aDescriptorThatIsNoTerminalHasNoSize() throws Exception {
        Kernel k = Kernel.shared();
        Tty tty = new Tty(k);
        try (Fd f = k.open("/proc/self/stat", 0)) {
            assertFalse(tty.isTty(f.number()));
            assertNull(WindowSize.of(f.number()), "ENOTTY");
            assertNull(WindowSize.of(-1), "EBADF");
        }
    }
}
