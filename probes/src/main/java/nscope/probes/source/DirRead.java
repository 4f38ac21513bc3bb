package nscope.probes.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One directory read in one go: the names of its subdirectories and the
 * contents of the files the caller wanted among its entries. A file that
 * could not be read keeps its error; the rest is still read.
 */
public final class DirRead {
    final List<String> dirs = new ArrayList<>();
    final Map<String, byte[]> files = new TreeMap<>();
    final Map<String, IOException> failed = new TreeMap<>();
    final Map<String, Long> inos = new java.util.HashMap<>();

    public List<String> dirs() {
        return dirs;
    }

    /** The wanted files that were there and read, by name. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The inode number of each subdirectory, where the reader knows it (else absent). */
    public long ino(String dir) {
        return inos.getOrDefault(dir, 0L);
    }

    /** The wanted files that were listed but whose read failed, by name. */
    public Map<String, IOException> failed() {
        return failed;
    }

    /**
     * Which files to read, as a set of names: a reader with libnscope-read hands them to the listing's own
     * call, which reads them as it meets them (one call and one open per directory, no String for the
     * names left out). At most {@value #MAX} names.
     */
    public static final class Wanted implements java.util.function.Predicate<String> {
        /** The most names the library takes in one call. */
        public static final int MAX = 64;

        private final List<String> names;
        private final java.util.Set<String> set;
        private final byte[] joined;

        private Wanted(List<String> names) {
            this.names = List.copyOf(names);
            this.set = java.util.Set.copyOf(names);
            if (set.size() != names.size()) throw new IllegalArgumentException("a name twice: " + names);
            if (names.size() > MAX) throw new IllegalArgumentException(names.size() + " names, more than " + MAX);
            this.joined = DirBatch.joined(this.names);
        }

        public static Wanted of(List<String> names) {
            return new Wanted(names);
        }

        @Override
        public boolean test(String name) {
            return set.contains(name);
        }

        List<String> names() {
            return names;
        }

        byte[] joined() {
            return joined;
        }
    }
}
