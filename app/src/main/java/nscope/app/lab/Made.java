package nscope.app.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import nscope.act.ActionException;
import nscope.app.exec.HostCommand;
import nscope.app.exec.StateDirs;

/**
 * A lab's journal of what it made, under /run/nscope/labs/ID: each object
 * is written (and synced) before it is made, so a lab killed at any moment
 * leaves a list from which the next lab removes it all; the owner file
 * names the nscope that runs the lab (PID and start time).
 */
public final class Made {
    static final Path LABS = Path.of("/run/nscope/labs");

    /** The kinds of object, in the order they are removed. */
    enum Kind {
        TRACK, // the lab's own v2 cgroup: every process it started is in it (cgroup.kill ends them all)
        MOUNT,
        LINK,
        NETNS,
        CGROUP,
        DIR
    }

    private record Entry(Kind kind, String value) {}

    private final Path dir;
    private final List<Entry> entries = new ArrayList<>();

    private Made(Path dir) {
        this.dir = dir;
    }

    /** A new journal for lab run id, owned by this process. */
    static Made start(String id) throws IOException {
        Path d = null;
        for (int tries = 0; d == null; tries++) {
            try {
                StateDirs.closed(LABS);
                d = StateDirs.fresh(LABS.resolve(id));
            } catch (java.nio.file.NoSuchFileException e) {
                if (tries == 10) throw e; // another lab removed the parent as it ended: make it again
            }
        }
        Files.writeString(d.resolve("owner"), ProcessHandle.current().pid() + " " + ownStart() + "\n");
        return new Made(d);
    }

    /** Records an object before it is made. */
    synchronized void add(Kind kind, String value) throws IOException {
        try (FileChannel c = FileChannel.open(
                dir.resolve("made"), StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap(
                    (kind + " " + value.replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        entries.add(new Entry(kind, value));
    }

    /** Removes everything recorded, last made first within each kind; what could not be removed, in words. */
    synchronized List<String> undo() {
        List<String> left = new ArrayList<>();
        for (Kind k : Kind.values()) {
            List<Entry> of =
                    new ArrayList<>(entries.stream().filter(e -> e.kind() == k).toList());
            Collections.reverse(of);
            for (Entry e : of) {
                try {
                    remove(e);
                } catch (ActionException | IOException | RuntimeException ex) {
                    left.add(k.name().toLowerCase() + " " + e.value() + ": " + ex.getMessage());
                }
            }
        }
        if (left.isEmpty()) {
            try {
                HostCommand.removeTree(dir);
                // the parent too when this was the last lab (another may be starting: then it stays, or is made again)
                Files.deleteIfExists(LABS);
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                // another lab's journal is there, or another lab removed it first
            } catch (ActionException | IOException e) {
                left.add(dir + ": " + e.getMessage());
            }
        }
        entries.clear();
        return left;
    }

    private static void remove(Entry e) throws ActionException, IOException {
        switch (e.kind()) {
            case TRACK -> Track.end(Path.of(e.value()));
            case MOUNT -> {
                if (mounted(e.value())) HostCommand.run(List.of("umount", "--lazy", "--", e.value()));
            }
            case LINK -> {
                if (Files.exists(Path.of("/sys/class/net", e.value())))
                    HostCommand.run(List.of("ip", "link", "delete", e.value()));
            }
            case NETNS -> {
                if (Files.exists(Path.of("/run/netns", e.value())))
                    HostCommand.run(List.of("ip", "netns", "delete", e.value()));
            }
            case CGROUP -> Track.rmdir(Path.of(e.value()));
            case DIR -> HostCommand.removeTree(Path.of(e.value()));
        }
    }

    private static boolean mounted(String path) throws IOException {
        String esc = path.replace(" ", "\\040");
        for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = l.split(" ");
            if (f.length > 4 && f[4].equals(esc)) return true;
        }
        return false;
    }

    /**
     * The journals of labs whose nscope is gone (killed, or the host's
     * power): everything in them removed; what could not be, in words.
     */
    public static List<String> sweep() {
        List<String> left = new ArrayList<>();
        if (!Files.isDirectory(LABS)) return left;
        try (Stream<Path> runs = Files.list(LABS)) {
            for (Path d : runs.toList()) {
                if (alive(d.resolve("owner"))) continue;
                Made m = new Made(d);
                try {
                    for (String l : Files.readAllLines(d.resolve("made"))) {
                        String[] kv = l.split(" ", 2);
                        if (kv.length == 2) m.entries.add(new Entry(Kind.valueOf(kv[0]), kv[1]));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // killed before it made anything
                } catch (IOException | IllegalArgumentException e) {
                    left.add(d + ": " + e.getMessage());
                    continue;
                }
                left.addAll(m.undo());
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // the last lab removed it meanwhile: nothing to sweep
        } catch (IOException e) {
            left.add(LABS + ": " + e.getMessage());
        }
        return left;
    }

    private static boolean alive(Path owner) {
        try {
            String[] f = Files.readString(owner).strip().split(" ");
            long pid = Long.parseLong(f[0]);
            return String.valueOf(startOf(pid)).equals(f[1]);
        } catch (IOException | RuntimeException e) {
            return false; // no owner written: killed at its very start
        }
    }

    private static long ownStart() {
        return startOf(ProcessHandle.current().pid());
    }

    /** A process's start time (ticks after boot), as the scans read it; -1 when it is gone. */
    private static long startOf(long pid) {
        return nscope.app.exec.ProcStat.of(pid).map(l -> l.startTime()).orElse(-1L);
    }
}
