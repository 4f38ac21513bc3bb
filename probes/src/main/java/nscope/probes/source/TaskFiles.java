package nscope.probes.source;

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

    /** stat's bytes (valid up to {@link #statLength()}); null when it could not be read. */
    public byte[] stat() {
        return stat;
    }

    public int statLength() {
        return statLength;
    }

    /** Why stat could not be read; null when it was. */
    public IOException statError() {
        return statError;
    }

    /** status's bytes (valid up to {@link #statusLength()}); null when it could not be read. */
    public byte[] status() {
        return status;
    }

    public int statusLength() {
        return statusLength;
    }

    /** Why status could not be read; null when it was (or stat failed first). */
    public IOException statusError() {
        return statusError;
    }

    /** The text of the i-th namespace link asked for; null when it could not be read. */
    public String link(int i) {
        return links[i];
    }

    /** Why the i-th link could not be read; null when it was. */
    public IOException linkError(int i) {
        return linkErrors[i];
    }
}
