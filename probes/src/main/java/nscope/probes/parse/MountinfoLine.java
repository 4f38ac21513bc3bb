package nscope.probes.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nscope.probes.mounts.DeviceNumber;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.OverlayLayers;
import nscope.probes.mounts.Propagation;

/**
 * One line of /proc/PID/mountinfo (proc(5)):
 * <pre>
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7...)  (8) (9)   (10)         (11)
 * </pre>
 * mount ID, parent ID, major:minor, root, mount point, mount options, zero
 * or more optional fields ended by a single "-", filesystem type, source,
 * superblock options. Fields are separated by one space (a source can be
 * empty, leaving two); paths, source and options are octal-escaped.
 *
 * <p>A line is dropped only when the mount cannot be placed or named: its
 * IDs, device, the "-" and the three fields after it, its type. Anything
 * else that is not as the kernel documents it is kept as written and named
 * in {@link Mount#problems()}, as libmount (findmnt) keeps such lines: a
 * path holding a backslash that is not an octal escape, an optional field
 * this parser does not take (it joins {@code Propagation.other}), and an
 * overlay whose layer options cannot be parsed (the mount is kept, its
 * layers unknown: they are an extra, and its submounts stay under it).
 */
public final class MountinfoLine {
    private MountinfoLine() {}

    /**
     * Texts many mounts share (types, sources, paths, option lists), one object each: the live screen keeps
     * every mount namespace's table, 7,000 mounts and 80,000 strings on a host of 200 containers. Bounded:
     * let go whole when it holds more than {@link #COMMON_MAX}.
     */
    private static final Map<Object, Object> COMMON = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int COMMON_MAX = 8192;

    @SuppressWarnings("unchecked")
    private static <T> T common(T v) {
        if (COMMON.size() > COMMON_MAX) COMMON.clear();
        Object was = COMMON.putIfAbsent(v, v);
        return was != null ? (T) was : v;
    }

