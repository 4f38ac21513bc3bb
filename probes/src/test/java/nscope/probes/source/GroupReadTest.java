package nscope.probes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import nscope.kernel.Errno;
import nscope.kernel.GroupRead;
import nscope.kernel.Kernel;
import nscope.probes.model.NsLink;
import org.junit.jupiter.api.Test;

/**
 * The batch reader (libnscope-read, one call per thread group) gives what
 * the call-by-call reader gives: the same bytes, links and failures.
 */
class GroupReadTest {
    private static final String[] LINKS =
            Arrays.stream(NsLink.values()).map(NsLink::fileName).toArray(String[]::new);

    private static NativeFiles batch() throws IOException {
        GroupRead g = GroupRead.shared();
        assertNotNull(g, "the build puts libnscope-read beside the classes: " + GroupRead.unavailable());
        return new NativeFiles(Kernel.shared(), false, g);
    }

    private static NativeFiles callByCall() throws IOException {
        return new NativeFiles(Kernel.shared(), false, null);
    }

    /** One task's files as text (the lent buffers copied), failures by their errno. */
    private record Seen(String stat, String status, List<String> links) {
        static Seen of(TaskFiles t) {
            List<String> links = new ArrayList<>();
            for (int i = 0; i < t.links.length; i++)
                links.add(
                        t.linkErrors[i] != null
                                ? "error " + Errno.of(t.linkErrors[i])
                                : t.targets[i] != null ? text(t.targets[i]) : t.links[i]);
            return new Seen(
                    t.statError != null
                            ? "error " + Errno.of(t.statError)
                            : new String(t.stat, 0, t.statLength, StandardCharsets.UTF_8),
                    t.statusError != null
                            ? "error " + Errno.of(t.statusError)
                            : t.status == null ? null : new String(t.status, 0, t.statusLength, StandardCharsets.UTF_8),
                    links);
        }
    }

    /** A link parsed from its bytes, as the kernel wrote it (a plain reader keeps the text). */
    private static String text(nscope.probes.parse.NsLinkText l) {
        return l.kind().name().toLowerCase(java.util.Locale.ROOT) + ":[" + l.inode() + "]";
    }

    private static Map<String, Seen> each(LiveFiles f, Path taskDir) throws IOException {
        Map<String, Seen> out = new TreeMap<>();
        f.eachTask(taskDir, LINKS, (tid, t) -> out.put(tid, Seen.of(t)));
        return out;
    }

