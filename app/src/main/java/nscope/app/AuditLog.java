package nscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * The audit log: one JSON line per action that changes the host (or was
 * refused), with the time, the real user (SUDO_USER when run through sudo),
 * the action, its target and the result. Root's goes to
 * /var/log/nscope/actions.log, another user's to
 * $XDG_STATE_HOME/nscope/actions.log (~/.local/state when unset);
 * NSCOPE_AUDIT_LOG names another file.
 */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final String user;

    AuditLog(Path file, String user) {
        this.file = file;
        this.user = user;
    }

    /** The log for this process, from its environment. */
    static AuditLog of(Map<String, String> env) {
        return new AuditLog(path(env, isRoot()), realUser(env));
    }

    static Path path(Map<String, String> env, boolean root) {
        String set = env.get("NSCOPE_AUDIT_LOG");
        if (set != null && !set.isBlank()) return Path.of(set);
        if (root) return Path.of("/var/log/nscope/actions.log");
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && state.startsWith("/") ? Path.of(state) : Path.of(env.getOrDefault("HOME", "/tmp"), ".local", "state");
        return base.resolve("nscope").resolve("actions.log");
    }

    /** Who asked: the user sudo was run by, else this process's user. */
    static String realUser(Map<String, String> env) {
        String sudo = env.get("SUDO_USER");
        return sudo != null && !sudo.isBlank() ? sudo : System.getProperty("user.name", "?");
    }

    static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t");
        } catch (IOException e) {
            return false;
        }
    }

    Path file() { return file; }

    /**
     * Appends one line; a log that cannot be written is an error the caller
     * reports (the action itself has happened, or was refused, either way).
     */
    void append(String action, String target, boolean ok, String result) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("user", user);
        n.put("action", action);
        n.put("target", target);
        n.put("ok", ok);
        n.put("result", result);
        Files.createDirectories(file.getParent());
        // one write with O_APPEND: lines from several nscope processes do not interleave
        Files.write(file, (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
