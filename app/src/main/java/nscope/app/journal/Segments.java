package nscope.app.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one recording: FILE, then FILE.1, FILE.2 and on, each begun
 * when the one before reached the size limit (or by a later run of the
 * recorder into the same FILE), in the order they were written.
 */
public final class Segments {
    private Segments() {}

    /** The recording's files that exist, oldest first. */
    public static List<Path> of(Path file) throws IOException {
        TreeMap<Long, Path> byNumber = new TreeMap<>();
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                long n = number(name, p.getFileName().toString());
                if (n >= 0 && Files.isRegularFile(p)) byNumber.put(n, p);
            });
        }
        return new ArrayList<>(byNumber.values());
    }

    /** The file a new segment goes into: FILE if no file of the recording exists, else after the last. */
    static Path next(Path file) throws IOException {
        List<Path> all = of(file);
        if (all.isEmpty()) return file;
        long last = number(
                file.getFileName().toString(),
                all.get(all.size() - 1).getFileName().toString());
        return file.resolveSibling(file.getFileName() + "." + (last + 1));
    }

    /** 0 for FILE itself, N for FILE.N, -1 for any other name. */
    static long number(String name, String candidate) {
        if (candidate.equals(name)) return 0;
        if (!candidate.startsWith(name + ".")) return -1;
        String rest = candidate.substring(name.length() + 1);
        if (rest.isEmpty() || rest.length() > 9 || !rest.chars().allMatch(Character::isDigit)) return -1;
        return Long.parseLong(rest);
    }
}
