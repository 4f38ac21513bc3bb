package nscope.probes.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nscope.kernel.Errno;
import nscope.probes.model.ScanProblem;
import nscope.probes.mounts.Mount;
import nscope.probes.mounts.MountTable;
import nscope.probes.parse.Mountinfo;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.FixtureFiles;
import nscope.probes.source.Host;

/**
 * Reads the mount table of one process, {@code <proc>/PID/mountinfo}
 * (or {@code <proc>/TGID/task/TID/mountinfo} for a thread), through the
 * host's files, so a capture records it and a replay reads it back.
 * Never throws for what the host does: a process that has exited gives
 * an unknown with reason "exiting" (its caller skips it), a refused read
 * "permission"; a malformed line is a problem, and the other lines still
 * make the table; a line kept with parts that could not be read (an
 * overlay's layers, say) is a problem too, and its mount stays in the table.
 */
public final class MountReader {
    /** The table, or why there is none; and what was wrong in it. */
    public record Result(Readout<MountTable> table, List<ScanProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** The process exited before its mountinfo could be read: try another member of its namespace. */
        public boolean vanished() {
            return !table.known() && table.why().reason() == Reason.EXITING;
        }
    }

    private final Host host;

    public MountReader(Host host) {
        this.host = host;
    }

    /** The mount table of a process (tid == tgid) or of a thread. */
    public Result read(int tgid, int tid) {
        Path dir = host.roots().proc().resolve(Integer.toString(tgid));
        if (tid != tgid) dir = dir.resolve("task").resolve(Integer.toString(tid));
        return read(dir.resolve("mountinfo"));
    }

    public Result read(int pid) {
        return read(pid, pid);
    }

    private Result read(Path file) {
        byte[] b;
        try {
            b = host.files().readToEnd(file);
        } catch (IOException e) {
            Unknown why = why(file, e);
            List<ScanProblem> problems =
                    why.reason() == Reason.EXITING ? List.of() : List.of(new ScanProblem(file.toString(), why));
            return new Result(Readout.unknown(why), problems);
        }
        Mountinfo.Lines lines = Mountinfo.parse(b);
        List<ScanProblem> problems = new ArrayList<>();
        for (Mountinfo.BadLine bad : lines.bad())
            problems.add(new ScanProblem(
                    file + ":" + bad.line(),
                    new Unknown(Reason.MALFORMED, bad.why().getMessage())));
        for (Mountinfo.OddLine odd : lines.odd())
            problems.add(new ScanProblem(
                    file + ":" + odd.line(),
                    new Unknown(
                            Reason.MALFORMED, "mount ID " + odd.mount().id() + " kept; " + partsNotRead(odd.mount()))));
        List<Mount> mounts = new ArrayList<>(lines.mounts().size());
        Set<Integer> ids = new HashSet<>();
        for (Mount m : lines.mounts()) {
            if (ids.add(m.id())) mounts.add(m);
            else
                problems.add(new ScanProblem(
                        file.toString(),
                        new Unknown(Reason.MALFORMED, "mount ID " + m.id() + " appears twice; the first is kept")));
        }
        if (mounts.isEmpty() && Liveness.gone(host, file.getParent())) {
            // an exiting process's table can read empty: a race, not a malformed file
            return new Result(Readout.unknown(Reason.EXITING, file + ": read empty, the process exited"), List.of());
        }
        if (mounts.isEmpty()) {
            Unknown why = new Unknown(
                    Reason.MALFORMED, lines.bad().isEmpty() ? file + " is empty" : file + ": no line parsed");
            if (lines.bad().isEmpty()) problems.add(new ScanProblem(file.toString(), why));
            return new Result(Readout.unknown(why), problems);
        }
        return new Result(Readout.of(new MountTable(mounts)), problems);
    }

    /** "layers: overlay: ...; propagation: ..." */
    static String partsNotRead(Mount m) {
        List<String> out = new ArrayList<>();
        m.problems().forEach((part, why) -> out.add(part + ": " + why));
        return String.join("; ", out);
    }

    private static Unknown why(Path file, IOException e) {
        if (e instanceof FixtureFiles.NotRecorded)
            return new Unknown(
                    Reason.NOT_PROVIDED,
                    file + " is not in the fixture (captured before nscope recorded mount tables)");
        Errno errno = Errno.of(e);
        if (errno.meansPermission()) return new Unknown(Reason.PERMISSION, file + ": " + errno.name());
        if (errno.meansVanished()) return new Unknown(Reason.EXITING, file + ": " + errno.name());
        // the kernel says EINVAL when the task has no namespaces left: it is exiting (or a zombie)
        if (errno == Errno.EINVAL) return new Unknown(Reason.EXITING, file + ": EINVAL (the task is exiting)");
        return new Unknown(Reason.IO_ERROR, file + ": " + errno.name() + " " + e.getMessage());
    }
}
