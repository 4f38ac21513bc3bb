package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import nscope.app.cli.common.UserError;
import nscope.app.cli.read.CgroupsCommand;
import org.junit.jupiter.api.Test;

/**
 * `nscope cgroups` parsed without picocli (CgroupsCommand.quick) for its
 * common uses: what it does not take falls to picocli, and what it takes
 * ends as picocli's run of the same request does, errors alike.
 */
class CgroupsQuickTest {
    private static Integer quick(String... args) {
        PrintWriter none = new PrintWriter(new StringWriter());
        return CgroupsCommand.quick(args, none, none);
    }

    @Test
    void whatItDoesNotTakeFallsToPicocli() {
        assertNull(quick("ls"));
        assertNull(quick("cgroups", "--help"));
        assertNull(quick("cgroups", "--json"));
        assertNull(quick("cgroups", "-p"));
        assertNull(quick("cgroups", "--interval", "1"));
        assertNull(quick("cgroups", "--hierarchy"));
        assertNull(quick("cgroups", "--hierarchy", "-n"));
        assertNull(quick("cgroups", "--hierarchy", "a", "--hierarchy", "b"));
        assertNull(quick("cgroups", "-n", "-n"));
        assertNull(quick("cgroups", "@args"));
        assertNull(quick("cgroups", "/a", "/b"));
        assertNull(quick("cgroups", "--root", "/tmp"));
    }

    @Test
    void anErrorIsPicoclisOwn() {
        // --interval 0 is the default, and not among what quick takes: picocli runs the same request
        for (String[] tail :
                new String[][] {{"--hierarchy", "nope"}, {"/no/such/cgroup"}, {"-n", "--hierarchy=nope"}}) {
            String[] q = new String[tail.length + 1];
            q[0] = "cgroups";
            System.arraycopy(tail, 0, q, 1, tail.length);
            String[] p = java.util.Arrays.copyOf(q, q.length + 2);
            p[q.length] = "--interval";
            p[q.length + 1] = "0";
            assertThrows(UserError.class, () -> quick(q), "quick takes " + String.join(" ", q));
            Cli.Run a = Cli.run(q), b = Cli.run(p);
            assertEquals(b.rc(), a.rc(), String.join(" ", q));
            assertEquals(b.err(), a.err(), String.join(" ", q));
            assertEquals("", a.out());
        }
    }
}
