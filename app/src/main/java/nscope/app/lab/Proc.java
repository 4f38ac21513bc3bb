package nscope.app.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a lab reads of the kernel to observe a step: /proc and /sys as they are, nothing cached. */
public final class Proc {
    private Proc() {}

    /** The inode of a task's namespace link ("pid", "pid_for_children", "uts"...), or -1 with no such link. */
    public static long ns(int pid, String link) {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", link))
                    .toString();
            return Long.parseLong(t.substring(t.indexOf('[') + 1, t.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Why a namespace link cannot be read ("ENOENT"...), or "" when it can. */
    public static String nsError(int pid, String link) {
        try {
            Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", link));
            return "";
        } catch (java.nio.file.NoSuchFileException e) {
            return "ENOENT";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A field of /proc/PID/status ("NSpid", "Tgid"...), its value, or "" when gone. */
    public static String status(int pid, String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status")))
                if (l.startsWith(key + ":"))
                    return l.substring(key.length() + 1).strip().replace('\t', ' ');
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /**
     * A file's text, stripped, or null when it cannot be read. Big reads:
     * a /proc/sys number answers only at offset 0, and Files.readString
     * reads a file of size 0 one byte first ("40" would read as "4").
     */
    public static String read(Path p) {
        // not Files.readString: it reads one byte first, and an integer sysctl (/proc/sys/kernel/pid_max) answers
        // only a read at offset 0, so the rest would be lost
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** The PIDs of a task's children (/proc/PID/task/PID/children). */
    public static List<Integer> children(int pid) {
        String t = read(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(pid), "children"));
        if (t == null || t.isEmpty()) return List.of();
        return java.util.Arrays.stream(t.split("\\s+")).map(Integer::valueOf).toList();
    }

    public static boolean exists(int pid) {
        return Files.exists(Path.of("/proc", Integer.toString(pid)));
    }
}
