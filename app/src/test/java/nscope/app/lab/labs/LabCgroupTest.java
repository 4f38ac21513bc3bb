package nscope.app.lab.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.LabSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the oom and container labs find their controllers, and how they read the kernel's counters. */
class LabCgroupTest {
    @TempDir
    Path tmp;

    @Test
    void aHostWithNoMemoryControllerIsToldWhy() throws Exception {
        Files.writeString(tmp.resolve("cgroup.subtree_control"), "cpu io pids\n");
        HostAbilities v2NoMemory = new HostAbilities(true, Map.of(), Optional.of(tmp));
        String why = LabSession.refusal(Oom.LAB, v2NoMemory).orElseThrow();
        assertTrue(why.startsWith("the lab oom cannot run here: it needs the memory controller"), why);
        assertTrue(why.contains("neither as a cgroup v1 hierarchy nor enabled at the cgroup v2 root"), why);
        assertTrue(LabSession.refusal(Container.LAB, v2NoMemory).orElseThrow().contains("memory controller"));
    }

    @Test
    void eitherHierarchyWillDo() throws Exception {
        Files.writeString(tmp.resolve("cgroup.subtree_control"), "memory pids\n");
        HostAbilities v2 = new HostAbilities(true, Map.of(), Optional.of(tmp));
        assertEquals(
                Optional.empty(),
                LabCgroup.needs("memory").and(LabCgroup.needs("pids")).missing(v2));
        HostAbilities v1 = new HostAbilities(
                true,
                Map.of("memory", Path.of("/sys/fs/cgroup/memory"), "pids", Path.of("/sys/fs/cgroup/pids")),
                Optional.empty());
        assertEquals(
                Optional.empty(),
                LabCgroup.needs("memory").and(LabCgroup.needs("pids")).missing(v1));
        HostAbilities user = new HostAbilities(false, v1.v1(), Optional.empty());
        assertTrue(LabSession.refusal(Oom.LAB, user).orElseThrow().contains("run as root"));
    }

    @Test
    void countersAreReadAsTheKernelWritesThem() throws Exception {
        Path events = tmp.resolve("memory.events");
        Files.writeString(events, "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
        assertEquals(1, LabCgroup.keyed(events, "oom_kill"));
        assertEquals(12, LabCgroup.keyed(events, "max"));
        assertEquals(-1, LabCgroup.keyed(events, "absent"));
        Path oomControl = tmp.resolve("memory.oom_control");
        Files.writeString(oomControl, "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        assertEquals(3, LabCgroup.keyed(oomControl, "oom_kill"));
        Path max = tmp.resolve("pids.max");
        Files.writeString(max, "max\n");
        assertEquals(Long.MAX_VALUE, LabCgroup.number(max));
        Files.writeString(max, "20\n");
        assertEquals(20, LabCgroup.number(max));
        assertEquals(-1, LabCgroup.number(tmp.resolve("gone")));
    }
}
