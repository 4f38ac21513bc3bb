package nscope.app.container.confine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;

/**
 * nscope-init, the small static program (native/src/main/c) that builds a
 * container's root, confines it and execs its command, and enters a running
 * container with the same confinement: the steps the multithreaded JVM
 * cannot take, and that no tool of the image may take. The build puts it
 * beside nscope.jar; NSCOPE_INIT names another.
 */
public final class InitHelper {
    private InitHelper() {}

    /** The helper's path, or why there is none. */
    public static Path binary() throws ActionException {
        String set = System.getenv("NSCOPE_INIT");
        Path p;
        if (set != null && !set.isEmpty()) {
            p = Path.of(set);
        } else {
            try {
                p = nscope.kernel.Installed.beside(InitHelper.class, "nscope-init");
            } catch (java.io.IOException e) {
                throw new ActionException(e.getMessage());
            }
        }
        if (!Files.isExecutable(p))
            throw new ActionException("nscope's container helper " + p
                    + " is missing (rebuild with mvn package; Debian needs gcc and libseccomp-dev)");
        return p;
    }

    /**
     * A config file for the helper: "KEY FIELD..." lines, each field
     * percent-encoded (bytes up to space, '%' and DEL), so any path or
     * argument passes through unchanged and no field can start a line.
     */
    public static final class Conf {
        private final StringBuilder text = new StringBuilder();

        public Conf add(String key, String... fields) {
            text.append(key);
            for (String f : fields) text.append(' ').append(encode(f));
            text.append('\n');
            return this;
        }

        /** A line whose fields are already in the helper's form (the seccomp lines). */
        Conf raw(String line) {
            text.append(line).append('\n');
            return this;
        }

        public Conf addAll(String key, List<String> values) {
            for (String v : values) add(key, v);
            return this;
        }

        String text() {
            return text.toString();
        }

        /** Written 0600 (it names host paths and the command), replacing what was there. */
        public void write(Path file) throws ActionException {
            try {
                Files.deleteIfExists(file);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new ActionException("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    static String encode(String field) {
        StringBuilder b = new StringBuilder();
        for (byte x : field.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= 0x20 || c == '%' || c == 0x7f) b.append(String.format("%%%02X", c));
            else b.append((char) c); // UTF-8 continuation bytes pass as they are: decoded as bytes by the helper
        }
        // the loop above widened bytes >= 0x80 to chars; put them back as the original bytes
        return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The argv of nscope-init exec: enter through these namespace files, confined by conf. */
    public static List<String> execArgv(
            Path helper, Path conf, List<String> nsOptions, String user, List<String> env, List<String> command) {
        List<String> a = new ArrayList<>(List.of(helper.toString(), "exec", "-c", conf.toString(), "--stop-first"));
        for (String n : nsOptions) a.addAll(List.of("--ns", n));
        if (user != null && !user.isEmpty()) a.addAll(List.of("--user", user));
        for (String e : env) a.addAll(List.of("--env", e));
        a.add("--");
        a.addAll(command);
        return a;
    }
}
