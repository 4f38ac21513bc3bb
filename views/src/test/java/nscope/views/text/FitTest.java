package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text fitted to its room: whole units and words, never half a value. */
class FitTest {
    @Test
    void unitsAreKeptWholeAndWhatIsLeftOutIsSaid() {
        List<String> u = List.of("pid 7", "user 1", "mnt 8", "net 6");
        assertEquals("pid 7 user 1 mnt 8 net 6", Fit.units(u, " ", 24));
        assertEquals("pid 7 user 1 mnt 8 ...", Fit.units(u, " ", 23));
        assertEquals("pid 7 user 1 ...", Fit.units(u, " ", 21));
        assertEquals("pid 7", Fit.units(List.of("pid 7"), " ", 5));
        assertEquals("a-very-lo~", Fit.units(List.of("a-very-long-hostname", "x"), " ", 10));
    }

    @Test
    void wrapBreaksAtSpacesAndKeepsRunsOfSpacesInsideALine() {
        assertEquals(List.of("one  two", "three"), Fit.wrap("one  two  three", 10, 5));
        assertEquals(List.of(""), Fit.wrap("", 10, 5));
        for (String l : Fit.wrap("the kernel refused the namespaces of 11 tasks (shown as unknown)", 20, 9))
            assertTrue(l.length() <= 20 && !l.startsWith(" "), l);
    }

    @Test
    void aPathLongerThanALineStartsWhereItIsAndBreaksAfterASlash() {
        assertEquals(
                List.of("cgroup memory:/system.slice/", "docker-0123456789abcdef.scope"),
                Fit.wrap("cgroup memory:/system.slice/docker-0123456789abcdef.scope", 30, 5));
        assertEquals(List.of("4026531836", "4026"), Fit.wrap("40265318364026", 10, 5), "no break inside: at the end");
    }

    @Test
    void tooManyLinesEndInMoreAtAWordsEnd() {
        List<String> l = Fit.wrap("aaa bbb ccc ddd eee fff", 8, 2);
        assertEquals(List.of("aaa bbb", "ccc ..."), l);
    }
}
