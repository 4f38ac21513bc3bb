package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Stream;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup phase on a copy of the hand-built v2 fixture with hostile
 * files: junk, a number past 2^64, a broken PSI line, a member list that
 * is not one ID per line, a cgroup whose directory cannot be read. Each
 * becomes an unknown with its reason; everything else still reads.
 */
class CgroupReplayTest {
    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("fixtures/cgroup-v2"))) return p;
        throw new IllegalStateException(
                "no fixtures/cgroup-v2 above " + Path.of("").toAbsolutePath());
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                else if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    @Test
    void hostileFilesBecomeUnknownsAndTheRestStillReads(@TempDir Path tmp) throws IOException {
        Path fx = tmp.resolve("fx");
        copy(repo().resolve("fixtures/cgroup-v2"), fx);
        Path cg = fx.resolve("sys/fs/cgroup/system.slice/nginx.service");
        Files.writeString(cg.resolve("memory.max"), "banana\n");
        Files.writeString(cg.resolve("memory.current"), "99999999999999999999999\n");
        Files.writeString(cg.resolve("cpu.pressure"), "some avg10=x\n");
        Files.writeString(cg.resolve("cgroup.threads"), "701\n\u001b[2J\n");
        Files.writeString(
                fx.resolve("outcomes"),
                "EACCES sys/fs/cgroup/system.slice/cron.service\ndir sys/fs/cgroup/system.slice/cron.service\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (Stream<Path> s = Files.walk(fx.resolve("sys/fs/cgroup/system.slice/cron.service"))) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }

        Snapshot s = new Collector(Host.under(fx), Scope.TASKS, EnumSet.of(Collector.Phase.CGROUPS)).collect();
        CgroupTree v2 = s.cgroups().trees().get(0);
        Cgroup nginx = v2.cgroup("/system.slice/nginx.service").orElseThrow();
        assertEquals(
                Unknown.Reason.MALFORMED, nginx.files().get("memory.max").why().reason());
        assertTrue(
                nginx.files().get("memory.current").why().detail().contains("2^64"),
                nginx.files().get("memory.current").why().detail());
        assertEquals(
                Unknown.Reason.MALFORMED,
                nginx.files().get("cpu.pressure").why().reason());
        Readout<?> threads = nginx.threads();
        assertEquals(Unknown.Reason.MALFORMED, threads.why().reason());
        // the detail quotes the host's bytes as they are; views escape them (Escape, Json)
        assertTrue(
                threads.why().detail().contains("cgroup.threads: not one ID per line"),
                threads.why().detail());
        // the rest of the cgroup, and of the tree, reads as before
        assertEquals(3, nginx.procs().get().size());
        assertEquals(64L, CgroupFigures.pidsMax(nginx).get().value());
        Cgroup cron = v2.cgroup("/system.slice/cron.service").orElseThrow();
        assertEquals(Unknown.Reason.PERMISSION, cron.procs().why().reason(), "a cgroup that cannot be listed");
        assertTrue(
                s.problems().stream().anyMatch(p -> p.path().endsWith("cron.service")),
                s.problems().toString());
        assertTrue(v2.cgroup("/user.slice/user-1000.slice/session-3.scope").isPresent());
    }
}
