package nscope.probes.parse;

/** Unsigned 64-bit decimal accumulation, digit by digit, with overflow detected. */
final class Decimal {
    private Decimal() {}

    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10); // 1844674407370955161
    private static final int MAX_LAST = (int) Long.remainderUnsigned(-1L, 10); // 5

    /** v * 10 + d as an unsigned value; throws ArithmeticException past 2^64 - 1. */
    static long append(long v, int d) {
        int c = Long.compareUnsigned(v, MAX_DIV_10);
        if (c > 0 || (c == 0 && d > MAX_LAST)) throw new ArithmeticException("above 2^64 - 1");
        return v * 10 + d;
    }
}
