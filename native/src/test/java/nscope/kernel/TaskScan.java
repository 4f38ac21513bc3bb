package nscope.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Our own threads as the kernel lists them in /proc/self/task, read with plain JDK calls. */
final class TaskScan {
    private TaskScan() {}

    static List<Integer> tasks() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            return s.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /** A thread's namespace link text, or null when the thread ended since it was listed. */
    static String link(int tid, String type) throws IOException {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/task/" + tid + "/ns/" + type))
                    .toString();
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    /** Waits up to 5 s for a thread to end; true once /proc/self/task/TID is gone. */
    static boolean gone(int tid) throws InterruptedException {
        Path p = Path.of("/proc/self/task/" + tid);
        for (int i = 0; i < 500 && Files.exists(p); i++) Thread.sleep(10);
        return !Files.exists(p);
    }
}
