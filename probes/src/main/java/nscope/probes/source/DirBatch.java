package nscope.probes.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;

/**
 * A cgroup directory read in two calls of libnscope-read: its listing with
 * each entry's type and inode, then the files wanted among them. Called file
 * by file from Java, a cold one-shot `nscope cgroups` spent most of its time
 * in the glue of some 20,000 opens, reads and closes.
 */
final class DirBatch {
    private DirBatch() {}

    static DirRead read(GroupRead batch, Path dir, Predicate<String> wanted) throws IOException {
        if (wanted instanceof DirRead.Wanted w) return read(batch, dir, w);
        byte[] cDir = Kernel.cPath(dir.toString());
        GroupRead.Records r = batch.list(cDir);
        DirRead out = new DirRead();
        List<String> files = new ArrayList<>();
        while (r.more()) {
            int kind = r.next();
            long ino = r.nextLong();
            String name = new String(r.bytes(r.next()), StandardCharsets.UTF_8);
            boolean isDir = kind == 2 ? Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS) : kind == 1;
            if (isDir) {
                out.dirs.add(name);
                out.inos.put(name, ino);
            } else if (wanted.test(name)) {
                files.add(name);
            }
        }
        if (files.isEmpty()) return out;
        GroupRead.Records f = batch.readFiles(cDir, joined(files), files.size());
        for (String name : files) {
            int v = f.next();
            if (v < 0)
                out.failed.put(
                        name, GroupRead.Records.failure(-v, dir.resolve(name).toString()));
            else out.files.put(name, f.bytes(v));
        }
        return out;
    }

    /** A directory listed and the wanted files read in one call (nscope_read_dir). */
    private static DirRead read(GroupRead batch, Path dir, DirRead.Wanted wanted) throws IOException {
        GroupRead.Records r = batch.readDir(
                Kernel.cPath(dir.toString()), wanted.joined(), wanted.names().size());
        DirRead out = new DirRead();
        while (r.more()) {
            if (r.next() == 3) {
                String name = wanted.names().get(r.next());
                int v = r.next();
                if (v < 0)
                    out.failed.put(
                            name,
                            GroupRead.Records.failure(-v, dir.resolve(name).toString()));
                else out.files.put(name, r.bytes(v));
            } else {
                long ino = r.nextLong();
                String name = new String(r.bytes(r.next()), StandardCharsets.UTF_8);
                out.dirs.add(name);
                out.inos.put(name, ino);
            }
        }
        return out;
    }

    /** Files under dir (names relative to it) in one call, each handed over as {@link HostFiles#readEach} does. */
    static void readEach(GroupRead batch, Path dir, List<String> names, HostFiles.FileVisitor each) {
        GroupRead.Records f;
        try {
            f = batch.readFiles(Kernel.cPath(dir.toString()), joined(names), names.size());
        } catch (IOException e) {
            for (int i = 0; i < names.size(); i++) each.file(i, null, e);
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            int v = f.next();
            if (v < 0)
                each.file(
                        i,
                        null,
                        GroupRead.Records.failure(-v, dir.resolve(names.get(i)).toString()));
            else each.file(i, f.bytes(v), null);
        }
    }

    /** The names as C strings, back to back. */
    static byte[] joined(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }
        return out.toByteArray();
    }
}
