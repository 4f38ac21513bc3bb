package nscope.probes.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user names phase on a tiny recorded tree: the host's passwd, a bad line in it, or none at all. */
class UserNamesPhaseTest {
    @TempDir
    Path tree;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(tree.resolve("proc/7/task/7"));
        Files.writeString(tree.resolve("nsfs.ids"), "");
    }

    @Test
    void namesByUidAndABadLineIsAProblem() throws IOException {
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(
                tree.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnot a line\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        Scan s = Scans.after(Host.under(tree), Scope.TASKS);
        new UserNamesPhase().run(s);
        Snapshot snap = s.snapshot();
        assertEquals(Map.of(0L, "root", 1000L, "alice"), snap.userNames());
        assertEquals(
                List.of(new ScanProblem(
                        tree.resolve("etc/passwd") + ":2",
                        new Unknown(Unknown.Reason.MALFORMED, "not a passwd entry"))),
                s.problems());
    }

    @Test
    void noPasswdMeansUidsShownAsNumbersAndSaysSo() throws IOException {
        Scan s = Scans.after(Host.under(tree), Scope.TASKS);
        assertEquals(Map.of(), UserNamesPhase.read(s.host(), s.problems()));
        assertEquals(1, s.problems().size());
        assertEquals(Unknown.Reason.IO_ERROR, s.problems().get(0).why().reason());
        assertTrue(
                s.problems().get(0).why().detail().endsWith("user names shown as numbers"),
                s.problems().toString());
    }
}
