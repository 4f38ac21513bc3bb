package nscope.app.cli;

import static nscope.app.cli.LiveUiIT.nscopePid;
import static nscope.app.cli.LiveUiIT.tmux;
import static nscope.app.cli.LiveUiIT.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.app.journal.JournalReader;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live screen with --record FILE in a real terminal (tmux): quit with q, the file replays and its last
 * entry holds the test's own process in the UTS namespace it made; killed with SIGKILL, the file replays up
 * to its last whole entry; a lab's screen recorded, its entries labelled with the lab's steps.
 */
@LiveTest
class ScreenRecordIT {
    private static final Path REPO =
            Path.of(System.getProperty("nscope.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void quitWithQTheRecordingReplaysAndHoldsTheTestsProcess() throws Exception {
        String s = session("q");
        Path file = tmp.resolve("screen.nsj");
        // the marker: a process in a UTS namespace of its own, named nscope-test-*
        Process marker = new ProcessBuilder(
                        "unshare", "--uts", "--", "sh", "-c", "hostname nscope-test-rec && exec sleep 4545.25")
                .start();
        try {
            long uts = inode(marker.pid(), "uts");
            for (int i = 0; i < 50 && uts == inode(ProcessHandle.current().pid(), "uts"); i++) {
                Thread.sleep(100);
                uts = inode(marker.pid(), "uts");
            }
            start(s, "./nscope --interval 1 --record " + file);
            until(s, "[recording ", 20);
            awaitEntries(file, 3);
            tmux("send-keys", "-t", s, "q");
            String p = until(s, "nscope: recorded ", 30);
            assertTrue(p.contains("into " + file), p);
            JournalReader rec = JournalReader.open(file);
            assertTrue(rec.entries().size() >= 2, "entries: " + rec.entries().size());
            Snapshot last = rec.snapshot(rec.entries().size() - 1);
            var t = last.task((int) marker.pid()).orElseThrow(() -> new AssertionError("no marker in the last entry"));
            assertEquals(uts, t.ns(NsLink.UTS).get().ino(), "the marker's UTS namespace");
            String json = replayLs(file);
            assertTrue(json.contains("\"ns\" : " + uts + ","), "its namespace replayed by ls --json");
        } finally {
            marker.destroyForcibly();
            tmux("kill-session", "-t", s);
        }
    }

    @Test
    void killedWithSigkillTheRecordingReplaysToItsLastWholeEntry() throws Exception {
        String s = session("kill");
        Path file = tmp.resolve("killed.nsj");
        try {
            start(s, "./nscope --interval 1 --record " + file);
            awaitEntries(file, 2);
            long pid = nscopePid(s);
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            JournalReader rec = JournalReader.open(file);
            int n = rec.entries().size();
            assertTrue(n >= 2, "entries: " + n);
            rec.snapshot(n - 1);
            replayLs(file);
            // the same file cut in the middle of its last entry: it replays up to the one before
            Path cut = tmp.resolve("cut.nsj");
            Files.copy(file, cut);
            var lastFrame = rec.entries().get(n - 1).frame();
            try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
                f.setLength(lastFrame.offset() + 25 + lastFrame.length() / 2);
            }
            JournalReader shorter = JournalReader.open(cut);
            assertEquals(n - 1, shorter.entries().size());
            shorter.snapshot(n - 2);
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    @Test
    void aLabsScreenIsRecordedEachEntryLabelledWithItsStep() throws Exception {
        String s = session("lab");
        Path file = tmp.resolve("lab.nsj");
        try {
            start(
                    s,
                    "NSCOPE_AUDIT_LOG=" + tmp.resolve("actions.log") + " ./nscope --interval 1 lab pid-fork --record "
                            + file);
            until(s, "Space or n runs its first step", 60);
            awaitLabel(file, "lab pid-fork, before step 1/4");
            for (int i = 1; i <= 2; i++) {
                tmux("send-keys", "-t", s, "Space");
                until(s, "step " + i + "/4 done", 60);
                awaitLabel(file, "lab pid-fork, step " + i + "/4 done: ");
            }
            tmux("send-keys", "-t", s, "q");
            until(s, "left the lab pid-fork", 60);
            tmux("send-keys", "-t", s, "q");
            until(s, "nscope: recorded ", 30);
            assertEquals(List.of(), LabScreenIT.leftovers());
            List<String> labels = labels(JournalReader.open(file));
            int before = labels.indexOf("lab pid-fork, before step 1/4");
            int one = firstStarting(labels, "lab pid-fork, step 1/4 done: ");
            int two = firstStarting(labels, "lab pid-fork, step 2/4 done: ");
            assertTrue(before >= 0 && before < one && one < two, labels.toString());
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    private static String session(String name) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "needs tmux");
        return "nscope-test-rec-" + name + "-" + ProcessHandle.current().pid();
    }

    private static void start(String s, String command) throws Exception {
        tmux("new-session", "-d", "-s", s, "-x", "120", "-y", "40", "-c", REPO.toString(), "bash --norc --noprofile");
        tmux("send-keys", "-t", s, command, "Enter");
        until(s, " 2 Processes ", 120);
    }

    private static long inode(long pid, String ns) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", ns))
                .toString();
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    private static void awaitEntries(Path file, int n) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(file) && JournalReader.index(file).size() >= n) return;
            Thread.sleep(100);
        }
        throw new AssertionError(file + " never held " + n + " entries");
    }

    private static void awaitLabel(Path file, String prefix) throws Exception {
        List<String> seen = List.of();
        for (int i = 0; i < 600; i++) {
            if (JournalReader.index(file).size() > 0) {
                seen = labels(JournalReader.open(file));
                if (firstStarting(seen, prefix) >= 0) return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no entry labelled '" + prefix + "...': " + seen);
    }

    private static List<String> labels(JournalReader rec) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rec.entries().size(); i++) out.add(String.valueOf(rec.label(i)));
        return out;
    }

    private static int firstStarting(List<String> labels, String prefix) {
        for (int i = 0; i < labels.size(); i++) if (labels.get(i).startsWith(prefix)) return i;
        return -1;
    }

    /** nscope --replay FILE ls --json, as any reader runs it: its output, after it exited 0. */
    private static String replayLs(Path file) throws Exception {
        Process p = new ProcessBuilder(REPO.resolve("nscope").toString(), "--replay", file.toString(), "ls", "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
