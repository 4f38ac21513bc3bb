package nscope.kernel;

/**
 * A terminal's size from the kernel (TIOCGWINSZ) through libnscope-read, which a start loads in a millisecond:
 * the screen's start then needs neither libc bound by jnr-ffi nor Lanterna's way, a cursor report the terminal
 * answers (a round trip over SSH, and a reply that lands in a session's input if it comes late); the sessions it
 * relays follow the window by it too.
 */
public final class WindowSize {
    private WindowSize() {}

    private static native long query(int fd);

    /** {columns, rows} of the terminal on fd; null when it is none, or libnscope-read is not there. */
    public static int[] of(int fd) {
        if (GroupRead.shared() == null) return null;
        long v = query(fd);
        if (v < 0) return null;
        int rows = (int) (v >>> 16) & 0xffff, cols = (int) v & 0xffff;
        return new int[] {cols, rows};
    }
}
