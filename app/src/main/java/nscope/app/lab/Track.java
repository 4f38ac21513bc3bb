package nscope.app.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lab's own cgroup on the v2 hierarchy: its processes join it before
 * they run (nscope-init lab run), so the kernel keeps the list of
 * everything the lab started, and cgroup.kill ends all of it, children in
 * new pid namespaces included. Processes wait in a leaf (procs), so the
 * lab's v2 cgroups may sit beside it with controllers on.
 */
final class Track {
    private Track() {}

    static final String LEAF = "procs";

    /** Kills every process in the cgroup and below, waits until they are gone, and removes it with its children. */
    static void end(Path cg) throws IOException {
        if (!Files.isDirectory(cg)) return;
        Path kill = cg.resolve("cgroup.kill");
        if (Files.exists(kill)) Files.writeString(kill, "1");
        else killEach(cg);
        long until = System.nanoTime() + 10_000_000_000L;
        while (populated(cg) && System.nanoTime() < until) sleep(20);
        rmdir(cg);
    }

    /** Before cgroup.kill (Linux 5.14): SIGKILL to each member, deepest first, until none is left. */
    private static void killEach(Path cg) throws IOException {
        for (int round = 0; round < 50 && populated(cg); round++) {
            try (Stream<Path> all = Files.walk(cg)) {
                for (Path p : all.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
                        .toList())
                    for (String pid : Files.readAllLines(p))
                        if (!pid.isBlank())
                            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
            sleep(20);
        }
    }

    static boolean populated(Path cg) throws IOException {
        Path events = cg.resolve("cgroup.events");
        if (!Files.exists(events)) return false;
        for (String l : Files.readAllLines(events)) if (l.equals("populated 1")) return true;
        return false;
    }

    /** Removes a cgroup and its children (deepest first), retrying while the kernel still lets go of killed tasks. */
    static void rmdir(Path cg) throws IOException {
        if (!Files.isDirectory(cg)) return;
        List<Path> dirs;
        try (Stream<Path> all = Files.walk(cg)) {
            dirs = all.filter(Files::isDirectory)
                    .sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .toList();
        }
        for (Path d : dirs) {
            IOException last = null;
            for (int i = 0; i < 100; i++) {
                try {
                    Files.deleteIfExists(d);
                    last = null;
                    break;
                } catch (IOException e) {
                    last = e; // EBUSY while a killed task is still being reaped
                    sleep(50);
                }
            }
            if (last != null) throw new IOException("cannot remove " + d + ": " + last.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
