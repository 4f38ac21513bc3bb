package nscope.probes.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A seq_file longer than a page comes back whole: the kernel hands out at
 * most a page per read, so a read short of the buffer is not the end (a v1
 * tasks list of 12,000 threads once showed as its first 821), by either reader.
 */
class LiveFilesReadTest {
    @Test
    void aSeqFileOfSeveralPagesIsReadWhole() throws IOException {
        Path f = Path.of("/proc/crypto"); // a seq_file of several pages that does not change
        byte[] first = new byte[65536];
        int once;
        try (FileInputStream in = new FileInputStream(f.toString())) {
            once = in.read(first);
        }
        byte[] whole = Files.readAllBytes(f);
        assertTrue(once < whole.length, "one read gives part of " + f + ": " + once + " of " + whole.length);
        assertArrayEquals(whole, new LiveFiles().read(f));
        assertArrayEquals(whole, new LiveFiles(true, null).read(f));
        // the live screen's reader: a fresh read, and a read again through a descriptor it keeps (pread)
        NativeFiles nat = new NativeFiles(nscope.kernel.Kernel.shared(), true);
        assertArrayEquals(whole, nat.read(f));
        assertArrayEquals(whole, nat.readAgain(f));
        assertArrayEquals(whole, nat.readAgain(f));
    }
}
