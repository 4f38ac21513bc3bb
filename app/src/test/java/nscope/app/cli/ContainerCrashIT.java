package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nscope.app.container.ContainerCreate;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nscope killed with SIGKILL at every step of nscope run, before the step
 * and after it: each time nscope ps lists what was left (broken) and
 * nscope rm -f removes all of it (cgroups, the bridge, the veth, the
 * monitor and PID 1, the state and the writable layer). And runs in
 * parallel get distinct addresses from one bridge.
 */
@LiveTest
class ContainerCrashIT {
    private static final ContainerHost H = new ContainerHost("crash", 13);
    private static Path tar;

    @BeforeAll
    static void image() throws Exception {
        H.setUp();
        tar = H.base.resolve("busybox.tar");
        LiveHost.run("tar", "-C", ContainerHost.BUSYBOX.toString(), "-cf", tar.toString(), ".");
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertEquals(List.of(), H.tearDown(), "nothing left behind");
    }

    @AfterAll
    static void remove() throws Exception {
        H.remove();
    }

    @Test
    void aKillAtAnyMomentOfRunLeavesWhatPsListsAndRmRemoves() throws Exception {
        String n = "nscope-test-x" + H.me + "k";
        for (String step : ContainerCreate.STEPS)
            for (String at : List.of(step, step + ":after")) {
                PackagedJar.Run r = H.nscope(
                        Map.of("NSCOPE_TEST_KILL_AT", at),
                        "run",
                        "-d",
                        "--name",
                        n,
                        "--net",
                        "bridge",
                        "--memory",
                        "32M",
                        "--userns",
                        tar.toString(),
                        "--",
                        "sleep",
                        "1000");
                assertEquals(137, r.rc(), "killed at " + at + ": " + r.err());
                boolean anything = Files.exists(H.state.resolve(n));
                String ps = H.nscope("ps").err();
                String state = at.equals("save:after") ? "running" : "broken"; // after the last step it is made
                if (anything)
                    assertTrue(
                            ps.matches("(?s).*\n" + n + " +" + state + " .*"),
                            "killed at " + at + ", it is listed as " + state + ":\n" + ps);
                PackagedJar.Run rm = H.nscope("rm", "-f", n);
                assertEquals(anything ? 0 : 1, rm.rc(), "killed at " + at + ": " + rm.err());
                for (int i = 0; i < 50 && !H.leftovers().isEmpty(); i++)
                    Thread.sleep(100); // a monitor may still be ending
                assertEquals(List.of(), H.leftovers(), "killed at " + at + ", then rm -f: " + rm.err());
            }
    }

    @Test
    void parallelRunsOnOneBridgeGetDistinctAddresses() throws Exception {
        for (int count : new int[] {2, 10}) {
            ExecutorService pool = Executors.newFixedThreadPool(count);
            List<Future<PackagedJar.Run>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String n = "nscope-test-x" + H.me + "p" + count + "-" + i;
                H.made.add(n);
                runs.add(pool.submit(() -> H.nscope(
                        "run",
                        "-d",
                        "--name",
                        n,
                        "--net",
                        "bridge",
                        ContainerHost.BUSYBOX.toString(),
                        "--",
                        "sleep",
                        "1000")));
            }
            for (Future<PackagedJar.Run> f : runs)
                assertEquals(0, f.get().rc(), f.get().err());
            pool.shutdown();
            Set<String> addresses = new HashSet<>();
            for (String line : H.nscope("ps").err().split("\n"))
                if (line.contains("p" + count + "-"))
                    addresses.add(line.replaceAll(".* (10\\.231\\.13\\.\\d+/24) .*", "$1"));
            assertEquals(count, addresses.size(), count + " parallel runs, " + count + " addresses: " + addresses);
            assertEquals(List.of(), H.tearDown(), "all removed, the bridge with the last");
        }
    }
}
