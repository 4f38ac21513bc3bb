package nscope.kernel;

/**
 * A read inside other namespaces did not give a result: the read threw
 * (the cause is what it threw), it ran past the timeout (cause
 * TimeoutException) or the caller was interrupted (cause InterruptedException).
 * A failed setns is a KernelException instead.
 */
public class HopException extends Exception {
    private static final long serialVersionUID = 1L;

    public HopException(String message, Throwable cause) {
        super(message, cause);
    }
}
