package nscope.app.container.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import nscope.act.ActionException;
import nscope.app.audit.Audited;
import nscope.app.exec.HostCommand;
import nscope.app.exec.StateDirs;

/**
 * A container's image, the overlay's lower layer, never written: a
 * directory as it is, or a tar archive unpacked once into a cache keyed by
 * its SHA-256 (/var/cache/nscope/images, NSCOPE_CACHE_DIR elsewhere), with a
 * progress bar while it unpacks.
 */
public final class ContainerImage {
    private ContainerImage() {}

    static Path cache() {
        String d = System.getenv("NSCOPE_CACHE_DIR");
        return Path.of(d != null && !d.isEmpty() ? d : "/var/cache/nscope/images");
    }

    /** Where an image given as a path is: a directory, or a tar archive; refused before anything is made. */
    public static Path check(String image) throws ActionException {
        Path p = Path.of(image).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) return p;
        if (!Files.isRegularFile(p))
            throw new ActionException("no image at " + p + " (a directory or a tar archive of a root filesystem)");
        if (!Files.isReadable(p)) throw new ActionException("the image " + p + " cannot be read");
        return p;
    }

    /**
     * The directory to use as the lower layer: the image's own, or its tar
     * unpacked once into the cache (0700: setuid files kept from an image
     * cannot be reached by other users). unpacking hears the partial
     * directory before it is made, so a container's state names it.
     */
    public static Path lower(Path image, Audited audited, java.util.function.Consumer<Path> unpacking)
            throws ActionException {
        if (Files.isDirectory(image)) return image;
        String sum = sha256(image);
        Path dir = cache().resolve(sum);
        if (Files.isDirectory(dir)) return dir;
        Path tmp = cache().resolve(sum + ".unpacking-" + ProcessHandle.current().pid());
        unpacking.accept(tmp);
        return audited.change("image unpack", image.toString(), () -> {
            try {
                StateDirs.closed(cache());
                Files.createDirectory(tmp);
                unpack(image, tmp);
                Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return dir;
            } catch (IOException | ActionException e) {
                if (e instanceof IOException && Files.isDirectory(dir)) {
                    HostCommand.removeTree(tmp); // another nscope unpacked the same image meanwhile: use it
                    return dir;
                }
                HostCommand.removeTree(tmp); // a partial unpack is never used
                throw e instanceof ActionException a
                        ? a
                        : new ActionException("cannot unpack " + image + " into " + cache() + ": " + e.getMessage());
            }
        });
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

    /** tar reads the archive from nscope, which counts the bytes for the progress bar and keeps device nodes from tar. */
    private static void unpack(Path tar, Path into) throws IOException, ActionException {
        long total = Files.size(tar);
        // owners and setuid bits kept, as Docker keeps them (the cache is closed to other users)
        Process p = new ProcessBuilder(
                        "tar",
                        "-x",
                        "--same-owner",
                        "--same-permissions",
                        "--numeric-owner",
                        "-C",
                        into.toString(),
                        "-f",
                        "-")
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Progress bar = new Progress("unpacking " + tar.getFileName(), total);
        TarFilter.Result copied;
        try (InputStream in = Files.newInputStream(tar);
                OutputStream out = p.getOutputStream()) {
            copied = TarFilter.copy(in, out, bar::at);
        } catch (TarFilter.BadImage e) {
            p.destroyForcibly().onExit().join(); // no tar writing into the directory about to be removed
            throw e;
        } catch (IOException e) {
            p.destroyForcibly();
            throw new ActionException("tar stopped reading " + tar + ": "
                    + new String(p.getErrorStream().readAllBytes()).strip());
        }
        try {
            int rc = p.waitFor();
            bar.end();
            if (rc != 0)
                throw new ActionException("tar could not unpack " + tar + ": "
                        + new String(p.getErrorStream().readAllBytes()).strip());
            int n = copied.devicesDropped();
            List<String> names = copied.droppedNames().stream() // as paths in the image, with no terminal controls
                    .map(m -> "/"
                            + m.replaceFirst("^(\\./|/)+", "")
                                    .replaceAll("[\\p{Cc}\\u202a-\\u202e\\u2066-\\u2069]", "?"))
                    .toList();
            if (n > 0)
                System.err.println("nscope: run: the image's " + n + " device node(s) were not created ("
                        + String.join(", ", names) + (n > names.size() ? ", ..." : "") + ")");
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

        void end() {
            System.err.println(
                    (tty ? "\r" : "") + what + ": done (" + total / 1024 + " KiB)" + (tty ? "        " : ""));
        }
    }
}
