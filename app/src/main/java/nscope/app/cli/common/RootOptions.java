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

    public Host host() {
        return host(false);
    }

    /** True when no root was given: the live host. */
    public boolean live() {
        return root == null && procRoot == null && sysRoot == null;
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
