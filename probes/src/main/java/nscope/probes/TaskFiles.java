package nscope.probes;

import java.io.IOException;

/**
 * What a scan reads from one task directory: stat, status and the ns links,
 * each with the error that stopped it, if any. Read as one batch so a
 * native reader can resolve everything relative to one directory handle.
 */
public final class TaskFiles {
    /** The bytes read; a native reader lends its per-thread buffer, valid until its next readTask. */
    byte[] stat;
    int statLength;
    IOException statError;
    byte[] status;
    int statusLength;
    IOException statusError;
    final String[] links;
    final IOException[] linkErrors;

    TaskFiles(int nlinks) {
        links = new String[nlinks];
        linkErrors = new IOException[nlinks];
    }
}
