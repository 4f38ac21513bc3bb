package nscope.kernel;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * capget(2)/capset(2) for the calling thread, for a test that needs a
 * thread without a capability. Capabilities are per thread: dropping one
 * here changes no other thread. Only for threads thrown away afterwards.
 */
final class Caps {
    private Caps() {}

    static final int CAP_SYS_ADMIN = 21;
    private static final int VERSION_3 = 0x20080522;

    public interface CapLib {
        @SaveError
        int capget(int[] header, int[] data);

        @SaveError
        int capset(int[] header, int[] data);
    }

    private static final CapLib LIB = LibraryLoader.create(CapLib.class).load("c");

    /** data: two {effective, permitted, inheritable} words, capabilities 0-31 then 32-63. */
    private static int[] get() {
        int[] data = new int[6];
        if (LIB.capget(new int[] {VERSION_3, 0}, data) != 0) throw new IllegalStateException("capget failed");
        return data;
    }

    static boolean effective(int cap) {
        return (get()[cap / 32 * 3] & (1 << (cap % 32))) != 0;
    }

    static void dropEffective(int cap) {
        int[] data = get();
        data[cap / 32 * 3] &= ~(1 << (cap % 32));
        if (LIB.capset(new int[] {VERSION_3, 0}, data) != 0) throw new IllegalStateException("capset failed");
        if (effective(cap)) throw new IllegalStateException("capability " + cap + " still effective");
    }
}
