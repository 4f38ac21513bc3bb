package nscope.probes.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.kernel.Errno;
import nscope.kernel.KernelException;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;

/**
 * A recorded tree. Its namespace links dangle (they hold the link text
 * only), so the namespaces' devices come from the file {@value #NSFS_IDS}
 * that the capture wrote beside it: one "INODE DEVICE" line each. What the
 * scan met that left no file, the capture wrote to {@value #OUTCOMES}, one
 * "OUTCOME PATH" line each (PATH relative to the tree): an errno name for a
 * read that failed, which the replay fails the same way, or
 * {@value #EXISTS}/{@value #ABSENT} for an existence check's answer, or
 * {@value #DIR} for a directory whose listing failed (it left no directory
 * in the tree, and git keeps none empty). A tree
 * without that file replays as if every read had succeeded or found nothing.
 * A read of a path that is neither in the tree nor in {@value #OUTCOMES}
 * fails with {@link NotRecorded}: the capture never read it.
 */
public final class FixtureFiles extends LiveFiles {
    public static final String NSFS_IDS = "nsfs.ids";
    public static final String OUTCOMES = "outcomes";
    static final String EXISTS = "exists", ABSENT = "absent", DIR = "dir";
    private final Path dir;
    private final Map<Long, Long> devByIno = new HashMap<>();
    private final Map<Path, Errno> failures = new HashMap<>();
    private final Map<Path, Boolean> existence = new HashMap<>();
    /** Directories the capture listed but could not read, which left no directory in the tree. */
    private final java.util.Set<Path> dirs = new java.util.HashSet<>();

    public FixtureFiles(Path dir) throws IOException {
        this.dir = dir;
        Path ids = dir.resolve(NSFS_IDS);
        for (String line : Files.readAllLines(ids, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            devByIno.put(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[1]));
        }
        Path out = dir.resolve(OUTCOMES);
        if (Files.isRegularFile(out)) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                String[] f = line.strip().split(" ", 2);
                if (f.length != 2) continue;
                Path p = Path.of(f[1]);
                if (f[0].equals(EXISTS) || f[0].equals(ABSENT)) existence.put(p, f[0].equals(EXISTS));
                else if (f[0].equals(DIR)) dirs.add(p);
                else failures.put(p, errno(f[0], out));
            }
        }
    }

    public static boolean isFixture(Path dir) {
        return Files.isRegularFile(dir.resolve(NSFS_IDS));
    }

    private static Errno errno(String name, Path file) throws IOException {
        try {
            return Errno.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": '" + name + "' is neither an errno name nor " + EXISTS + "/" + ABSENT);
        }
    }

    /** The recorded outcome for a path in this tree, or null. */
    private static <T> T recorded(Map<Path, T> m, Path dir, Path p) {
        if (m.isEmpty() || !p.startsWith(dir)) return null;
        return m.get(dir.relativize(p));
    }

    /** Fails as the recorded read failed, if it did. */
    private void replayFailure(Path p) throws IOException {
        Errno errno = recorded(failures, dir, p);
        if (errno == null) return;
        if (errno == Errno.ENOENT) throw new NoSuchFileException(p.toString());
        if (errno == Errno.EACCES) throw new AccessDeniedException(p.toString());
        throw new KernelException("read", p.toString(), errno);
    }

    /**
     * A path that is not in the tree and has no recorded outcome: the capture
     * never read it (e.g. a file a newer nscope reads, in an older fixture).
     * It replays as ENOENT; a capture of the replay leaves it unrecorded too.
     */
    public static final class NotRecorded extends NoSuchFileException {
        private static final long serialVersionUID = 1L;

        NotRecorded(Path p) {
            super(p.toString(), null, "not recorded in this fixture");
        }
    }

    @Override
    public byte[] read(Path file) throws IOException {
        replayFailure(file);
        try {
            return super.read(file);
        } catch (NoSuchFileException e) {
            throw new NotRecorded(file);
        }
    }

    @Override
    public byte[] readToEnd(Path file) throws IOException {
        replayFailure(file);
        try {
            return super.readToEnd(file);
        } catch (NoSuchFileException e) {
            throw new NotRecorded(file);
        }
    }

    @Override
    public String readLink(Path link) throws IOException {
        replayFailure(link);
        try {
            return super.readLink(link);
        } catch (NoSuchFileException e) {
            throw new NotRecorded(link);
        }
    }

    /**
     * The entries recorded in the tree, plus those whose read failed when
     * captured (they left no file, but the live directory listed them: a
     * refused descriptor must replay as refused, not as absent).
     */
    @Override
    public List<String> list(Path d) throws IOException {
        replayFailure(d);
        List<String> names;
        try {
            names = super.list(d);
        } catch (NoSuchFileException e) {
            // git keeps no empty directory: one whose every read was refused exists only in outcomes
            names = List.of();
            if (failedEntries(d).isEmpty()) throw new NotRecorded(d);
        }
        java.util.Set<String> all = new java.util.LinkedHashSet<>(names);
        all.addAll(failedEntries(d));
        return List.copyOf(all);
    }

    /** Names in d whose read failed when captured. */
    private List<String> failedEntries(Path d) {
        if (failures.isEmpty() || !d.startsWith(dir)) return List.of();
        Path rel = dir.relativize(d);
        List<String> out = new java.util.ArrayList<>();
        for (Path f : failures.keySet())
            if (rel.equals(f.getParent())) out.add(f.getFileName().toString());
        return out;
    }

    @Override
    public boolean exists(Path p) {
        Boolean e = recorded(existence, dir, p);
        return e != null ? e : super.exists(p);
    }

    @Override
    public boolean isDirectory(Path p) {
        return super.isDirectory(p) || (!dirs.isEmpty() && p.startsWith(dir) && dirs.contains(dir.relativize(p)));
    }

    @Override
    public long[] nsDevIno(Path via, long ino) throws IOException {
        Long dev = devByIno.get(ino);
        if (dev == null) throw new NoSuchFileException(via.toString(), null, "inode " + ino + " not in " + NSFS_IDS);
        return new long[] {dev, ino};
    }

    @Override
    public long[] nsDevIno(Path nsLink) throws IOException {
        try {
            long ino = NsLinkText.parse(readLink(nsLink)).inode();
            Long dev = devByIno.get(ino);
            if (dev == null) throw new NoSuchFileException(nsLink.toString(), null, "inode not in " + NSFS_IDS);
            return new long[] {dev, ino};
        } catch (Malformed e) {
            throw new IOException(nsLink + ": " + e.getMessage());
        }
    }

    @Override
    public RelationReader relations() {
        return new RecordedRelations(dir);
    }

    @Override
    public FactReader facts() {
        return new RecordedFacts(dir);
    }
}
