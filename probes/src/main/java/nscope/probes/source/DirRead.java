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
}
