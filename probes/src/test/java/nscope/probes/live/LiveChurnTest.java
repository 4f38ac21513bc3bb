package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.probes.Collector;
import nscope.probes.model.Namespace;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/**
 * Full scans and the live screen's refreshes while processes, threads and
 * namespaces appear and vanish (synth-host churn): no scan may throw,
 * report a vanished task as an error, or hold a namespace member that is
 * not in its own task list.
 */
@LiveTest
class LiveChurnTest {
    @Test
    void scansSurviveProcessesThatExitMidScan() throws Exception {
        Process churn = new ProcessBuilder(
                        Repo.synthHost().toString(),
                        "churn",
                        "--name",
                        "nscope-test-churn",
                        "--seconds",
                        "8",
                        "--rate",
                        "60")
                .redirectErrorStream(true)
                .start();
        int scans = 0;
        try {
            Thread.sleep(500);
            for (Host host : List.of(Host.live(), Host.liveNative())) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < end && churn.isAlive()) {
                    check(new Collector(host).collect());
                    scans++;
                }
            }
            // the live screen's refreshes: carried-over groups that vanished go, new ones are read whole
            Host kept = Host.liveRefreshed();
            try {
                nscope.probes.Refresher r = new nscope.probes.Refresher(kept, 3);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < end && churn.isAlive()) {
                    check(r.refresh(0, false, java.time.Duration.ofSeconds(2)));
                    scans++;
                }
            } finally {
                kept.release();
            }
        } finally {
            // churn cleans up its cgroups itself when it ends: let it end
            if (!churn.waitFor(60, TimeUnit.SECONDS)) {
                churn.destroy();
                churn.waitFor(10, TimeUnit.SECONDS);
            }
        }
        // its exit status is not meaningful (1 even on success): its report line is
        String report = new String(churn.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains("churn nscope-test-churn ran"), "synth-host churn failed: " + report);
        assertTrue(scans >= 2, "only " + scans + " scans ran during churn");
    }

    private static void check(Snapshot s) {
        assertTrue(s.tasks().size() > 10, "a scan found " + s.tasks().size() + " tasks");
        for (ScanProblem p : s.problems()) {
            Unknown.Reason r = p.why().reason();
            assertTrue(
                    r == Unknown.Reason.PERMISSION || r == Unknown.Reason.EXITING,
                    "a race must not look like an error: " + p);
        }
        for (Namespace n : s.namespaces().values()) {
            for (int tid : n.tasks()) assertTrue(s.tasks().containsKey(tid), "member " + tid + " of " + n.id());
            for (int pid : n.processes()) assertTrue(s.leader(pid).isPresent(), "process " + pid + " of " + n.id());
        }
        s.tasks()
                .values()
                .forEach(t -> assertTrue(s.threadGroups().get(t.tgid()).contains(t.tid())));
    }
}
