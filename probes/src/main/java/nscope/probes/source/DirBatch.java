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
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (String f : files) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            names.write(b, 0, b.length);
            names.write(0);
        }
        GroupRead.Records f = batch.readFiles(cDir, names.toByteArray(), files.size());
        for (String name : files) {
            int v = f.next();
            if (v < 0)
                out.failed.put(
                        name, GroupRead.Records.failure(-v, dir.resolve(name).toString()));
            else out.files.put(name, f.bytes(v));
        }
        return out;
    }
}