    @Test
    void aSleepingProcessReadsTheSameByteForByte() throws Exception {
        Process p = sleeping();
        try {
            Path task = Path.of("/proc", Long.toString(p.pid()), "task");
            Map<String, Seen> a = each(batch(), task), b = each(callByCall(), task);
            assertEquals(b, a);
            assertEquals(1, a.size());
            // the plain reader of one-shot commands (java.nio) and its batch: the same again
            assertEquals(b, each(new LiveFiles(true, null), task));
            assertEquals(b, each(new LiveFiles(true, GroupRead.shared()), task));
            Seen s = a.values().iterator().next();
            assertTrue(s.stat().startsWith(p.pid() + " (sleep) S"), s.stat());
            assertTrue(s.status().contains("\nNSpid:\t" + p.pid()), s.status());
            assertTrue(s.links().get(0).startsWith("cgroup:["), s.links().toString());
            Path one = task.resolve(Long.toString(p.pid()));
            assertEquals(b.values().iterator().next(), Seen.of(batch().readTask(one, LINKS)));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** A child `sleep 600`, once it sleeps (its stat says S). */
    private static Process sleeping() throws Exception {
        Process p = new ProcessBuilder("sleep", "600").start();
        try {
            waitUntilSleeping(Path.of("/proc", Long.toString(p.pid()), "task", Long.toString(p.pid()), "stat"));
            return p;
        } catch (Exception | AssertionError e) {
            p.destroyForcibly().waitFor(); // ended here: the caller never gets it to end
            throw e;
        }
    }

    private static void waitUntilSleeping(Path stat) throws Exception {
        for (int i = 0; i < 200; i++) {
            String s = java.nio.file.Files.readString(stat);
            if (s.contains("(sleep) S")) return;
            Thread.sleep(10);
        }
        throw new AssertionError("the child never slept: " + java.nio.file.Files.readString(stat));
    }

    /**
     * A group of three hundred threads outgrows the first buffer (the reader
     * doubles it and reads again): every thread is there, with its links.
     */
    @Test
    void aLargeThreadGroupIsReadWhole() throws Exception {
        int n = 300;
        CountDownLatch started = new CountDownLatch(n), done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        try {
            started.await();
            Path task = Path.of("/proc/self/task");
            Map<String, Seen> a = each(batch(), task), b = each(callByCall(), task);
            assertTrue(a.size() > n, "threads read: " + a.size());
            // the parked threads' stat and status move only while they run; their names, IDs and links do not
            for (String tid : b.keySet()) {
                if (!a.containsKey(tid)) continue; // a JVM thread that ended between the two reads
                Seen x = a.get(tid), y = b.get(tid);
                assertEquals(y.links(), x.links(), tid);
                assertEquals(prefix(y.stat()), prefix(x.stat()), tid);
                assertEquals(ids(y.status()), ids(x.status()), tid);
            }
        } finally {
            done.countDown();
            for (Thread t : threads) t.join();
        }
    }

    private static String prefix(String stat) {
        return stat.substring(0, stat.lastIndexOf(')') + 1);
    }

    private static List<String> ids(String status) {
        return status.lines()
                .filter(l -> l.matches("(Name|Tgid|Pid|PPid|NSpid|NStgid|Uid|Gid):.*"))
                .toList();
    }

    @Test
    void aVanishedTaskFailsAsTheCallByCallReaderDoes() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path gone = Path.of("/proc", Long.toString(p.pid()), "task");
        IOException a = assertThrows(IOException.class, () -> each(batch(), gone));
        IOException b = assertThrows(IOException.class, () -> each(callByCall(), gone));
        assertEquals(Errno.of(b), Errno.of(a));
        assertTrue(Errno.of(a).meansVanished(), a.toString());
        // a TID gone from a live group: stat's open fails as it would call by call
        Path self = Path.of("/proc/self/task/999999999");
        Seen x = Seen.of(batch().readTask(self, LINKS)),
                y = Seen.of(callByCall().readTask(self, LINKS));
        assertEquals(y.stat(), x.stat());
        assertTrue(x.stat().startsWith("error "), x.stat());
        assertNull(x.status());
    }

    /**
     * The command line read in the same call as the tasks: the bytes the kernel gives (every argument
     * NUL-terminated), carried by the first task handed over and by no other; the same from every reader.
     */
    @Test
    void theCommandLineComesWithTheFirstTask() throws Exception {
        Process p = sleeping();
        try {
            Path task = Path.of("/proc", Long.toString(p.pid()), "task");
            for (LiveFiles f : List.of(
                    batch(), callByCall(), new LiveFiles(true, null), new LiveFiles(true, GroupRead.shared()))) {
                List<String> got = new ArrayList<>();
                f.eachTaskWithCmdline(task, LINKS, (tid, t) -> got.add(tid + " " + cmdline(t)));
                assertEquals(List.of(p.pid() + " sleep\\0600\\0"), got, f.describe());
                TaskFiles one = f.readTaskWithCmdline(task.resolve(Long.toString(p.pid())), LINKS);
                assertEquals("sleep\\0600\\0", cmdline(one), f.describe());
                assertEquals(Seen.of(callByCall().readTask(task.resolve(Long.toString(p.pid())), LINKS)), Seen.of(one));
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        // a group of many threads (this JVM): the first carries it, the others do not
        List<String> firsts = new ArrayList<>();
        batch().eachTaskWithCmdline(Path.of("/proc/self/task"), LINKS, (tid, t) -> firsts.add(cmdline(t)));
        assertTrue(firsts.size() > 5, firsts.toString());
        assertTrue(firsts.get(0).contains("\\0"), firsts.get(0));
        assertEquals(
                List.of("none"),
                firsts.subList(1, firsts.size()).stream().distinct().toList());
        // a process gone: why, as the call-by-call reader says it
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dir = Path.of("/proc", Long.toString(gone.pid()), "task", Long.toString(gone.pid()));
        TaskFiles x = batch().readTaskWithCmdline(dir, LINKS), y = callByCall().readTaskWithCmdline(dir, LINKS);
        assertEquals(cmdline(y), cmdline(x));
        assertTrue(Errno.of(x.cmdlineError()).meansVanished(), cmdline(x));
    }

    /** A task's command line as text (NULs as \\0), "none" when it carries none, or the failure's errno. */
    private static String cmdline(TaskFiles t) {
        if (t.cmdlineError() != null) return "error " + Errno.of(t.cmdlineError());
        if (t.cmdline() == null) return "none";
        return new String(t.cmdline(), StandardCharsets.UTF_8).replace("\0", "\\0");
    }
}
