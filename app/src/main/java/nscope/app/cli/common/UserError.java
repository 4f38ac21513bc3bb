package nscope.app.cli.common;

/** A mistake in what the user asked for (bad root, missing PID): one line, non-zero exit. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** libc bound for a command, or this error: "WHAT: cannot bind the C library: ..." with the exit code given. */
    public static nscope.kernel.Kernel kernel(String what, int exitCode) {
        try {
            return nscope.kernel.Kernel.shared();
        } catch (nscope.kernel.KernelException e) {
            throw new UserError(what + ": cannot bind the C library: " + e.getMessage(), exitCode);
        }
    }
}
