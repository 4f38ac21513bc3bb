package nscope.app.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The audit log: JSON lines for every action that changes the host, one
 * before the change ("phase":"begin") and one with its result after
 * ("end"), or one for an action refused before anything was changed
 * ("refused"). Each names the real user: the uid, the login uid the kernel
 * keeps across su and sudo (/proc/self/loginuid), the user name, and
 * SUDO_USER only as an extra field, since anyone can set it. Root's log is
 * /var/log/nscope/actions.log, another user's
 * $XDG_STATE_HOME/nscope/actions.log (~/.local/state when unset);
 * NSCOPE_AUDIT_LOG names another file. The directory nscope makes is 0700
 * and the file 0600: the log names processes and containers.
 */
public final class AuditLog {
    // jackson-core's generator alone: databind's start would cost a one-shot enter some 0.1 s
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final Who who;

    /** Who acts: uid, login uid (-1 when unset), name, and SUDO_USER (null when not set). */
    record Who(long uid, long loginUid, String name, String sudoUser) {}

    AuditLog(Path file, Who who) {
        this.file = file;
        this.who = who;
    }

    /** The log for this process, from its environment. */
    public static AuditLog of(Map<String, String> env) {
        return new AuditLog(path(env, isRoot()), who(env));
    }

    static Path path(Map<String, String> env, boolean root) {
        String set = env.get("NSCOPE_AUDIT_LOG");
        if (set != null && !set.isBlank()) return Path.of(set);
        if (root) return Path.of("/var/log/nscope/actions.log");
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && state.startsWith("/")
                ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", "/tmp"), ".local", "state");
        return base.resolve("nscope").resolve("actions.log");
    }

    /** This process's user, from the kernel; SUDO_USER is kept beside it, never instead of it. */
    static Who who(Map<String, String> env) {
        long uid = -1, login = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Uid:")) uid = Long.parseLong(line.split("\\s+")[1]);
            long l = Long.parseLong(
                    Files.readString(Path.of("/proc/self/loginuid")).strip());
            login = l == 4294967295L ? -1 : l; // (uid_t)-1: never set (a daemon, a container)
        } catch (IOException | RuntimeException e) {
            // no loginuid (a kernel without audit): -1 says unknown
        }
        String sudo = env.get("SUDO_USER");
        return new Who(uid, login, System.getProperty("user.name", "?"), sudo == null || sudo.isBlank() ? null : sudo);
    }

    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t");
        } catch (IOException e) {
            return false;
        }
    }

    Path file() {
        return file;
    }

    /**
     * Appends one line: phase is begin, end or refused; ok and result are
     * null on a begin line. A log that cannot be written throws: before a
     * change the caller refuses it.
     */
    void append(String phase, String action, String target, Boolean ok, String result) throws IOException {
        append(phase, action, target, ok, result, null);
    }

    /** The same, with what is about to be done in words (a begin line's "what"). */
    void append(String phase, String action, String target, Boolean ok, String result, String what) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeNumberField("uid", who.uid());
            g.writeNumberField("loginuid", who.loginUid());
            g.writeStringField("user", who.name());
            if (who.sudoUser() != null) g.writeStringField("sudoUser", who.sudoUser());
            g.writeStringField("phase", phase);
            g.writeStringField("action", action);
            g.writeStringField("target", target);
            if (ok != null) g.writeBooleanField("ok", ok);
            if (result != null) g.writeStringField("result", result);
            if (what != null) g.writeStringField("what", what);
            g.writeEndObject();
        }
        byte[] line = (w + "\n").getBytes(StandardCharsets.UTF_8);
        if (!Files.isDirectory(file.getParent()))
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // one write with O_APPEND: lines from several nscope processes do not interleave
        try (FileChannel c = FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) c.write(b);
        }
    }
}
