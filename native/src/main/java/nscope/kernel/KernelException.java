package nscope.kernel;

import java.io.IOException;

/** A failed kernel call: which call, on what, and the errno, in words. */
public class KernelException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public KernelException(String call, String target, Errno errno) {
        super(call + " " + target + ": " + errno.sentence() + " (" + errno.name() + ")");
        this.errno = errno;
    }

    /** With what this errno means for this call, where the general sentence says too little. */
    public KernelException(String call, String target, Errno errno, String meaning) {
        super(call + " " + target + ": " + errno.sentence() + " (" + errno.name() + "): " + meaning);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
