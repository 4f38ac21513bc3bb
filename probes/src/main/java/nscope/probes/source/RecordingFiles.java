package nscope.probes.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.kernel.Errno;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;

/**
 * Reads through another {@link HostFiles} and copies everything it reads
 * into a fixture directory: files as files, namespace links as links with
 * the same text, plus the nsfs devices in {@value FixtureFiles#NSFS_IDS}
 * and, in {@value FixtureFiles#OUTCOMES}, what left no file behind: each
 * read that failed (with its errno, e.g. EACCES on a protected task's
 * links) and each existence check's answer, so a replay sees the same.
 */
public final class RecordingFiles implements HostFiles {
    private final HostFiles inner;
    private final KernelRoots roots;
    private final Path dir;
    private final Map<Long, Long> devByIno = new TreeMap<>();
    /** Fixture-relative path to the errno of a read that failed there. */
    private final Map<String, String> failures = new TreeMap<>();
    /** Fixture-relative path to the answer of an existence check, "exists" or "absent". */
    private final Map<String, String> existence = new TreeMap<>();

    public RecordingFiles(HostFiles inner, KernelRoots roots, Path dir) {
        this.inner = inner;
        this.roots = roots;
        this.dir = dir;
    }

    /** Where a host path goes in the fixture. */
    private Path target(Path p) {
        if (p.startsWith(roots.proc()))
            return dir.resolve("proc").resolve(roots.proc().relativize(p).toString());
        if (p.startsWith(roots.sys()))
            return dir.resolve("sys").resolve(roots.sys().relativize(p).toString());
        if (p.startsWith(roots.etc()))
            return dir.resolve("etc").resolve(roots.etc().relativize(p).toString());
        throw new IllegalArgumentException(p + " is outside the roots");
    }

    /**
     * Keeps the errno of a failed read, for the replay to fail the same way;
     * a path that a replayed tree never recorded stays unrecorded in the copy.
     */
    private IOException failed(Path p, IOException e) {
        if (e instanceof FixtureFiles.NotRecorded) return e;
        record(failures, p, Errno.of(e).name());
        return e;
    }

    private void record(Map<String, String> m, Path p, String outcome) {
        String rel = dir.relativize(target(p)).toString();
        synchronized (m) {
            m.put(rel, outcome);
        }
    }

    private interface FileRead {
        byte[] read(Path p) throws IOException;
    }

    /** The inner read, its bytes copied into the fixture, or its failure kept. */
    private byte[] recorded(Path file, FileRead read) throws IOException {
        byte[] b;
        try {
            b = read.read(file);
        } catch (IOException e) {
            throw failed(file, e);
        }
        return copied(file, b);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return recorded(file, inner::read);
    }

    @Override
    public byte[] readToEnd(Path file) throws IOException {
        return recorded(file, inner::readToEnd);
    }

    private byte[] copied(Path file, byte[] b) throws IOException {
        Path t = target(file);
        Files.createDirectories(t.getParent());
        Files.write(t, b);
        return b;
    }

    @Override
    public String readLink(Path link) throws IOException {
        String text;
        try {
            text = inner.readLink(link);
        } catch (IOException e) {
            throw failed(link, e);
        }
        Path t = target(link);
        Files.createDirectories(t.getParent());
        try {
            Files.createSymbolicLink(t, Path.of(text));
        } catch (FileAlreadyExistsException e) {
            // read twice in one scan (an existence check): same text, keep the first
        }
        return text;
    }

    @Override
    public List<String> list(Path d) throws IOException {
        List<String> names;
        try {
            names = inner.list(d);
        } catch (IOException e) {
            throw failed(d, e);
        }
        Files.createDirectories(target(d));
        return names;
    }

    @Override
    public DirRead readDir(Path d, DirRead.Wanted wanted) throws IOException {
        return readDir(d, 0, wanted);
    }

    @Override
    public byte[] readAgain(Path file) throws IOException {
        return recorded(file, inner::readAgain);
    }

    @Override
    public void scanDone() {
        inner.scanDone();
    }

    /** The inner read, its files copied, its subdirectories made, its failed reads kept. */
    @Override
    public DirRead readDir(Path d, long ino, DirRead.Wanted wanted) throws IOException {
        DirRead r;
        try {
            r = inner.readDir(d, ino, wanted);
        } catch (IOException e) {
            if (!(e instanceof FixtureFiles.NotRecorded)) record(existence, d, FixtureFiles.DIR);
            throw failed(d, e);
        }
        Files.createDirectories(target(d));
        for (String sub : r.dirs()) Files.createDirectories(target(d.resolve(sub)));
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) copied(d.resolve(f.getKey()), f.getValue());
        r.failed().forEach((name, e) -> failed(d.resolve(name), e));
        return r;
    }

    @Override
    public boolean isDirectory(Path p) {
        return inner.isDirectory(p);
    }

    @Override
    public boolean exists(Path p) {
        boolean e = inner.exists(p);
        record(existence, p, e ? FixtureFiles.EXISTS : FixtureFiles.ABSENT);
        return e;
    }

    @Override
    public long[] nsDevIno(Path via, long ino) throws IOException {
        long[] di = inner.nsDevIno(via, ino);
        synchronized (devByIno) {
            devByIno.put(di[1], di[0]);
        }
        return di;
    }

    @Override
    public long[] nsDevIno(Path nsLink) throws IOException {
        long[] di = inner.nsDevIno(nsLink);
        synchronized (devByIno) {
            devByIno.put(di[1], di[0]);
        }
        return di;
    }

    public void writeOutcomes() {
        StringBuilder b = new StringBuilder();
        for (Map<String, String> m : List.of(failures, existence)) {
            synchronized (m) {
                m.forEach((path, outcome) ->
                        b.append(outcome).append(' ').append(path).append('\n'));
            }
        }
        try {
            Files.writeString(dir.resolve(FixtureFiles.OUTCOMES), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeNsfsIds() {
        StringBuilder b = new StringBuilder();
        synchronized (devByIno) {
            devByIno.forEach((ino, dev) ->
                    b.append(Long.toUnsignedString(ino)).append(' ').append(dev).append('\n'));
        }
        try {
            Files.writeString(dir.resolve(FixtureFiles.NSFS_IDS), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inner host's relations, written to the fixture as the walk returns them. */
    @Override
    public RelationReader relations() {
        RelationReader inner = this.inner.relations();
        return starts -> {
            RelationReader.Result r = inner.walk(starts);
            Map<NsId, NsKind> kinds = new java.util.HashMap<>();
            starts.forEach((id, s) -> kinds.put(id, s.kind()));
            try {
                Files.writeString(
                        dir.resolve(RecordedRelations.FILE),
                        RecordedRelations.format(r, kinds),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return r;
        };
    }

    /** Every hop fact recorded so far, by namespace: the cgroup and facts phases each ask for theirs. */
    private final Map<NsId, String> factLines = new TreeMap<>();

    /** The inner host's hop facts (uts, ipc, net, cgroup), written to the fixture as they are read. */
    @Override
    public FactReader facts() {
        FactReader inner = this.inner.facts();
        return (proc, starts) -> {
            Map<NsId, nscope.probes.readout.Readout<nscope.probes.model.NsFacts>> r = inner.read(proc, starts);
            StringBuilder b = new StringBuilder();
            synchronized (factLines) {
                r.forEach((id, f) ->
                        factLines.put(id, RecordedFacts.format(starts.get(id).kind(), id, f)));
                factLines.values().forEach(b::append);
            }
            try {
                Files.writeString(dir.resolve(RecordedFacts.FILE), b, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return r;
        };
    }
}
