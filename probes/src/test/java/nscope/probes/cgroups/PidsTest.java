package nscope.probes.cgroups;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PidsTest {
    @Test
    void isTheListOfItsIds() {
        int[] backing = {5, 3, 9, 0};
        Pids p = Pids.of(backing, 3);
        backing[0] = 99; // copied: what the parser's buffer does later is not seen
        assertEquals(List.of(5, 3, 9), p);
        assertEquals(p, List.of(5, 3, 9));
        assertEquals(List.of(5, 3, 9).hashCode(), p.hashCode());
        assertEquals(9, p.at(2));
        assertThrows(IndexOutOfBoundsException.class, () -> p.at(3));
        assertThrows(UnsupportedOperationException.class, () -> p.add(1));
        assertEquals(List.of(), Pids.of(backing, 0));
    }

    @Test
    void intsOfAnyListAreACopy() {
        Pids p = Pids.of(new int[] {4, 2}, 2);
        int[] a = Pids.ints(p);
        a[0] = 7;
        assertEquals(List.of(4, 2), p);
        assertArrayEquals(new int[] {1, 2, 3}, Pids.ints(new ArrayList<>(List.of(1, 2, 3))));
        assertArrayEquals(new int[0], Pids.ints(List.of()));
    }

    @Test
    void idReadsAnyListUnboxed() {
        assertEquals(2, Pids.id(Pids.of(new int[] {4, 2}, 2), 1));
        assertEquals(3, Pids.id(new ArrayList<>(List.of(1, 2, 3)), 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Pids.id(Pids.of(new int[] {4}, 1), 1));
    }
}
