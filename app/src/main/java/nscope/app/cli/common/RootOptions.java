package nscope.app.cli.common;

import java.io.IOException;
import java.nio.file.Path;
import nscope.probes.source.Host;
import nscope.probes.source.KernelRoots;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where to read the kernel's files: the live host, or a recorded tree. */
public final class RootOptions {
    @Option(
            names = "--root",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Read DIR/proc, DIR/sys and DIR/etc (a fixture made by 'nscope capture') instead of the live host.")
    Path root;

    @Option(
            names = "--proc-root",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Read this directory as /proc.")
    Path procRoot;

    @Option(
            names = "--sys-root",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Read this directory as /sys.")
    Path sysRoot;

    @Option(
            names = "--replay",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "Read the host from a recording (nscope record) instead: as it was --at TIME.")
    Path replay;

    @Option(
            names = "--at",
            scope = ScopeType.INHERIT,
            paramLabel = "TIME",
            description = "With --replay: the recording host's local HH:MM:SS[.fff], an ISO date-time or +SECONDS"
                    + " from the start; the last entry at or before it (default: the last entry).")
    String at;

    private nscope.probes.model.Snapshot replayed;

    /** --at TIME, or null. */
    public String at() {
        return at;
    }

    /** The recording named by --replay, or null. */
    public Path replayFile() {
        return replay;
    }

    /** The host at --at in the recording; null without --replay. */
    public nscope.probes.model.Snapshot replayed() {
        if (replay == null) {
            if (at != null) throw new UserError("--at needs --replay FILE", 2);
            return null;
        }
        if (root != null || procRoot != null || sysRoot != null)
            throw new UserError("--replay and --root read two different hosts: give one", 2);
        if (replayed == null) {
            nscope.app.journal.JournalReader r = Replay.open(replay);
            replayed = Replay.at(r, Replay.entryAt(r, at));
        }
        return replayed;
    }

    /** The recorded host with --replay, else what {@code scan} reads. */
    public nscope.probes.model.Snapshot snapshot(java.util.function.Supplier<nscope.probes.model.Snapshot> scan) {
        nscope.probes.model.Snapshot s = replayed();
        return s != null ? s : scan.get();
    }

    public Host host() {
        return host(false);
    }

    /** True when no root was given: the live host. */
    public boolean live() {
        return replay == null && root == null && procRoot == null && sysRoot == null;
    }

    /**
     * The host to read. {@code everyTask}: the scan reads every thread, so on
     * the live host bind libc for the faster per-task reads (worth its ~0.2 s
     * load only then).
     */
    public Host host(boolean everyTask) {
        if (root == null && procRoot == null && sysRoot == null) return everyTask ? Host.liveNative() : Host.live();
        Path base = root != null ? root : Path.of("/");
        KernelRoots r = KernelRoots.under(base);
        if (procRoot != null || sysRoot != null) {
            r = new KernelRoots(procRoot != null ? procRoot : r.proc(), sysRoot != null ? sysRoot : r.sys(), r.etc());
        }
        try {
            return Host.with(r, root);
        } catch (IOException e) {
            throw new UserError("bad root: " + e.getMessage());
        }
    }
}
