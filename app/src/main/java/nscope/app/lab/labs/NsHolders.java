package nscope.app.lab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nscope.app.lab.Proc;

/** Small waits and scans the pid and uts labs share: what /proc says, polled for a short while. */
final class NsHolders {
    private NsHolders() {}

    /**
     * The TIDs whose namespace link (each name given: "pid", "pid_for_children"...) names this inode:
     * a namespace no task names (and no file holds) is gone.
     */
    static List<Integer> of(long inode, String... links) {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                List<Path> tasks;
                try (Stream<Path> ts = Files.list(p.resolve("task"))) {
                    tasks = ts.toList();
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                for (Path t : tasks)
                    for (String l : links)
                        if (Proc.ns(Integer.parseInt(t.getFileName().toString()), l) == inode)
                            out.add(Integer.valueOf(t.getFileName().toString()));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The first child of a process (a command nsenter or unshare forked), waited for up to 5 s; -1: none. */
    static int child(long pid) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            List<Integer> c = Proc.children((int) pid);
            if (!c.isEmpty()) return c.get(0);
            Thread.sleep(20);
        }
        return -1;
    }

    /** Waits up to 5 s until no process has this PID (a killed task is reaped by its parent); whether it is gone. */
    static boolean gone(int pid) throws InterruptedException {
        for (int i = 0; i < 250 && Proc.exists(pid); i++) Thread.sleep(20);
        return !Proc.exists(pid);
    }

    /** Waits up to 5 s until no task names the namespace; the last holders seen (empty: gone). */
    static List<Integer> released(long inode, String... links) throws InterruptedException {
        List<Integer> h = of(inode, links);
        for (int i = 0; i < 50 && !h.isEmpty(); i++) {
            Thread.sleep(100);
            h = of(inode, links);
        }
        return h;
    }
}
