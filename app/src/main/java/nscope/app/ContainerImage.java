package nscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import nscope.act.ActionException;

/**
 * A container's image, the overlay's lower layer, never written: a
 * directory as it is, or a tar archive unpacked once into a cache keyed by
 * its SHA-256 (/var/cache/nscope/images, NSCOPE_CACHE_DIR elsewhere), with a
 * progress bar while it unpacks.
 */
final class ContainerImage {
    private ContainerImage() {}

    static Path cache() {
        String d = System.getenv("NSCOPE_CACHE_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/var/cache/nscope/images");
    }

    /** The directory to use as the lower layer. */
    static Path lower(String image) throws ActionException {
        Path p = Path.of(image).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) return p;
        if (!Files.isRegularFile(p)) throw new ActionException("no image at " + p + " (a directory or a tar archive of a root filesystem)");
        if (!Files.isReadable(p)) throw new ActionException("the image " + p + " cannot be read");
        String sum = sha256(p);
        Path dir = cache().resolve(sum);
        if (Files.isDirectory(dir)) return dir;
        Path tmp = cache().resolve(sum + ".unpacking-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(tmp);
            unpack(p, tmp);
            Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException | ActionException e) {
            HostCommand.removeTree(tmp); // a partial unpack is never used
            throw e instanceof ActionException a ? a : new ActionException("cannot unpack " + p + " into " + cache() + ": " + e.getMessage());
        }
    }

    private static String sha256(Path p) throws ActionException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ActionException("cannot read the image " + p + ": " + e.getMessage());
        }
    }

    /** tar reads the archive from nscope, which counts the bytes for the progress bar. */
    private static void unpack(Path tar, Path into) throws IOException, ActionException {
        long total = Files.size(tar), done = 0;
        Process p = new ProcessBuilder("tar", "-x", "--no-same-owner", "--numeric-owner", "-C", into.toString(), "-f", "-")
                .redirectError(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Progress bar = new Progress("unpacking " + tar.getFileName(), total);
        try (InputStream in = Files.newInputStream(tar); OutputStream out = p.getOutputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                bar.at(done);
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new ActionException("tar stopped reading " + tar + ": " + new String(p.getErrorStream().readAllBytes()).strip());
        }
        try {
            int rc = p.waitFor();
            bar.end();
            if (rc != 0) throw new ActionException("tar could not unpack " + tar + ": " + new String(p.getErrorStream().readAllBytes()).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while unpacking " + tar);
        }
    }

    /** A bar on stderr when it is a terminal; one line at the end otherwise. */
    private static final class Progress {
        private final String what;
        private final long total;
        private final boolean tty = System.console() != null;
        private int shown = -1;

        Progress(String what, long total) {
            this.what = what;
            this.total = Math.max(1, total);
        }

        void at(long done) {
            int pct = (int) (done * 100 / total);
            if (!tty || pct == shown) return;
            shown = pct;
            System.err.print("\r" + what + " [" + "#".repeat(pct / 5) + " ".repeat(20 - pct / 5) + "] " + pct + "%");
            System.err.flush();
        }

        void end() { System.err.println((tty ? "\r" : "") + what + ": done (" + total / 1024 + " KiB)" + (tty ? "        " : "")); }
    }
}
