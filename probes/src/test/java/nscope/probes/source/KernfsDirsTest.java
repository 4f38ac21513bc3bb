package nscope.probes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * The live host's cgroup directories read with their link count (kernfs:
 * 2 plus the subdirectories, so entries are stat'ed only until every
 * subdirectory is met) give the same subdirectories and files as a stat of
 * every entry, in leaves and in parents alike.
 */
@LiveTest
class KernfsDirsTest {
    @Test
    void theLinkCountFindsEverySubdirectory() throws IOException {
        List<Path> dirs = cgroupDirs();
        assertTrue(dirs.size() > 1, "cgroup directories: " + dirs);
        LiveFiles kernfs = new LiveFiles(true, null), plain = new LiveFiles(false, null);
        int parents = 0, compared = 0;
        for (Path d : dirs) {
            // the machine is shared: a cgroup made or removed between the two reads is read again, a gone one left
            DirRead.Wanted wanted = DirRead.Wanted.of(
                    List.of("cgroup.procs", "cgroup.threads", "cgroup.controllers", "cgroup.type", "tasks"));
            for (int attempt = 0; ; attempt++) {
                DirRead a, b;
                try {
                    a = kernfs.readDir(d, wanted);
                    b = plain.readDir(d, wanted);
                } catch (NoSuchFileException gone) {
                    if (Files.exists(d)) throw gone;
                    break;
                }
                if (attempt < 3 && !new TreeSet<>(b.dirs()).equals(new TreeSet<>(a.dirs()))) continue;
                assertEquals(new TreeSet<>(b.dirs()), new TreeSet<>(a.dirs()), d.toString());
                assertEquals(b.files().keySet(), a.files().keySet(), d.toString());
                compared++;
                if (!a.dirs().isEmpty()) parents++;
                break;
            }
        }
        assertTrue(compared > dirs.size() / 2, compared + " of " + dirs.size() + " compared");
        assertTrue(parents > 0, "some parent among " + dirs.size());
    }

    /** Up to 300 cgroup directories three levels deep; walked again when one vanishes mid-walk. */
    private static List<Path> cgroupDirs() throws IOException {
        for (int attempt = 0; ; attempt++) {
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
                s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> Files.exists(p.resolve("cgroup.procs")))
                        .limit(300)
                        .forEach(dirs::add);
                return dirs;
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 5 || !(e.getCause() instanceof NoSuchFileException)) throw e;
            }
        }
    }
}