    public static Mount parse(String line) throws Malformed {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses b[from, to), one line without its newline. */
    public static Mount parse(byte[] b, int from, int to) throws Malformed {
        List<int[]> f = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ' ') {
                f.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (f.size() < 10)
            throw new Malformed("mountinfo: " + f.size() + " fields, need at least 10: '" + text(b, from, to) + "'");
        int sep = -1;
        for (int i = 6; i < f.size(); i++) {
            int[] x = f.get(i);
            if (x[1] - x[0] == 1 && b[x[0]] == '-') {
                sep = i;
                break;
            }
        }
        if (sep < 0) throw new Malformed("mountinfo: no \"-\" after the optional fields: '" + text(b, from, to) + "'");
        if (f.size() < sep + 4)
            throw new Malformed(
                    "mountinfo: " + (f.size() - sep - 1) + " fields after \"-\", need 3: '" + text(b, from, to) + "'");
        int id = number(b, f.get(0), "mount ID");
        int parent = number(b, f.get(1), "parent ID");
        DeviceNumber dev = common(device(b, f.get(2)));
        Map<String, String> problems = new LinkedHashMap<>();
        String root = common(path(b, f.get(3), "root", problems));
        String mountPoint = common(path(b, f.get(4), "mount point", problems));
        List<String> options = list(b, f.get(5)[0], f.get(5)[1], "mount options");
        Propagation prop = common(propagation(b, f.subList(6, sep), problems));
        int[] t = f.get(sep + 1);
        if (t[0] == t[1]) throw new Malformed("mountinfo: mount " + id + " has no filesystem type");
        String fsType = common(OctalEscapes.decode(b, t[0], t[1], false, "type"));
        String source = common(OctalEscapes.decode(b, f.get(sep + 2)[0], f.get(sep + 2)[1], false, "source"));
        // the rest of the line: a filesystem that printed a raw space into its options loses nothing
        List<String> superOptions = list(b, f.get(sep + 3)[0], to, "superblock options");
        Optional<OverlayLayers> overlay = Optional.empty();
        if (fsType.equals("overlay")) {
            try {
                overlay = Optional.of(OverlayOptions.parse(superOptions));
            } catch (Malformed m) {
                problems.put(Mount.LAYERS, m.getMessage());
            }
        }
        return new Mount(
                id, parent, dev, root, mountPoint, options, prop, fsType, source, superOptions, overlay, problems);
    }

    private static String text(byte[] b, int from, int to) {
        return HostText.decode(b, from, Math.min(to, from + 200));
    }

    private static int number(byte[] b, int[] f, String what) throws Malformed {
        return number(b, f[0], f[1], what);
    }

    /** An unsigned decimal that fits an int (mount and peer group IDs, device numbers). */
    private static int number(byte[] b, int from, int to, String what) throws Malformed {
        if (from >= to || to - from > 10)
            throw new Malformed("mountinfo: " + what + " '" + text(b, from, to) + "' is not a number");
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9)
                throw new Malformed("mountinfo: " + what + " '" + text(b, from, to) + "' is not a number");
            v = v * 10 + d;
        }
        if (v > Integer.MAX_VALUE)
            throw new Malformed("mountinfo: " + what + " '" + text(b, from, to) + "' is out of range");
        return (int) v;
    }

    private static DeviceNumber device(byte[] b, int[] f) throws Malformed {
        int colon = -1;
        for (int i = f[0]; i < f[1]; i++)
            if (b[i] == ':') {
                colon = i;
                break;
            }
        if (colon < 0) throw new Malformed("mountinfo: device '" + text(b, f[0], f[1]) + "' is not MAJOR:MINOR");
        return new DeviceNumber(number(b, f[0], colon, "device major"), number(b, colon + 1, f[1], "device minor"));
    }

    /** A path the kernel writes itself (it escapes every backslash): one with a stray backslash is kept as written. */
    private static String path(byte[] b, int[] f, String what, Map<String, String> problems) throws Malformed {
        if (f[0] == f[1]) throw new Malformed("mountinfo: " + what + " is empty");
        try {
            return OctalEscapes.decode(b, f[0], f[1], true, what);
        } catch (Malformed m) {
            problems.put(what, m.getMessage() + " (kept as written)");
            return OctalEscapes.decode(b, f[0], f[1], false, what);
        }
    }

    /** Comma-separated options, each decoded (an escaped comma, \054, stays inside its option). */
    private static List<String> list(byte[] b, int from, int to, String what) throws Malformed {
        if (from >= to) throw new Malformed("mountinfo: " + what + " are empty");
        List<String> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                out.add(OctalEscapes.decode(b, start, i, false, what));
                start = i + 1;
            }
        }
        return common(List.copyOf(out));
    }

    /**
     * The optional fields. One this parser does not take (a tag without its
     * number, a tag twice, "unbindable:N", an empty field) is kept in
     * {@code other} as written and named under "propagation".
     */
    private static Propagation propagation(byte[] b, List<int[]> fields, Map<String, String> problems) {
        OptionalInt shared = OptionalInt.empty(), master = OptionalInt.empty(), from = OptionalInt.empty();
        boolean unbindable = false;
        List<String> other = new ArrayList<>(), odd = new ArrayList<>();
        for (int[] f : fields) {
            String s = text(b, f[0], f[1]);
            if (s.isEmpty()) {
                odd.add("an empty optional field (two spaces before \"-\")");
                continue;
            }
            int colon = s.indexOf(':');
            String tag = colon < 0 ? s : s.substring(0, colon);
            Integer n = colon < 0 ? null : group(b, f[0] + colon + 1, f[1]);
            boolean taken = switch (tag) {
                case "shared" -> n != null && shared.isEmpty();
                case "master" -> n != null && master.isEmpty();
                case "propagate_from" -> n != null && from.isEmpty();
                case "unbindable" -> colon < 0 && !unbindable;
                default -> false;
            };
            if (!taken) {
                other.add(s);
                if (KNOWN_TAGS.contains(tag)) odd.add("optional field '" + s + "'");
                continue;
            }
            switch (tag) {
                case "shared" -> shared = OptionalInt.of(n);
                case "master" -> master = OptionalInt.of(n);
                case "propagate_from" -> from = OptionalInt.of(n);
                default -> unbindable = true;
            }
        }
        if (!odd.isEmpty()) problems.put("propagation", String.join(", ", odd) + " (kept as written)");
        return new Propagation(shared, master, from, unbindable, other);
    }

    private static final java.util.Set<String> KNOWN_TAGS =
            java.util.Set.of("shared", "master", "propagate_from", "unbindable");

    /** A peer group number, or null when b[from, to) is none. */
    private static Integer group(byte[] b, int from, int to) {
        try {
            return number(b, from, to, "peer group");
        } catch (Malformed m) {
            return null;
        }
    }
}
