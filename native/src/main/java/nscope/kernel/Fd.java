package nscope.kernel;

/** An open file descriptor, closed exactly once. It knows what it was opened on, for error messages. */
public final class Fd implements AutoCloseable {
    private final Kernel kernel;
    private final int number;
    private final String what;
    private boolean closed;

    Fd(Kernel kernel, int number) {
        this(kernel, number, "fd " + number);
    }

    Fd(Kernel kernel, int number, String what) {
        this.kernel = kernel;
        this.number = number;
        this.what = what;
    }

    public int number() {
        if (closed) throw new IllegalStateException(what + " (fd " + number + ") is closed");
        return number;
    }

    /** What this descriptor was opened on, e.g. "/proc/42/ns/net" or "pidfd of 42". */
    public String what() {
        return what;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            kernel.libc().close(number);
        }
    }

    @Override
    public String toString() {
        return what;
    }
}
