package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nscope.probes.lens.LensReader;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.views.screens.AllScreens;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `t` at 80x24 on the recorded synth-host: the lens on a process and on a thread, scrolled to its end;
 * what only the live host answers (ns_last_pid, a thread's own cgroup file) says it is not available for a
 * recording, with the reason.
 */
class LensScreenTest extends SynthHostScreen {
    @BeforeEach
    void wire() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        LensReader reader = new LensReader(Host.under(repo.resolve("fixtures/synth-host")));
        ui.lens(reader::read);
    }

    /** The threads program of the first container: a process with 4 threads, PID 6 in its pid namespace. */
    static Task threads() {
        return snap.tasks().values().stream()
                .filter(t -> t.leader()
                        && t.comm().equals("threads")
                        && snap.threadGroups().get(t.tgid()).size() == 4)
                .findFirst()
                .orElseThrow();
    }

    /** Every line of the lens, paged through with PgDn; each frame fits 80x24 and has no control character. */
    String whole() throws IOException {
        StringBuilder all = new StringBuilder();
        String before = null;
        for (int i = 0; i < 40; i++) {
            String t = text();
            assertEquals(25, t.split("\n", -1).length, "24 rows");
            for (String line : t.split("\n")) {
                assertTrue(line.length() <= 80, "fits 80 columns: " + line);
                assertFalse(line.chars().anyMatch(c -> c < 0x20 || c == 0x7f), line);
            }
            if (t.equals(before)) break;
            all.append(t);
            before = t;
            keys(KeyType.PageDown);
        }
        return all.toString();
    }

    @Test
    void tOnAProcessShowsItsStructPidAndSaysWhatARecordingCannotTell() throws IOException {
        Task p = threads();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.process(p)));
        keys('t');
        String first = text();
        assertTrue(first.startsWith("PID/TGID lens: process " + p.tid() + " (threads)"), first);
        assertTrue(first.contains("LVL PID-NS     USER-NS        PID    TGID"), first);
        assertTrue(first.contains("Esc, q: close"), first);
        String all = whole();
        String inner = String.format(
                "    1 %-10s", p.ns(nscope.probes.model.NsLink.PID).get());
        assertTrue(all.contains(inner), "level 1 is its own pid namespace\n" + all);
        assertTrue(all.contains("LAST PID not available for a recording: ns_last_pid is read live"), all);
        assertTrue(all.contains("reader's own included"), all);
        for (String part : new String[] {
            "thread group " + p.tid() + ": 4 threads",
            "cgroups: where the task is",
            "family: who it hangs from",
            "next fork",
            "user namespaces",
            "capabilities, decoded"
        }) assertTrue(all.contains(part), part + "\n" + all);
        keys(KeyType.Escape);
        String after = text();
        assertFalse(after.contains("PID/TGID lens"), "Esc closes the lens\n" + after);
        assertTrue(after.contains(" 2 Processes "), after);
    }

    @Test
    void tOnAThreadShowsItsTidAndThatItsOwnCgroupFileWasNotRecorded() throws IOException {
        Task p = threads();
        int tid = snap.threadGroups().get(p.tgid()).get(1);
        Task t = snap.task(tid).orElseThrow();
        assertTrue(ui.state(AllScreens.PROCESSES).select(RowKey.Task.thread(t)));
        keys('t');
        String all = whole();
        assertTrue(all.startsWith("PID/TGID lens: thread " + tid + " of process " + p.tid()), all);
        assertTrue(all.contains("LVL PID-NS     USER-NS        TID    TGID"), all);
        assertTrue(all.contains("> " + tid), "the thread is marked in its group\n" + all);
        assertTrue(all.contains("  not available for a recording: a capture records what a"), all);
        keys('q');
        assertFalse(text().contains("PID/TGID lens"), "q closes the lens");
    }

    @Test
    void tOnANamespaceRowSaysWhatTheLensIsFor() throws IOException {
        keys('1', 't');
        String t = text();
        assertFalse(t.contains("PID/TGID lens"), t);
        assertTrue(t.contains("the lens shows a process or a thread"), t);
    }

    @Test
    void withoutAReaderTheKeySaysSo() throws IOException {
        ui.lens(null);
        keys('t');
        assertTrue(text().contains("no lens reader is wired into this screen"), text());
    }

    @Test
    void theHelpListsT() throws IOException {
        keys('?');
        StringBuilder all = new StringBuilder(text());
        for (int i = 0; i < 30; i++) {
            keys(KeyType.ArrowDown);
            all.append(text());
        }
        assertTrue(all.toString().contains("the PID/TGID lens"), all.toString());
    }
}
