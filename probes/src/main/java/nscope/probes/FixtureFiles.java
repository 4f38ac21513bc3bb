package nscope.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;

/**
 * A recorded tree. Its namespace links dangle (they hold the link text
 * only), so the namespaces' devices come from the file {@value #NSFS_IDS}
 * that the capture wrote beside it: one "INODE DEVICE" line each.
 */
public final class FixtureFiles extends LiveFiles {
    public static final String NSFS_IDS = "nsfs.ids";
    private final Map<Long, Long> devByIno = new HashMap<>();

    public FixtureFiles(Path dir) throws IOException {
        Path ids = dir.resolve(NSFS_IDS);
        for (String line : Files.readAllLines(ids, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            devByIno.put(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[1]));
        }
    }

    public static boolean isFixture(Path dir) {
        return Files.isRegularFile(dir.resolve(NSFS_IDS));
    }

    @Override public long[] nsDevIno(Path nsLink) throws IOException {
        try {
            long ino = NsLinkText.parse(readLink(nsLink)).inode();
            Long dev = devByIno.get(ino);
            if (dev == null) throw new NoSuchFileException(nsLink.toString(), null, "inode not in " + NSFS_IDS);
            return new long[] {dev, ino};
        } catch (Malformed e) {
            throw new IOException(nsLink + ": " + e.getMessage());
        }
    }
}
