package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    private static void same(double v, int places) {
        assertEquals(
                String.format(Locale.ROOT, "%." + places + "f", v), Decimals.fixed(v, places), v + " with " + places);
    }

    @Test
    void writesWhatTheFormatterWrites() {
        double[] edges = {
            0,
            -0.0,
            0.125,
            1.005,
            2.675,
            0.5,
            1.5,
            2.5,
            9.95,
            9.995,
            99.995,
            999.9999,
            0.9999,
            1e-5,
            1e-3,
            1e7,
            1.2345e8,
            123456789.125,
            1e300,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -1.5,
            -0.001,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            10.00,
            0.07,
            100
        };
        for (double v : edges) for (int p = 0; p <= 4; p++) same(v, p);
    }

    @Test
    void writesWhatTheFormatterWritesForRandomValues() {
        Random r = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextInt(100_000) / 100.0; // a pressure or a percent as the kernel writes it
                case 1 -> r.nextDouble() * 1024; // a size in some unit
                case 2 -> r.nextInt(1_000_000) / 1000.0 + 0.0005; // a tie in the third decimal
                default -> Double.longBitsToDouble(r.nextLong()); // any double, NaN and negatives too
            };
            same(v, i % 4);
        }
    }

    @Test
    void refusesAnImpossibleCount() {
        assertThrows(IllegalArgumentException.class, () -> Decimals.fixed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Decimals.fixed(1, 16));
    }
}
