package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/** --interval is seconds on every command, fractions allowed; a bad value is one clear line and exit 2. */
class IntervalTest {
    private static final String FIXTURE =
            Repo.root().resolve("fixtures/cgroup-v2").toString();

    @Test
    void cgroupsTakesSecondsWithFractions() {
        for (String s : new String[] {"0", "0.5", ".25", "2", "60"}) {
            Cli.Run r = Cli.run("--root", FIXTURE, "cgroups", "--interval", s);
            assertEquals(0, r.rc(), s + ": " + r.err());
            assertTrue(r.out().contains("cgroup v2"), s + ": " + r.out());
        }
    }

    @Test
    void millisecondsAsOnceTakenAreRefusedWithTheUnit() {
        Cli.Run r = Cli.run("--root", FIXTURE, "cgroups", "--interval", "500");
        assertEquals(2, r.rc());
        assertEquals(
                "nscope: Invalid value for option '--interval': 500 seconds is out of range (seconds from 0 to 60,"
                        + " e.g. 2 or 0.5); the interval is in seconds, not milliseconds (see 'nscope --help')\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void whatIsNotANumberOfSecondsIsRefused() {
        for (String bad : new String[] {"abc", "-1", "NaN", "Infinity", "1e3", "0x10", "", "2s", "1,5"}) {
            Cli.Run r = Cli.run("--root", FIXTURE, "cgroups", "--interval", bad);
            assertEquals(2, r.rc(), "'" + bad + "': " + r.out());
            assertTrue(r.err().startsWith("nscope: Invalid value for option '--interval': "), bad + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void theScreensIntervalIsCheckedBeforeAnyScreen() {
        for (String[] args :
                new String[][] {{"--interval", "0.1", "ls"}, {"ui", "--interval", "3601"}, {"--interval", "soon", "ls"}
                }) {
            Cli.Run r = Cli.run(args);
            assertEquals(2, r.rc(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("seconds from 0.2 to 3600"), r.err());
        }
        assertEquals(0, Cli.run("--root", FIXTURE, "--interval", "0.5", "ls").rc());
    }
}
