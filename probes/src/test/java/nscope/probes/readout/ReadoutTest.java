package nscope.probes.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import nscope.probes.readout.Unknown.Reason;
import org.junit.jupiter.api.Test;

class ReadoutTest {
    @Test
    void knownValue() {
        Readout<Integer> r = Readout.of(42);
        assertTrue(r.known());
        assertEquals(42, r.get());
        assertEquals(42, r.orNull());
        assertNull(r.why());
        assertEquals("42", r.toString());
    }

    @Test
    void ofRefusesNull() {
        assertThrows(NullPointerException.class, () -> Readout.of(null));
        assertThrows(NullPointerException.class, () -> Readout.unknown((Unknown) null));
    }

    @Test
    void unknownValue() {
        Unknown why = new Unknown(Reason.PERMISSION, "/proc/1/ns/net: EACCES");
        Readout<Integer> r = Readout.unknown(why);
        assertFalse(r.known());
        assertSame(why, r.why());
        assertNull(r.orNull());
        assertEquals("unknown (permission)", r.toString());
        assertEquals(Readout.unknown(Reason.PERMISSION, "/proc/1/ns/net: EACCES"), r);
    }

    @Test
    void getOnUnknownThrows() {
        Readout<Integer> r = Readout.unknown(Reason.EXITING, "zombie");
        IllegalStateException e = assertThrows(IllegalStateException.class, r::get);
        assertTrue(e.getMessage().contains("exiting"), e.getMessage());
    }

    @Test
    void mapKnown() {
        assertEquals(Readout.of(5), Readout.of("hello").map(String::length));
    }

    @Test
    void mapUnknownKeepsTheReasonAndDoesNotCall() {
        AtomicInteger calls = new AtomicInteger();
        Readout<String> r = Readout.unknown(Reason.NOT_PROVIDED, "no NSpid");
        Readout<Integer> m = r.map(s -> {
            calls.incrementAndGet();
            return s.length();
        });
        assertFalse(m.known());
        assertEquals(new Unknown(Reason.NOT_PROVIDED, "no NSpid"), m.why());
        assertEquals(0, calls.get());
    }

    @Test
    void equalsAndHashCode() {
        assertEquals(Readout.of("a"), Readout.of("a"));
        assertEquals(Readout.of("a").hashCode(), Readout.of("a").hashCode());
        assertNotEquals(Readout.of("a"), Readout.of("b"));
        Readout<String> u1 = Readout.unknown(Reason.IO_ERROR, "EIO"), u2 = Readout.unknown(Reason.IO_ERROR, "EIO");
        assertEquals(u1, u2);
        assertEquals(u1.hashCode(), u2.hashCode());
        assertNotEquals(u1, Readout.unknown(Reason.IO_ERROR, "ENOMEM"));
        assertNotEquals(u1, Readout.unknown(Reason.MALFORMED, "EIO"));
        assertNotEquals(Readout.of("x"), u1);
        assertNotEquals(Readout.of("x"), "x");
    }

    /** Lists compare by their elements whatever the list's class (the index walk is for random-access lists). */
    @Test
    void listsCompareByElements() {
        var a = Readout.of(java.util.List.of(1, 2, 3));
        assertEquals(a, Readout.of(new java.util.ArrayList<>(java.util.List.of(1, 2, 3))));
        assertEquals(a, Readout.of(new java.util.LinkedList<>(java.util.List.of(1, 2, 3))));
        assertEquals(
                a.hashCode(),
                Readout.of(new java.util.LinkedList<>(java.util.List.of(1, 2, 3)))
                        .hashCode());
        assertNotEquals(a, Readout.of(java.util.List.of(1, 2)));
        assertNotEquals(a, Readout.of(java.util.List.of(1, 2, 4)));
        assertNotEquals(a, Readout.of(java.util.List.of(3, 2, 1)));
        assertNotEquals(Readout.of(java.util.List.of()), Readout.of(java.util.Set.of()));
    }
}
