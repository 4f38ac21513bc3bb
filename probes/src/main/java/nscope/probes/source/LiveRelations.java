package nscope.probes.source;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nscope.kernel.DevIno;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NsHandle;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * Relations read live: each namespace is opened once through one of its
 * paths; a parent or owner that no path leads to (no process is in it) is
 * reached through the handle the ioctl returned, and becomes a node.
 */
final class LiveRelations implements RelationReader {
    private final Kernel kernel;

    LiveRelations(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A reader on the JVM's libc binding; without libc every relation is unknown, with why. */
    static RelationReader shared() {
        try {
            return new LiveRelations(Kernel.shared());
        } catch (KernelException e) {
            return starts -> {
                Map<NsId, Readout<NsRelations>> out = new TreeMap<>();
                for (NsId id : starts.keySet()) out.put(id, Readout.unknown(Unknown.Reason.IO_ERROR, e.getMessage()));
                return new Result(out, Map.of());
            };
        }
    }

    @Override
    public Result walk(Map<NsId, Start> starts) {
        Map<NsId, Readout<NsRelations>> out = new TreeMap<>();
        Map<NsId, NsKind> found = new TreeMap<>();
        List<NsHandle> open = new ArrayList<>();
        Deque<Map.Entry<NsId, NsHandle>> todo = new ArrayDeque<>();
        try {
            for (Map.Entry<NsId, Start> e : starts.entrySet()) {
                Readout<NsHandle> h = openAny(e.getValue().via());
                if (!h.known()) {
                    out.put(e.getKey(), Readout.unknown(h.why()));
                    continue;
                }
                open.add(h.get());
                todo.add(Map.entry(e.getKey(), h.get()));
            }
            while (!todo.isEmpty()) {
                Map.Entry<NsId, NsHandle> next = todo.poll();
                out.put(next.getKey(), relate(next.getValue(), starts, out, found, open, todo));
            }
        } finally {
            for (NsHandle h : open) h.close();
        }
        return new Result(out, found);
    }

    /** One namespace's relations; new parents and owners join the walk. */
    private Readout<NsRelations> relate(
            NsHandle h,
            Map<NsId, Start> starts,
            Map<NsId, Readout<NsRelations>> out,
            Map<NsId, NsKind> found,
            List<NsHandle> open,
            Deque<Map.Entry<NsId, NsHandle>> todo) {
        try {
            NsId parent = h.type().hierarchical() ? follow(h.parent(), starts, out, found, open, todo) : null;
            NsId owner = follow(h.ownerUserNs(), starts, out, found, open, todo);
            Long uid = h.type() == nscope.kernel.NsType.USER ? h.ownerUid() : null;
            return Readout.of(new NsRelations(parent, owner, uid));
        } catch (KernelException e) {
            Unknown.Reason r = e.errno().meansPermission() ? Unknown.Reason.PERMISSION : Unknown.Reason.IO_ERROR;
            return Readout.unknown(r, e.getMessage());
        }
    }

    private NsId follow(
            Optional<NsHandle> rel,
            Map<NsId, Start> starts,
            Map<NsId, Readout<NsRelations>> out,
            Map<NsId, NsKind> found,
            List<NsHandle> open,
            Deque<Map.Entry<NsId, NsHandle>> todo)
            throws KernelException {
        if (rel.isEmpty()) return null;
        NsHandle h = rel.get();
        DevIno di;
        try {
            di = h.devIno();
        } catch (KernelException e) {
            h.close();
            throw e;
        }
        NsId id = new NsId(di.dev(), di.ino());
        boolean known = starts.containsKey(id)
                || found.containsKey(id)
                || out.containsKey(id)
                || todo.stream().anyMatch(t -> t.getKey().equals(id));
        if (known) {
            h.close();
        } else {
            found.put(id, NsKind.parse(h.type().link()));
            open.add(h);
            todo.add(Map.entry(id, h));
        }
        return id;
    }

    /** The first path that opens; a vanished task's link just means "try the next". */
    private Readout<NsHandle> openAny(List<Path> via) {
        KernelException last = null;
        for (Path p : via) {
            try {
                return Readout.of(NsHandle.open(kernel, p.toString()));
            } catch (KernelException e) {
                last = e;
            }
        }
        if (last == null) return Readout.unknown(Unknown.Reason.IO_ERROR, "no path leads to it");
        Unknown.Reason r = last.errno().meansPermission()
                ? Unknown.Reason.PERMISSION
                : last.errno().meansVanished() ? Unknown.Reason.EXITING : Unknown.Reason.IO_ERROR;
        return Readout.unknown(r, last.getMessage());
    }
}
