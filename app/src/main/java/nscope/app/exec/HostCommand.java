package nscope.app.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.act.ActionException;

/** A host tool run from an argv list (never a shell): its output, or its complaint as an ActionException. */
public final class HostCommand {
    private HostCommand() {}

    public static String run(List<String> argv) throws ActionException {
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ActionException(argv.get(0) + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) throw new ActionException(String.join(" ", argv) + ": " + out.strip());
            return out;
        } catch (IOException e) {
            throw new ActionException("cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }

    /** The tools of this list missing from PATH, in one sentence, or nothing. */
    public static void require(List<String> tools, String why) throws ActionException {
        List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
        if (!missing.isEmpty())
            throw new ActionException(why + " needs " + String.join(", ", missing)
                    + " (Debian: util-linux, iproute2, hostname, coreutils), not found on PATH");
    }

    /** Whether a tool is on PATH (as the host commands are looked up). */
    public static boolean onPath(String tool) {
        for (String d : System.getenv()
                .getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                .split(":")) if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool))) return true;
        return false;
    }

    /** Removes a directory tree nscope made (a partial unpack, a container's layer and state), never crossing onto another filesystem. */
    public static void removeTree(java.nio.file.Path dir) throws ActionException {
        if (!java.nio.file.Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        run(List.of("rm", "-rf", "--one-file-system", "--", dir.toString()));
    }
}
