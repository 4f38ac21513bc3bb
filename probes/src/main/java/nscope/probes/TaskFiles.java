package nscope.probes;

import java.io.IOException;

/**
 * What a scan reads from one task directory: stat, status and the ns links,
 * each with the error that stopped it, if any. Read as one batch so a
 * native reader can resolve everything relative to one directory handle.
 */
public final class TaskFiles {
    byte[] stat;
    IOException statError;
    byte[] status;
    IOException statusError;
    final String[] links;
    final IOException[] linkErrors;

    TaskFiles(int nlinks) {
        links = new String[nlinks];
        linkErrors = new IOException[nlinks];
    }
}
