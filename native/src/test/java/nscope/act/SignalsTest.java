package nscope.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void namesNumbersAndTheirSpellings() {
        assertEquals(15, Signals.parse("TERM"));
        assertEquals(15, Signals.parse("sigterm"));
        assertEquals(9, Signals.parse(" KILL "));
        assertEquals(19, Signals.parse("STOP"));
        assertEquals(64, Signals.parse("64"));
        assertEquals("HUP", Signals.name(1));
        assertEquals("33", Signals.name(33));
    }

    @Test
    void anythingElseIsRefusedWithTheNamesOffered() {
        for (String bad : new String[] {"", "0", "65", "-9", "TERM;rm", "9999999999", "SIG"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.parse(bad), bad);
            assertTrue(e.getMessage().contains("one of TERM, KILL"), e.getMessage());
        }
        String m = assertThrows(IllegalArgumentException.class, () -> Signals.parse("X\u001b]0;t\u0007"))
                .getMessage();
        assertTrue(!m.contains("\u001b") && !m.contains("\u0007"), "no control byte in the message: " + m);
    }
}
