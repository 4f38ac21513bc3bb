package nscope.probes.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.kernel.Errno;
import nscope.probes.model.Holder;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.ScanProblem;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;
import nscope.probes.parse.PidName;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import nscope.probes.source.HostFiles;

/**
 * Namespaces held open by a file descriptor, one process's table at a time
 * (the fd holders phase reads every process's). A process can keep a
 * namespace alive with no task in it by holding its nsfs file open (as
 * `exec 3</proc/PID/ns/net` does); /proc/PID/fd/N then reads "net:[INODE]".
 */
public final class FdHolders {
    /** One nsfs descriptor: the namespace, its type and who holds it. */
    public record Found(NsKind kind, NsId id, Holder.Fd holder) {}

    /** What one process's descriptor table gave. */
    public record Group(List<Found> found, List<ScanProblem> problems) {}

    private final Host host;
    private final TaskReader ids;

    public FdHolders(Host host, TaskReader ids) {
        this.host = host;
        this.ids = ids;
    }

    public Group scan(int pid) {
        Path dir = host.roots().proc().resolve(Integer.toString(pid)).resolve("fd");
        List<Found> found = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        try {
            host.files().eachAnonLink(dir, new HostFiles.LinkVisitor() {
                @Override
                public void link(String name, String text) {
                    int fd = PidName.parse(name);
                    if (fd >= 0 && looksLikeNs(text)) take(pid, fd, dir.resolve(name), text, found, problems);
                }

                @Override
                public boolean failed(String name, IOException e) {
                    Errno errno = Errno.of(e);
                    if (errno.meansVanished() || PidName.parse(name) < 0) return true;
                    problems.add(Failures.problem(errno.meansPermission() ? dir : dir.resolve(name), e));
                    return !errno.meansPermission(); // the whole table is refused: say it once
                }
            });
        } catch (IOException e) {
            Errno errno = Errno.of(e);
            // a vanished process has no descriptors; a refused table is an unknown, said once
            if (!errno.meansVanished()) problems.add(Failures.problem(dir, e));
        }
        return new Group(found, problems);
    }

    /** One descriptor whose link reads like a namespace's. */
    private void take(int pid, int fd, Path link, String text, List<Found> found, List<ScanProblem> problems) {
        NsLinkText parsed;
        try {
            parsed = NsLinkText.parse(text);
        } catch (Malformed m) {
            return; // e.g. "pipe:[123]": another anonymous inode, not a namespace
        }
        Readout<NsId> id = ids.identify(parsed.inode(), link, text);
        if (id.known()) found.add(new Found(parsed.kind(), id.get(), new Holder.Fd(pid, fd)));
        else if (id.why().reason() != Unknown.Reason.EXITING) problems.add(new ScanProblem(link.toString(), id.why()));
    }

    /** Cheap test before parsing: descriptors to files start with '/', sockets and pipes have other prefixes. */
    private static boolean looksLikeNs(String text) {
        int colon = text.indexOf(':');
        return colon > 1 && colon < 7 && text.startsWith(":[", colon) && NsKind.parse(text.substring(0, colon)) != null;
    }
}
