package nscope.probes.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nscope.probes.parse.PidName;

/** A source of kernel files: its roots, how to read them, and a label for output. */
public record Host(KernelRoots roots, HostFiles files, String label) {

    /** The running host. The only place that names /proc, /sys and /etc. */
    public static Host live() {
        return new Host(
                new KernelRoots(Path.of("/proc"), Path.of("/sys"), Path.of("/etc")),
                new LiveFiles(true, nscope.kernel.GroupRead.shared()),
                "live");
    }

    /**
     * The running host, read through direct kernel calls where they load
     * (faster per task; costs ~0.2 s once to bind libc), else as {@link #live()}.
     */
    public static Host liveNative() {
        Host plain = live();
        try {
            return new Host(plain.roots(), new NativeFiles(nscope.kernel.Kernel.shared()), plain.label());
        } catch (nscope.kernel.KernelException e) {
            return plain;
        }
    }

    /**
     * The running host for a view that scans it again and again: as
     * {@link #liveNative()}, and the descriptors of the files every scan
     * reads again (cgroup files and directories, /proc/PID/cgroup) stay open
     * between scans (see NativeFiles). Its owner lets them go with
     * {@link #release()} when it stops scanning.
     */
    public static Host liveRefreshed() {
        Host plain = live();
        try {
            return new Host(plain.roots(), new NativeFiles(nscope.kernel.Kernel.shared(), true), plain.label());
        } catch (nscope.kernel.KernelException e) {
            return plain;
        }
    }

    /** Closes what a {@link #liveRefreshed()} host keeps open; the host still works, opening files as it goes. */
    public void release() {
        if (files instanceof NativeFiles n) n.closeKept();
    }

    /** A directory laid out like a host: a captured fixture, or e.g. a mounted image. */
    public static Host under(Path dir) throws IOException {
        return with(KernelRoots.under(dir), dir);
    }

    /** Explicit roots (e.g. --proc-root/--sys-root). */
    public static Host with(KernelRoots roots, Path fixtureDir) throws IOException {
        Path proc = roots.proc();
        if (!Files.isDirectory(proc)) throw new IOException("proc root " + proc + " is not a directory");
        try (var entries = Files.list(proc)) {
            if (entries.noneMatch(p -> PidName.parse(p.getFileName().toString()) > 0))
                throw new IOException("proc root " + proc + " holds no process directories (is it a proc tree?)");
        }
        HostFiles files = fixtureDir != null && FixtureFiles.isFixture(fixtureDir)
                ? new FixtureFiles(fixtureDir)
                : new LiveFiles();
        return new Host(roots, files, fixtureDir != null ? fixtureDir.toString() : proc.toString());
    }
}
