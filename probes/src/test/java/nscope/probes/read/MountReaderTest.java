package nscope.probes.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.model.TestTasks;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.Host;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MountReader and MountTables on a replayed tree whose "outcomes" make reads
 * fail as they failed on a real host: refused (EACCES), process gone
 * (ENOENT), and never recorded; plus mountinfo files with bad lines.
 */
class MountReaderTest {
    static final String ROOT = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw";
    static final String PROC = "22 27 0:21 / /proc rw,relatime - proc proc rw";

    @TempDir
    Path tree;

    Host host;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(tree.resolve("proc/42"));
        write("proc/43/mountinfo", ROOT + "\n" + PROC.replace("0:21", "0-21") + "\n" + PROC + "\n");
        write("proc/46/mountinfo", ROOT + "\n" + PROC + "\n" + PROC.replace("/proc", "/proc2") + "\n");
        write("proc/47/mountinfo", "");
        write("proc/47/stat", "47 (sleep) S 1 47 47 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0\n");
        write("proc/50/mountinfo", "");
        write("proc/50/stat", "50 (sleep) Z 1 50 50 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0\n");
        write("proc/48/task/49/mountinfo", ROOT + "\n");
        write("nsfs.ids", "");
        write("outcomes", "EACCES proc/42/mountinfo\nENOENT proc/45/mountinfo\nEIO proc/51/mountinfo\n");
        host = Host.under(tree);
    }

    private void write(String rel, String text) throws IOException {
        Path p = tree.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String path(String rel) {
        return tree.resolve(rel).toString();
    }

    @Test
    void aBadLineIsAProblemAndTheOtherLinesMakeTheTable() {
        MountReader.Result r = new MountReader(host).read(43);
        MountTable t = r.table().get();
        assertEquals(List.of(27, 22), t.inTreeOrder().stream().map(Mount::id).toList());
        assertEquals(1, r.problems().size());
        assertEquals(path("proc/43/mountinfo") + ":2", r.problems().get(0).path());
        assertEquals(Reason.MALFORMED, r.problems().get(0).why().reason());
        assertTrue(
                r.problems().get(0).why().detail().contains("0-21"),
                r.problems().get(0).toString());
    }

    @Test
    void aRepeatedMountIdKeepsTheFirst() {
        MountReader.Result r = new MountReader(host).read(46);
        assertEquals("/proc", r.table().get().byId(22).orElseThrow().mountPoint());
        assertEquals(2, r.table().get().size());
        assertEquals(Reason.MALFORMED, r.problems().get(0).why().reason());
        assertTrue(r.problems().get(0).why().detail().contains("mount ID 22 appears twice"));
    }

    @Test
    void failuresBecomeReasonsNeverAnEmptyTable() {
        MountReader reader = new MountReader(host);
        MountReader.Result refused = reader.read(42);
        assertEquals(Reason.PERMISSION, refused.table().why().reason());
        assertEquals(
                path("proc/42/mountinfo") + ": EACCES", refused.table().why().detail());
        assertEquals(1, refused.problems().size());
        assertFalse(refused.vanished());

        MountReader.Result gone = reader.read(45);
        assertTrue(gone.vanished());
        assertEquals(List.of(), gone.problems(), "a process that exited is skipped, not a problem");

        MountReader.Result old = reader.read(44);
        assertEquals(Reason.NOT_PROVIDED, old.table().why().reason());
        assertTrue(
                old.table().why().detail().contains("not in the fixture"),
                old.table().why().detail());

        assertEquals(Reason.IO_ERROR, reader.read(51).table().why().reason());
        MountReader.Result empty = reader.read(47);
        assertEquals(Reason.MALFORMED, empty.table().why().reason(), "empty while the process lives");
        assertEquals(1, empty.problems().size());
        MountReader.Result zombie = reader.read(50);
        assertEquals(Reason.EXITING, zombie.table().why().reason(), "empty because it is exiting: a race");
        assertTrue(zombie.vanished());
        assertEquals(List.of(), zombie.problems());
    }

    @Test
    void aThreadIsReadThroughItsTaskDirectory() {
        assertEquals(1, new MountReader(host).read(48, 49).table().get().size());
    }

    @Test
    void thePhaseReadsEachNamespaceThroughItsFirstMemberThatIsStillThere() {
        // mnt 900: 45 (exited) then 43; mnt 901: 42 (refused); mnt 902: 45 only; mnt 903: 44 (not recorded)
        Snapshot s = TestTasks.snapshot(
                List.of(task(42, 901), task(43, 900), task(44, 903), task(45, 900)),
                List.of(
                        TestTasks.ns(NsKind.MNT, 900, List.of(43, 45), List.of(45, 43)),
                        TestTasks.ns(NsKind.MNT, 901, List.of(42), List.of(42)),
                        TestTasks.ns(NsKind.MNT, 902, List.of(45), List.of(45)),
                        TestTasks.ns(NsKind.MNT, 903, List.of(44), List.of(44)),
                        TestTasks.ns(NsKind.NET, 950, List.of(42), List.of(42))));
        MountTables.Result r = new MountTables(host, s).readAll();
        assertEquals(
                List.of(900L, 901L, 902L, 903L),
                r.tables().keySet().stream().map(NsId::ino).toList(),
                "only mount namespaces");
        Readout<MountTable> t900 = r.tables().get(TestTasks.id(900));
        assertEquals(2, t900.get().size());
        assertEquals(43, r.readThrough().get(TestTasks.id(900)));
        assertEquals(Reason.PERMISSION, r.tables().get(TestTasks.id(901)).why().reason());
        assertEquals(Reason.EXITING, r.tables().get(TestTasks.id(902)).why().reason());
        assertEquals(
                Reason.NOT_PROVIDED, r.tables().get(TestTasks.id(903)).why().reason());
        assertEquals(List.of(TestTasks.id(900)), List.copyOf(r.readThrough().keySet()));
        // the malformed line of 43, the refusal of 42, the file the fixture lacks; not the exit
        assertEquals(
                List.of(path("proc/43/mountinfo") + ":2", path("proc/42/mountinfo"), path("proc/44/mountinfo")),
                r.problems().stream().map(p -> p.path()).toList());
        assertEquals(
                Reason.EXITING,
                new MountTables(host, s)
                        .read(List.of(TestTasks.id(902)))
                        .tables()
                        .get(TestTasks.id(902))
                        .why()
                        .reason());
    }

    private static nscope.probes.model.Task task(int pid, long mnt) {
        return TestTasks.task(
                pid, pid, 100, TestTasks.with(TestTasks.links(1000), nscope.probes.model.NsLink.MNT, mnt));
    }
}
