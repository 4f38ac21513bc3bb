package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import nscope.app.cli.read.Prefetch;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle: on a busy synthetic host (synth-host, 20 containers, pid
 * namespaces nested 2 deep), `nscope ls --json` lists exactly what
 * `lsns -J` lists: the same namespace ids, types and process counts.
 */
@LiveTest
class LsnsOracleTest {
    private static final String NAME = "nscope-test-oracle";
    private static boolean up;

    @BeforeAll
    static void up() throws Exception {
        LiveHost.up(NAME, "--containers", "20", "--depth", "2");
        up = true;
    }

    @AfterAll
    static void down() throws Exception {
        if (up) LiveHost.down(NAME);
    }

    @Test
    void lsJsonListsWhatLsnsLists() throws Exception {
        assertAgreeWithLsns(new String[] {"lsns", "-J"}, new String[] {"ls", "--json"}, 20 * 6);
    }

    /** As started from the command line: the scan begins while the arguments are parsed. */
    @Test
    void thePrefetchedScanListsWhatLsnsLists() throws Exception {
        prefetch = true;
        try {
            assertAgreeWithLsns(new String[] {"lsns", "-J"}, new String[] {"ls", "--json"}, 20 * 6);
        } finally {
            prefetch = false;
        }
    }

    private static boolean prefetch;

    /**
     * Runs lsns, nscope, lsns. The host keeps changing (a short-lived process
     * can come and go between the runs even when both lsns runs agree), so a
     * mismatch is retried; a real difference fails every attempt.
     */
    private static void assertAgreeWithLsns(String[] lsnsArgs, String[] nscopeArgs, int atLeast) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 8; attempt++) {
            Set<String> before = rows(LiveHost.run(lsnsArgs));
            Set<String> ours = rows(nscope(nscopeArgs));
            Set<String> after = rows(LiveHost.run(lsnsArgs));
            if (!before.equals(after)) {
                last = "the host changed during the comparison";
                continue;
            }
            Set<String> expected = withoutLsnsItself(before);
            assertTrue(expected.size() >= atLeast, "lsns listed only " + expected.size() + " namespaces");
            if (expected.equals(ours)) return;
            Set<String> missing = new TreeSet<>(expected), extra = new TreeSet<>(ours);
            missing.removeAll(ours);
            extra.removeAll(expected);
            last = "lsns only: " + missing + "; nscope only: " + extra;
            Thread.sleep(200);
        }
        throw new AssertionError(String.join(" ", nscopeArgs) + " versus " + String.join(" ", lsnsArgs)
                + " (ns type nprocs) never agreed in 8 attempts; last: " + last);
    }

    @Test
    void typeFilterMatchesLsnsTypeFilter() throws Exception {
        assertAgreeWithLsns(
                new String[] {"lsns", "-J", "-t", "pid"}, new String[] {"ls", "--json", "--type", "pid"}, 20 * 2);
        assertAgreeWithLsns(
                new String[] {"lsns", "-J", "-t", "net"}, new String[] {"ls", "--json", "--type", "net"}, 20);
        assertAgreeWithLsns(
                new String[] {"lsns", "-J", "-t", "user"}, new String[] {"ls", "--json", "--type", "user"}, 1);
    }

    private static Set<String> rows(String json) throws IOException {
        return LsnsRows.rows(json);
    }

    /**
     * lsns counts itself: it is this JVM's child and shares every namespace of
     * ours, so in those namespaces it sees one process more than nscope saw.
     */
    private static Set<String> withoutLsnsItself(Set<String> lsns) throws IOException {
        Set<String> mine = new TreeSet<>();
        for (String type : new String[] {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"}) {
            String link =
                    Files.readSymbolicLink(Path.of("/proc/self/ns/" + type)).toString();
            mine.add(link.substring(link.indexOf('[') + 1, link.indexOf(']')) + " " + type);
        }
        Set<String> out = new TreeSet<>();
        for (String row : lsns) {
            String[] f = row.split(" ");
            boolean ours = mine.contains(f[0] + " " + f[1]);
            out.add(f[0] + " " + f[1] + " " + (Integer.parseInt(f[2]) - (ours ? 1 : 0)));
        }
        return out;
    }

    private static String nscope(String... args) {
        if (prefetch) Prefetch.start(args);
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.rc(), "nscope failed: " + r.err());
        return r.out();
    }
}
