package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.app.audit.AuditLog;
import nscope.app.screen.ScreenActions;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nscope cgroup on real nscope-test-* cgroups, run as a user runs it (the
 * packaged jar in its own JVM): v1 (pids, freezer) and v2 changes done and
 * read back from the kernel's files, refusals said in words (EBUSY, a thread
 * moved alone into a domain cgroup, a value the file does not take), hostile
 * names refused before anything is made, every attempt in the audit log.
 * Whatever a test makes is removed afterwards, also when it fails.
 */
@LiveTest
class CgroupIT {
    private static final Path PIDS = Path.of("/sys/fs/cgroup/pids"), FREEZER = Path.of("/sys/fs/cgroup/freezer");
    private static final String NAME =
            "nscope-test-it-" + ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final List<Path> made = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = made.size() - 1; i >= 0; i--) {
            Path d = made.get(i);
            for (int t = 0; t < 50 && Files.isDirectory(d); t++) {
                try {
                    Files.delete(d);
                } catch (java.io.IOException e) {
                    Thread.sleep(20); // the killed process leaves the cgroup a moment later
                }
            }
            assertFalse(Files.isDirectory(d), "left behind: " + d);
        }
    }

    PackagedJar.Run nscope(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("cgroup"));
        argv.addAll(List.of(args));
        return PackagedJar.run(tmp.resolve("actions.log"), java.util.Map.of(), argv.toArray(String[]::new));
    }

    Process sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "1000").start();
        started.add(p);
        return p;
    }

    @Test
    void v1LimitMoveBusyRemoveAndTheAuditLog() throws Exception {
        assumeTrue(Files.isDirectory(PIDS), "a v1 pids hierarchy");
        Path cg = PIDS.resolve(NAME);
        made.add(cg);
        assertEquals(0, nscope("--hierarchy", "pids", "mkdir", "/" + NAME).rc());
        assertTrue(Files.isDirectory(cg));
        assertEquals(
                0,
                nscope("--hierarchy", "pids", "set", "/" + NAME, "pids.max", "5")
                        .rc());
        assertEquals("5", Files.readString(cg.resolve("pids.max")).strip());
        PackagedJar.Run bad = nscope("--hierarchy", "pids", "set", "/" + NAME, "pids.max", "banana");
        assertEquals(1, bad.rc());
        assertTrue(bad.err().contains("not a value pids.max takes") && bad.err().contains("(EINVAL)"), bad.err());
        Process s = sleeper();
        assertEquals(
                0,
                nscope("--hierarchy", "pids", "mv", "/" + NAME, Long.toString(s.pid()))
                        .rc());
        assertEquals(List.of(Long.toString(s.pid())), Files.readAllLines(cg.resolve("cgroup.procs")));
        PackagedJar.Run busy = nscope("--hierarchy", "pids", "rmdir", "/" + NAME);
        assertEquals(1, busy.rc());
        assertTrue(busy.err().contains("still holds processes") && busy.err().contains("(EBUSY)"), busy.err());
        assertTrue(Files.isDirectory(cg));
        s.destroyForcibly();
        s.waitFor(10, TimeUnit.SECONDS);
        PackagedJar.Run gone = nscope("--hierarchy", "pids", "mv", "/" + NAME, Long.toString(s.pid()));
        assertTrue(gone.err().contains("no such process"), gone.err());
        List<String> audit = Files.readAllLines(tmp.resolve("actions.log")).stream()
                .filter(l -> !l.contains("\"phase\":\"begin\""))
                .toList();
        assertEquals(
                12,
                Files.readAllLines(tmp.resolve("actions.log")).size(),
                "a line before and one after each of 6 changes");
        assertEquals(6, audit.size(), String.join("\n", audit));
        assertTrue(
                audit.get(0).contains("\"action\":\"cgroup mkdir\"")
                        && audit.get(0).contains("\"target\":\"pids:/" + NAME + "\""),
                audit.get(0));
        assertTrue(audit.get(4).contains("\"ok\":false") && audit.get(4).contains("EBUSY"), audit.get(4));
    }

    @Test
    void v1FreezeAndThaw() throws Exception {
        assumeTrue(Files.isDirectory(FREEZER), "a v1 freezer hierarchy");
        Path cg = FREEZER.resolve(NAME);
        made.add(cg);
        assertEquals(0, nscope("--hierarchy", "freezer", "mkdir", "/" + NAME).rc());
        Process s = sleeper();
        assertEquals(
                0,
                nscope("--hierarchy", "freezer", "mv", "--thread", "/" + NAME, Long.toString(s.pid()))
                        .rc(),
                "v1: a thread through tasks");
        assertEquals(List.of(Long.toString(s.pid())), Files.readAllLines(cg.resolve("tasks")));
        assertEquals(0, nscope("--hierarchy", "freezer", "freeze", "/" + NAME).rc());
        String state = Files.readString(cg.resolve("freezer.state")).strip();
        assertTrue(state.equals("FROZEN") || state.equals("FREEZING"), state);
        assertEquals(0, nscope("--hierarchy", "freezer", "thaw", "/" + NAME).rc());
        assertEquals("THAWED", Files.readString(cg.resolve("freezer.state")).strip());
    }

    @Test
    void v2AThreadAloneIntoADomainCgroupIsRefusedInWords() throws Exception {
        Path v2 = Path.of("/sys/fs/cgroup/unified");
        assumeTrue(Files.isRegularFile(v2.resolve("cgroup.procs")), "a v2 hierarchy at /sys/fs/cgroup/unified");
        Path cg = v2.resolve(NAME);
        made.add(cg);
        assertEquals(0, nscope("--hierarchy", "v2", "mkdir", "/" + NAME).rc());
        Process s = sleeper();
        PackagedJar.Run r = nscope("--hierarchy", "v2", "mv", "--thread", "/" + NAME, Long.toString(s.pid()));
        assertEquals(1, r.rc());
        assertTrue(
                r.err().contains("threaded subtree")
                        && (r.err().contains("EOPNOTSUPP") || r.err().contains("EINVAL")),
                r.err());
        assertEquals(
                0,
                nscope("--hierarchy", "v2", "mv", "/" + NAME, Long.toString(s.pid()))
                        .rc(),
                "the whole process goes");
        assertEquals(List.of(Long.toString(s.pid())), Files.readAllLines(cg.resolve("cgroup.procs")));
        assertEquals(0, nscope("--hierarchy", "v2", "freeze", "/" + NAME).rc());
        assertEquals("1", Files.readString(cg.resolve("cgroup.freeze")).strip());
        assertEquals(0, nscope("--hierarchy", "v2", "thaw", "/" + NAME).rc());
        if (!Files.exists(cg.resolve("memory.max"))) { // this machine's v2 has no memory controller: said so
            PackagedJar.Run mem = nscope("--hierarchy", "v2", "set", "/" + NAME, "memory.max", "32M");
            assertEquals(1, mem.rc());
            assertTrue(
                    mem.err()
                            .contains(
                                    "the memory controller is not enabled for it (the parent's cgroup.subtree_control must list it)"),
                    mem.err());
        }
    }

    @Test
    void hostileNamesAndPathsAreRefusedBeforeAnythingIsMade() throws Exception {
        assumeTrue(Files.isDirectory(PIDS), "a v1 pids hierarchy");
        for (String p :
                new String[] {"/" + NAME + "/../../escape", "/" + NAME + "\u001b[2J", "relative", "/", "/a//b"}) {
            PackagedJar.Run r = nscope("--hierarchy", "pids", "mkdir", p);
            assertEquals(1, r.rc(), p + ": " + r.err());
            assertFalse(r.err().contains("\u001b"), "no control byte reaches the terminal: " + r.err());
        }
        assertFalse(Files.exists(PIDS.resolve(NAME)));
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/escape")));
        PackagedJar.Run unknown = nscope("--hierarchy", "nosuch", "mkdir", "/" + NAME);
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().contains("no cgroup hierarchy named nosuch (mounted: "), unknown.err());
        PackagedJar.Run file = nscope("--hierarchy", "pids", "set", "/", "cgroup.procs", "1");
        assertEquals(1, file.rc());
        assertTrue(file.err().contains("is not a setting"), file.err());
    }

    /**
     * The live screen's cgroup actions (what m, a, L run after their
     * confirmation) on real cgroups: a child made, limits written, a process
     * moved into two hierarchies at once, a thread alone through v1 tasks,
     * and a start time that no longer matches refused with nothing moved.
     */
    @Test
    void theScreensMoveMakeAndLimitsChangeTheKernelsFiles() throws Exception {
        assumeTrue(Files.isDirectory(PIDS) && Files.isDirectory(FREEZER), "v1 pids and freezer hierarchies");
        ScreenActions a = new ScreenActions(AuditLog.of(
                java.util.Map.of("NSCOPE_AUDIT_LOG", tmp.resolve("actions.log").toString())));
        nscope.views.actions.Actions.CgroupTarget pidsRoot =
                new nscope.views.actions.Actions.CgroupTarget("pids", PIDS.toString(), 1, "/");
        made.add(PIDS.resolve(NAME));
        assertEquals("made pids:/" + NAME, a.mkdir(pidsRoot, NAME));
        made.add(FREEZER.resolve(NAME));
        a.mkdir(new nscope.views.actions.Actions.CgroupTarget("freezer", FREEZER.toString(), 1, "/"), NAME);
        assertTrue(a.mkdir(pidsRoot, "../x").contains("cannot hold /"));
        var pidsCg = new nscope.views.actions.Actions.CgroupTarget("pids", PIDS.toString(), 1, "/" + NAME);
        var freezerCg = new nscope.views.actions.Actions.CgroupTarget("freezer", FREEZER.toString(), 1, "/" + NAME);
        assertEquals("set pids.max = 7 in pids:/" + NAME, a.set(pidsCg, java.util.Map.of("pids.max", "7")));
        assertEquals(
                "7", Files.readString(PIDS.resolve(NAME).resolve("pids.max")).strip());
        assertTrue(a.set(pidsCg, java.util.Map.of("pids.max", "lots")).contains("EINVAL"));
        Process s = sleeper();
        long start = KillIT.startOf(s.pid());
        var target = new nscope.views.actions.Actions.Target((int) s.pid(), start, "sleep");
        assertTrue(
                a.move(new nscope.views.actions.Actions.Target((int) s.pid(), start + 1, "sleep"), 0, List.of(pidsCg))
                        .contains("is now another process"),
                "a reused PID is refused");
        assertEquals(
                "", Files.readString(PIDS.resolve(NAME).resolve("cgroup.procs")).strip(), "nothing moved");
        assertEquals(
                "moved PID " + s.pid() + " into 2 cgroups (/" + NAME + ")",
                a.move(target, 0, List.of(pidsCg, freezerCg)));
        assertEquals(
                List.of(Long.toString(s.pid())),
                Files.readAllLines(PIDS.resolve(NAME).resolve("cgroup.procs")));
        assertEquals(
                List.of(Long.toString(s.pid())),
                Files.readAllLines(FREEZER.resolve(NAME).resolve("cgroup.procs")));
        // a thread alone: a child JVM (many threads) that only sleeps
        Path src = Files.writeString(
                tmp.resolve("Nap.java"),
                "class Nap { public static void main(String[] a) throws Exception { Thread.sleep(100000); } }");
        Process t = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xshare:auto",
                        src.toString())
                .start();
        started.add(t);
        Path tasks = Path.of("/proc", Long.toString(t.pid()), "task");
        for (int i = 0; i < 200 && countOf(tasks) < 3; i++) Thread.sleep(20);
        int tid;
        try (var l = Files.list(tasks)) {
            tid = l.map(x -> Integer.parseInt(x.getFileName().toString()))
                    .filter(x -> x != t.pid())
                    .findFirst()
                    .orElseThrow();
        }
        var tTarget = new nscope.views.actions.Actions.Target((int) t.pid(), KillIT.startOf(t.pid()), "java");
        assertEquals(
                "moved thread " + tid + " of PID " + t.pid() + " into pids:/" + NAME,
                a.move(tTarget, tid, List.of(pidsCg)));
        List<String> inside = Files.readAllLines(PIDS.resolve(NAME).resolve("tasks"));
        assertTrue(
                inside.contains(Integer.toString(tid)) && inside.contains(Long.toString(s.pid())), inside.toString());
        assertFalse(inside.contains(Long.toString(t.pid())), "its other threads stayed where they were: " + inside);
        List<String> audit = Files.readAllLines(tmp.resolve("actions.log"));
        assertTrue(
                audit.stream()
                        .anyMatch(l -> l.contains("\"action\":\"cgroup mv\"")
                                && l.contains("\"ok\":false")
                                && l.contains("another process")),
                String.join("\n", audit));
    }

    @Test
    void allHierarchiesAtOnceMakeMoveIntoAndRemove() throws Exception {
        List<Path> everywhere = new ArrayList<>();
        for (var h : nscope.probes.CgroupMounts.of(nscope.probes.source.Host.live()))
            everywhere.add(Path.of(h.mountPoint(), NAME));
        assumeTrue(everywhere.size() > 1, "more than one hierarchy");
        made.addAll(everywhere);
        PackagedJar.Run mk = nscope("--hierarchy", "all", "mkdir", "/" + NAME);
        assertEquals(0, mk.rc(), mk.err());
        for (Path d : everywhere) assertTrue(Files.isDirectory(d), d.toString());
        Process s = sleeper();
        PackagedJar.Run mv = nscope("--hierarchy", "all", "mv", "/" + NAME, Long.toString(s.pid()));
        assertEquals(0, mv.rc(), mv.err());
        for (Path d : everywhere)
            assertEquals(List.of(Long.toString(s.pid())), Files.readAllLines(d.resolve("cgroup.procs")), d.toString());
        assertEquals(
                4 * everywhere.size(),
                Files.readAllLines(tmp.resolve("actions.log")).size(),
                "two audit lines (before, after) per hierarchy and action");
        s.destroyForcibly();
        s.waitFor(10, TimeUnit.SECONDS);
        for (int i = 0;
                i < 50
                        && !Files.readString(everywhere.get(0).resolve("cgroup.procs"))
                                .isBlank();
                i++) Thread.sleep(20);
        PackagedJar.Run rm = nscope("--hierarchy", "all", "rmdir", "/" + NAME);
        assertEquals(0, rm.rc(), rm.err());
        for (Path d : everywhere) assertFalse(Files.exists(d), d.toString());
        PackagedJar.Run none = nscope("--hierarchy", "all", "rmdir", "/" + NAME);
        assertEquals(1, none.rc());
        assertTrue(none.err().contains("no mounted hierarchy has the cgroup /" + NAME), none.err());
    }

    private static long countOf(Path dir) throws java.io.IOException {
        try (var l = Files.list(dir)) {
            return l.count();
        }
    }
}
