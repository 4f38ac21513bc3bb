package nscope.kernel;

/** An open file descriptor, closed exactly once. */
public final class Fd implements AutoCloseable {
    private final Kernel kernel;
    private final int number;
    private boolean closed;

    Fd(Kernel kernel, int number) {
        this.kernel = kernel;
        this.number = number;
    }

    public int number() {
        if (closed) throw new IllegalStateException("fd " + number + " is closed");
        return number;
    }

    @Override public void close() {
        if (!closed) {
            closed = true;
            kernel.close(number);
        }
    }
}
