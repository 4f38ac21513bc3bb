package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Detail;
import nscope.views.tree.Forest;
import nscope.views.tree.Node;
import nscope.views.tree.RowKey;
import org.junit.jupiter.api.Test;

/**
 * What a class sees of a live process whose thread unshared its own uts
 * namespace, the process in a v1 memory cgroup with a limit: the thread's
 * PID column as ps -eLf gives it (issue 15, item 7), the namespace only
 * that thread is in linking to it (11), the memory cgroup's detail whole
 * (6), a start time as an age and a clock time (12).
 */
@LiveTest
class LiveClassroomTest {
    @Test
    void aThreadApartFromItsProcessAsAClassSeesIt() throws Exception {
        String script = "import ctypes, threading, time\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "def apart():\n"
                + "    assert libc.unshare(0x04000000) == 0\n"
                + "    print(threading.get_native_id(), flush=True)\n"
                + "    time.sleep(600)\n"
                + "threading.Thread(target=apart, daemon=True).start()\n"
                + "time.sleep(600)\n";
        Process py = new ProcessBuilder("python3", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Path memory = Path.of("/sys/fs/cgroup/memory/nscope-test-class-"
                + ProcessHandle.current().pid());
        try {
            int tid = Integer.parseInt(new BufferedReader(new InputStreamReader(py.getInputStream())).readLine());
            int pid = (int) py.pid();
            boolean v1 = Files.isDirectory(memory.getParent());
            if (v1) {
                Files.createDirectory(memory);
                Files.writeString(memory.resolve("memory.limit_in_bytes"), "67108864");
                Files.writeString(memory.resolve("cgroup.procs"), Integer.toString(pid));
            }
            Snapshot s = new Collector(Host.live()).collect();
            Task thread = s.task(tid).orElseThrow();
            Task leader = s.leader(pid).orElseThrow();

            // 7: a thread row's PID is ps -eLf's PID (the TGID), its TID ps's LWP
            String ps = LiveHost.run("ps", "-L", "-o", "pid=,lwp=", "-p", Integer.toString(pid));
            String psPid = ps.lines()
                    .map(String::trim)
                    .filter(l -> l.endsWith(" " + tid))
                    .map(l -> l.split("\\s+")[0])
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("ps -L does not list " + tid + ":\n" + ps));
            Node row = find(AllScreens.PROCESSES.rows(s, CgroupCpu.none()), RowKey.Task.thread(thread));
            assertEquals(psPid, row.cells().get(0).strip(), "PID column as ps -eLf: " + row.cells());
            assertEquals(Integer.toString(tid), row.cells().get(2).strip(), "TID column as ps's LWP: " + row.cells());

            // 11: the uts namespace only the thread is in links to that thread
            NsId uts = thread.ns(NsLink.UTS).get();
            assertFalse(uts.equals(leader.ns(NsLink.UTS).get()), "the thread is apart");
            Detail ns = AllScreens.NAMESPACES.detail(s, new RowKey.Namespace(NsKind.UTS, uts));
            assertTrue(
                    ns.links().stream().anyMatch(l -> l.to().equals(RowKey.Task.thread(thread))),
                    "a namespace only a thread is in links to it: " + ns);

            // 12: when the process started, as an age and a clock time
            Detail p = AllScreens.PROCESSES.detail(s, RowKey.Task.process(leader));
            assertTrue(
                    p.lines().stream().anyMatch(l -> l.matches("started \\d+ s ago, at \\d\\d:\\d\\d:\\d\\d.*")),
                    "a start time in seconds and a clock time: " + p.lines());

            // 6: a v1 memory cgroup's detail says its figures whole (no word left hanging at its end)
            if (v1) {
                Node cg = all(AllScreens.CGROUPS.rows(s, CgroupCpu.none())).stream()
                        .filter(n -> n.id() instanceof RowKey.Cgroup c
                                && c.path().endsWith(memory.getFileName().toString()))
                        .findFirst()
                        .orElseThrow();
                Detail d = AllScreens.CGROUPS.detail(s, cg.id());
                String all = String.join("\n", d.lines());
                assertTrue(all.contains("of a 64"), "its memory and limit: " + all);
                for (String l : d.lines()) assertFalse(l.strip().endsWith("pids"), "a word left hanging: " + d.lines());
                assertTrue(
                        d.links().stream().anyMatch(l -> l.to().equals(RowKey.Task.process(leader))),
                        "it links to its process: " + d.links());
            }
        } finally {
            py.destroyForcibly().waitFor();
            for (int i = 0; i < 50 && Files.exists(memory); i++) {
                try {
                    Files.deleteIfExists(memory);
                } catch (java.io.IOException e) {
                    Thread.sleep(100); // the killed process is still leaving it
                }
            }
        }
    }

    private static Node find(Forest f, RowKey key) {
        return all(f).stream()
                .filter(n -> n.id().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key));
    }

    private static List<Node> all(Forest f) {
        List<Node> out = new ArrayList<>();
        List<Node> todo = new ArrayList<>(f.roots());
        while (!todo.isEmpty()) {
            Node n = todo.remove(0);
            out.add(n);
            todo.addAll(n.children());
        }
        return out;
    }
}
