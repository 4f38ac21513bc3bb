package nscope.probes.lens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nscope.kernel.Errno;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.parse.CgroupText;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;
import nscope.probes.parse.PidName;
import nscope.probes.parse.StatLine;
import nscope.probes.parse.StatusFields;
import nscope.probes.read.Failures;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown.Reason;
import nscope.probes.source.FixtureFiles;
import nscope.probes.source.Host;
import nscope.probes.source.TaskFiles;

/**
 * The lens's reads of single files through a host's files and roots: one task's stat, status, links
 * and cgroup file, any small text. What fails becomes a readout with the reason; a file a recording
 * does not hold says so ("not available for a recording"), as the lens reads on demand what a scan
 * never reads.
 */
final class Reads {
    static final String RECORDING = TaskLens.RECORDING;

    /** One task as read: its stat (always), its status and links (or why not). */
    record Seen(
            int tid,
            int tgid,
            Path dir,
            StatLine stat,
            Readout<StatusFields> status,
            Readout<String> statusText,
            Map<NsLink, Readout<NsId>> ns) {
        Readout<NsId> link(NsLink l) {
            return ns.get(l);
        }

        /** NSpid, or why not. */
        Readout<List<Integer>> nsPid() {
            if (!status.known()) return Readout.unknown(status.why());
            List<Integer> l = status.get().nsPid();
            return l != null
                    ? Readout.of(l)
                    : Readout.unknown(Reason.NOT_PROVIDED, dir.resolve("status") + " has no NSpid line");
        }
    }

    private final Host host;
    /** nsfs device by inode: every namespace is stat'ed once per lens, not once per link. */
    private final Map<Long, Long> devByIno = new java.util.HashMap<>();

    Reads(Host host) {
        this.host = host;
    }

    Host host() {
        return host;
    }

    Path proc() {
        return host.roots().proc();
    }

    /** /proc/TGID/task/TID: a recording holds every task there, and the live host serves it for any task. */
    Path taskDir(int tgid, int tid) {
        return proc().resolve(Integer.toString(tgid)).resolve("task").resolve(Integer.toString(tid));
    }

    /** A failed read as a readout: a file the recording lacks is "not available for a recording". */
    <T> Readout<T> failed(Path p, IOException e) {
        if (e instanceof FixtureFiles.NotRecorded)
            return Readout.unknown(
                    Reason.NOT_PROVIDED,
                    RECORDING + ": a capture records what a scan reads, and the lens reads " + p + " on demand");
        return Failures.readout(p, e);
    }

    Readout<String> text(Path p) {
        try {
            return Readout.of(new String(host.files().read(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed(p, e);
        }
    }

    /** The thread group a TID belongs to (its status's Tgid; in a recording, the directory that holds it). */
    Readout<Integer> tgidOf(int tid) {
        Path status = proc().resolve(Integer.toString(tid)).resolve("status");
        try {
            Integer tgid = StatusFields.parse(host.files().read(status)).tgid();
            if (tgid != null) return Readout.of(tgid);
            return Readout.unknown(Reason.MALFORMED, status + " has no Tgid line");
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, status + ": " + m.getMessage());
        } catch (IOException e) {
            if (!(e instanceof FixtureFiles.NotRecorded)) return gone(tid, status, e);
        }
        // a recording keeps a thread only under its process: look for it there
        try {
            for (String n : host.files().list(proc())) {
                int pid = PidName.parse(n);
                if (pid > 0 && host.files().exists(taskDir(pid, tid).resolve("stat"))) return Readout.of(pid);
            }
        } catch (IOException e) {
            return failed(proc(), e);
        }
        return Readout.unknown(Reason.EXITING, "no task " + tid + " in this recording");
    }

    private <T> Readout<T> gone(int tid, Path p, IOException e) {
        if (Errno.of(e).meansVanished())
            return Readout.unknown(Reason.EXITING, "no task " + tid + ": it has exited, or never was");
        return failed(p, e);
    }

    /**
     * One task: stat, status and every link in one batch (the host's readTask: one directory handle live);
     * a task whose stat cannot be read is gone.
     */
    Readout<Seen> task(int tgid, int tid) {
        Path dir = taskDir(tgid, tid);
        TaskFiles f = host.files().readTask(dir, LINK_NAMES);
        if (f.statError() != null) return gone(tid, dir.resolve("stat"), f.statError());
        StatLine stat;
        try {
            stat = StatLine.parse(f.stat(), f.statLength());
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, dir.resolve("stat") + ": " + m.getMessage());
        }
        Readout<String> text = f.statusError() != null
                ? failed(dir.resolve("status"), f.statusError())
                : Readout.of(new String(f.status(), 0, f.statusLength(), StandardCharsets.UTF_8));
        Readout<StatusFields> status;
        try {
            status = text.known()
                    ? Readout.of(StatusFields.parse(f.status(), f.statusLength()))
                    : Readout.unknown(text.why());
        } catch (Malformed m) {
            status = Readout.unknown(Reason.MALFORMED, dir.resolve("status") + ": " + m.getMessage());
        }
        Map<NsLink, Readout<NsId>> ns = new EnumMap<>(NsLink.class);
        for (int i = 0; i < LINKS.length; i++) {
            Path p = dir.resolve("ns").resolve(LINK_NAMES[i]);
            IOException e = f.statusError() != null ? f.statusError() : f.linkError(i);
            ns.put(LINKS[i], f.link(i) != null ? parse(p, LINKS[i], f.link(i)) : failedLink(p, stat.state(), e));
        }
        return Readout.of(new Seen(tid, tgid, dir, stat, status, text, ns));
    }

    private static final NsLink[] LINKS = NsLink.values();
    private static final String[] LINK_NAMES =
            java.util.Arrays.stream(LINKS).map(NsLink::fileName).toArray(String[]::new);

    /** The namespace a link's text names, with its device (one stat per namespace, kept for the lens's reads). */
    private Readout<NsId> parse(Path p, NsLink l, String text) {
        try {
            NsLinkText t = NsLinkText.parse(text);
            if (t.kind() != l.kind())
                return Readout.unknown(
                        Reason.MALFORMED, p + " points to a " + t.kind().label() + " namespace");
            Long dev = devByIno.get(t.inode());
            if (dev == null) {
                dev = host.files().nsDevIno(p, t.inode())[0];
                devByIno.put(t.inode(), dev);
            }
            return Readout.of(new NsId(dev, t.inode()));
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, p + ": " + m.getMessage());
        } catch (IOException e) {
            return failed(p, e);
        }
    }

    private Readout<NsId> failedLink(Path p, char state, IOException e) {
        if (e == null) return Readout.unknown(Reason.IO_ERROR, p + ": not read");
        if (Errno.of(e).meansVanished() && (state == 'Z' || state == 'X') && !(e instanceof FixtureFiles.NotRecorded))
            return Readout.unknown(Reason.EXITING, "zombie: the kernel released its namespaces");
        return failed(p, e);
    }

    /** A task's own /proc/TGID/task/TID/cgroup (a thread's may differ from its leader's in v1). */
    Readout<List<CgroupLine>> cgroups(Path taskDir) {
        Path p = taskDir.resolve("cgroup");
        Readout<String> t = text(p);
        if (!t.known()) return Readout.unknown(t.why());
        try {
            return Readout.of(CgroupText.procLines(t.get()));
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, p + ": " + m.getMessage());
        }
    }
}
