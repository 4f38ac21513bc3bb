package nscope.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** stat(1) from coreutils as the oracle for (device, inode): a different path to the answer than nscope's fstat. */
final class StatTool {
    private StatTool() {}

    static DevIno of(String path) throws IOException, InterruptedException {
        return of(List.of(path)).get(0);
    }

    static List<DevIno> of(List<String> paths) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("stat", "-L", "-c", "%d %i"));
        argv.addAll(paths);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException("stat " + paths + " failed: " + out);
        List<DevIno> got = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            got.add(new DevIno(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[1])));
        }
        if (got.size() != paths.size()) throw new IOException("stat printed " + got.size() + " lines for " + paths);
        return got;
    }
}
