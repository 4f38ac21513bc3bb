package nscope.probes.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;

/**
 * A cgroup directory read in one call of libnscope-read (nscope_read_dir):
 * its subdirectories with their inodes and the files wanted among its
 * entries; and files of one directory read in one call (nscope_read_files).
 * Called file by file from Java, a cold one-shot `nscope cgroups` spent most
 * of its time in the glue of some 20,000 opens, reads and closes.
 */
final class DirBatch {
    private DirBatch() {}

    /** A directory listed and the wanted files read in one call (nscope_read_dir). */
    static DirRead read(GroupRead batch, Path dir, DirRead.Wanted wanted) throws IOException {
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
