package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DescriptorTurnsTest {
    private static final List<Integer> ALL = List.of(1, 2, 3, 4);
    private static final Set<Integer> LISTED = Set.of(1, 2, 3, 4);

    @Test
    void theSliceEverySecondTimeTheUrgentAlways() {
        DescriptorTurns t = new DescriptorTurns();
        // 1 new (urgent), 2 and 3 in the slice: the slice's first visit leaves them out
        assertEquals(List.of(1), t.now(ALL, Set.of(1, 2, 3), Set.of(1), LISTED));
        assertEquals(List.of(2, 3), t.now(ALL, Set.of(2, 3), Set.of(), LISTED), "their second visit reads them");
        assertEquals(List.of(), t.now(ALL, Set.of(2, 3), Set.of(), LISTED), "and the third leaves them out again");
        assertEquals(List.of(1, 2), t.now(ALL, Set.of(1, 2), Set.of(1), LISTED));
        // pinned (urgent) every time, whatever its turn
        assertEquals(List.of(4), t.now(ALL, Set.of(4), Set.of(4), LISTED));
        assertEquals(List.of(4), t.now(ALL, Set.of(4), Set.of(4), LISTED));
        assertEquals(List.of(), t.now(ALL, Set.of(4), Set.of(), LISTED), "a slice visit after it starts a new turn");
    }

    @Test
    void aProcessGoneIsForgotten() {
        DescriptorTurns t = new DescriptorTurns();
        assertEquals(List.of(), t.now(ALL, Set.of(3), Set.of(), LISTED));
        // 3 vanished and its PID came back: read whole as new, or as a slice member starting a fresh turn
        t.now(List.of(1, 2, 4), Set.of(), Set.of(), Set.of(1, 2, 4));
        assertEquals(List.of(), t.now(ALL, Set.of(3), Set.of(), LISTED), "no turn carried from the one that went");
    }
}
