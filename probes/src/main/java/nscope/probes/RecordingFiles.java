package nscope.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads through another {@link HostFiles} and copies everything it reads
 * into a fixture directory: files as files, namespace links as links with
 * the same text, plus the nsfs devices in {@value FixtureFiles#NSFS_IDS}.
 */
final class RecordingFiles implements HostFiles {
    private final HostFiles inner;
    private final KernelRoots roots;
    private final Path dir;
    private final Map<Long, Long> devByIno = new TreeMap<>();

    RecordingFiles(HostFiles inner, KernelRoots roots, Path dir) {
        this.inner = inner;
        this.roots = roots;
        this.dir = dir;
    }

    /** Where a host path goes in the fixture. */
    private Path target(Path p) {
        if (p.startsWith(roots.proc())) return dir.resolve("proc").resolve(roots.proc().relativize(p).toString());
        if (p.startsWith(roots.sys())) return dir.resolve("sys").resolve(roots.sys().relativize(p).toString());
        if (p.startsWith(roots.etc())) return dir.resolve("etc").resolve(roots.etc().relativize(p).toString());
        throw new IllegalArgumentException(p + " is outside the roots");
    }

    @Override public byte[] read(Path file) throws IOException {
        byte[] b = inner.read(file);
        Path t = target(file);
        Files.createDirectories(t.getParent());
        Files.write(t, b);
        return b;
    }

    @Override public String readLink(Path link) throws IOException {
        String text = inner.readLink(link);
        Path t = target(link);
        Files.createDirectories(t.getParent());
        try {
            Files.createSymbolicLink(t, Path.of(text));
        } catch (FileAlreadyExistsException e) {
            // read twice in one scan (an existence check): same text, keep the first
        }
        return text;
    }

    @Override public List<String> list(Path d) throws IOException {
        List<String> names = inner.list(d);
        Files.createDirectories(target(d));
        return names;
    }

    @Override public boolean exists(Path p) { return inner.exists(p); }

    @Override public long[] nsDevIno(Path nsLink) throws IOException {
        long[] di = inner.nsDevIno(nsLink);
        synchronized (devByIno) {
            devByIno.put(di[1], di[0]);
        }
        return di;
    }

    void writeNsfsIds() {
        StringBuilder b = new StringBuilder();
        synchronized (devByIno) {
            devByIno.forEach((ino, dev) -> b.append(Long.toUnsignedString(ino)).append(' ').append(dev).append('\n'));
        }
        try {
            Files.writeString(dir.resolve(FixtureFiles.NSFS_IDS), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
