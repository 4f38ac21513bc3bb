package nscope.probes.source;

import java.io.IOException;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;

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
    /** Links a reader parsed from their bytes (no text made); links[i] is then null. */
    final NsLinkText[] targets;

    final IOException[] linkErrors;
    /** The process's command line when it was asked for with this task (see HostFiles#readTaskWithCmdline). */
    byte[] cmdline;

    IOException cmdlineError;

    TaskFiles(int nlinks) {
        links = new String[nlinks];
        targets = new NsLinkText[nlinks];
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

    /** The process's command line (its bytes, owned), when it was asked for with this task and read; else null. */
    public byte[] cmdline() {
        return cmdline;
    }

    /** Why the process's command line, asked for with this task, could not be read; null when it was. */
    public IOException cmdlineError() {
        return cmdlineError;
    }

    /** The text of the i-th namespace link asked for; null when it could not be read. */
    public String link(int i) {
        return links[i] != null ? links[i] : targets[i] != null ? targets[i].text() : null;
    }

    /**
     * The i-th link asked for, parsed; null when it could not be read.
     *
     * @throws Malformed when its text is not TYPE:[INODE]
     */
    public NsLinkText target(int i) throws Malformed {
        return targets[i] != null ? targets[i] : links[i] != null ? NsLinkText.parse(links[i]) : null;
    }

    /** Whether the i-th link was read. */
    public boolean linkRead(int i) {
        return links[i] != null || targets[i] != null;
    }

    /** Why the i-th link could not be read; null when it was. */
    public IOException linkError(int i) {
        return linkErrors[i];
    }

    /**
     * The i-th link from the bytes a reader got: parsed at once when its type is known (no text made), else
     * kept as text.
     */
    void link(int i, byte[] buf, int n, nscope.probes.model.NsKind kind) {
        NsLinkText p = kind == null ? null : NsLinkText.parse(buf, n, kind);
        if (p != null) targets[i] = p;
        else links[i] = new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
