package nscope.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void oneEntryInOneDirectoryAndNothingElse() throws ActionException {
        Names.check("nscope-test-a.b_c", "a name");
        Names.check("é", "a name");
        for (String bad : new String[] {"", ".", "..", "a/b", "/", "x\ny", "\u001b[2J", "a\u0085b", "x".repeat(256)}) {
            ActionException e = assertThrows(ActionException.class, () -> Names.check(bad, "a cgroup name"), bad);
            assertTrue(e.getMessage().startsWith("a cgroup name "), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "no control byte in: " + e.getMessage());
        }
    }

    @Test
    void cgroupPathsAreSplitIntoCheckedNames() throws ActionException {
        assertEquals(List.of("a", "b"), CgroupWrites.components("/a/b", false));
        assertEquals(List.of(), CgroupWrites.components("/", true));
        for (String bad : new String[] {"/", "a/b", "/a//b", "/a/../b", "/a/", ""})
            assertThrows(ActionException.class, () -> CgroupWrites.components(bad, false), bad);
    }
}
