package nscope.probes.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.kernel.Child;

/** The threads.c helper, compiled once per test run with gcc, started as a {@link Child}. */
final class ThreadsChild {
    private ThreadsChild() {}

    private static Path binary;

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) return binary;
        Path dir = Files.createTempDirectory("nscope-test-threads");
        // deleteOnExit removes in reverse order of registration: the files, then their directory
        dir.toFile().deleteOnExit();
        Path src = dir.resolve("threads.c"), bin = dir.resolve("nscope-test-threads");
        src.toFile().deleteOnExit();
        bin.toFile().deleteOnExit();
        try (var in = ThreadsChild.class.getResourceAsStream("threads.c")) {
            Files.copy(in, src);
        }
        Process p = new ProcessBuilder("gcc", "-O1", "-pthread", "-o", bin.toString(), src.toString())
                .inheritIO()
                .start();
        if (p.waitFor() != 0) throw new IOException("gcc failed for " + src);
        binary = bin;
        return bin;
    }

    /** Started with n extra threads; ids() gives its PID first, then the threads' TIDs. */
    record Started(Child child, List<Integer> ids) {
        int pid() {
            return ids.get(0);
        }
    }

    static Started start(int threads) throws IOException, InterruptedException {
        Child c = new Child(binary().toString(), Integer.toString(threads));
        List<String> lines = c.lines(threads + 2);
        if (!lines.get(threads + 1).equals("ready")) throw new IOException("threads helper said " + lines);
        return new Started(
                c, lines.subList(0, threads + 1).stream().map(Integer::parseInt).toList());
    }
}
