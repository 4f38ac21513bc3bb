package nscope.app.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.app.audit.Audited;

/**
 * Host id ranges for containers' user namespaces (--userns): 65536 uids
 * and gids per container, taken from root's entries in /etc/subuid and
 * /etc/subgid (NSCOPE_SUBUID, NSCOPE_SUBGID elsewhere), never one slice for
 * two containers (the others' ranges are in their states; the caller holds
 * the containers' lock). When root has no entry, nscope adds one, as
 * Podman's set-up adds its users': root:1073741824:65536000 (a thousand
 * containers), or above the highest range any entry there uses.
 */
final class SubIds {
    private SubIds() {}

    static final long SIZE = 65536, DEFAULT_START = 1L << 30, DEFAULT_COUNT = SIZE * 1000;

    /** The host ids a container's root and the 65535 ids after it map to. */
    record Range(long uid, long gid, long size) {}

    private record Entry(String owner, long start, long count) {}

    static Path file(String which) {
        String env = System.getenv(which.equals("uid") ? "NSCOPE_SUBUID" : "NSCOPE_SUBGID");
        return Path.of(env != null && !env.isEmpty() ? env : "/etc/sub" + which);
    }

    /** A slice of root's ranges no other container has. */
    static Range allocate(List<ContainerState> others, Audited audited) throws ActionException {
        long uid = slice("uid", others, audited), gid = slice("gid", others, audited);
        return new Range(uid, gid, SIZE);
    }

    private static long slice(String which, List<ContainerState> others, Audited audited) throws ActionException {
        Path f = file(which);
        List<Entry> all = read(f);
        List<Entry> root = all.stream()
                .filter(e -> e.owner().equals("root") || e.owner().equals("0"))
                .toList();
        if (root.isEmpty()) root = List.of(addDefault(f, all, audited));
        List<Long> used = new ArrayList<>();
        for (ContainerState c : others)
            if (c.ids() != null)
                used.add(which.equals("uid") ? c.ids().uid() : c.ids().gid());
        for (Entry e : root)
            for (long s = e.start(); s + SIZE <= e.start() + e.count(); s += SIZE) {
                long at = s;
                if (used.stream().noneMatch(u -> u < at + SIZE && at < u + SIZE)) return s;
            }
        throw new ActionException("every " + SIZE + "-id slice of root's ranges in " + f
                + " is used by a container: remove one, or give root more in " + f);
    }

    private static List<Entry> read(Path f) throws ActionException {
        List<Entry> out = new ArrayList<>();
        try {
            if (!Files.exists(f)) return out;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] p = line.strip().split(":");
                if (p.length != 3 || line.startsWith("#")) continue;
                try {
                    out.add(new Entry(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
                } catch (NumberFormatException e) {
                    // not an entry shadow-utils would read either
                }
            }
        } catch (IOException e) {
            throw new ActionException("cannot read " + f + ": " + e.getMessage());
        }
        return out;
    }

    private static Entry addDefault(Path f, List<Entry> all, Audited audited) throws ActionException {
        long start = DEFAULT_START;
        for (Entry e : all)
            if (e.start() < start + DEFAULT_COUNT && start < e.start() + e.count()) start = e.start() + e.count();
        start = (start + SIZE - 1) / SIZE * SIZE;
        if (start + DEFAULT_COUNT > 4294967294L)
            throw new ActionException("no room in the id space for root's range in " + f + ": give root one there");
        Entry e = new Entry("root", start, DEFAULT_COUNT);
        String line = "root:" + start + ":" + DEFAULT_COUNT + "\n";
        audited.change("subid add", f.toString(), () -> {
            try {
                boolean cut = Files.exists(f)
                        && Files.size(f) > 0
                        && !Files.readString(f).endsWith("\n");
                Files.writeString(
                        f,
                        (cut ? "\n" : "") + line,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException x) {
                throw new ActionException("cannot add root's range to " + f + ": " + x.getMessage());
            }
            return "added " + line.strip() + " (root had no range for containers' user namespaces)";
        });
        return e;
    }
}
