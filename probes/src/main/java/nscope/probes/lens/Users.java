package nscope.probes.lens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import nscope.probes.lens.TaskLens.CapSet;
import nscope.probes.lens.TaskLens.UserLevel;
import nscope.probes.model.Ids;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.NsRelations;
import nscope.probes.parse.CapText;
import nscope.probes.parse.FactsText;
import nscope.probes.parse.Malformed;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.probes.readout.Unknown.Reason;

/**
 * A task's user namespaces, from nscope's down to its own (NS_GET_PARENT), each with its maps read
 * from a member's uid_map and gid_map (nscope reads them from its own user namespace, so "outside" is
 * in nscope's ids) and the task's real UID and GID as numbered inside; and its capability sets.
 */
final class Users {
    private Users() {}

    /** One user namespace's uid_map and gid_map. */
    private record Maps(List<NsFacts.IdRange> uid, List<NsFacts.IdRange> gid) {}

    /** The chain, nscope's user namespace first. */
    static Readout<List<UserLevel>> chain(
            Reads reads, Census census, Reads.Seen task, Map<NsId, Readout<NsRelations>> relations) {
        Readout<NsId> own = task.link(NsLink.USER);
        if (!own.known()) return Readout.unknown(own.why());
        if (!task.status().known()) return Readout.unknown(task.status().why());
        List<NsId> up = new ArrayList<>();
        List<Readout<Long>> owners = new ArrayList<>();
        for (NsId at = own.get(); at != null && up.size() < 64; ) {
            up.add(at);
            Readout<NsRelations> r = relations.getOrDefault(
                    at, Readout.unknown(Reason.IO_ERROR, "the walk did not reach user:[" + at + "]"));
            owners.add(
                    r.known() && r.get().ownerUid() != null ? Readout.of(r.get().ownerUid()) : unknownOwner(r));
            at = r.known() ? r.get().parent() : null;
        }
        Collections.reverse(up);
        Collections.reverse(owners);
        Ids uid = task.status().get().uid(), gid = task.status().get().gid();
        List<UserLevel> out = new ArrayList<>();
        for (int level = 0; level < up.size(); level++) {
            NsId ns = up.get(level);
            Readout<Maps> maps = maps(reads, census, ns);
            Readout<List<NsFacts.IdRange>> um = maps.map(Maps::uid), gm = maps.map(Maps::gid);
            out.add(new UserLevel(
                    level,
                    Readout.of(ns),
                    owners.get(level),
                    um,
                    gm,
                    inside(um, uid == null ? null : uid.real()),
                    inside(gm, gid == null ? null : gid.real())));
        }
        return Readout.of(out);
    }

    private static Readout<Long> unknownOwner(Readout<NsRelations> r) {
        return r.known()
                ? Readout.unknown(Reason.NOT_PROVIDED, "the kernel names no creator (nscope's own or an outer one)")
                : Readout.unknown(r.why());
    }

    /**
     * The maps of a user namespace, read through one of its members (the first that answers): the task's
     * ancestors first; only when none of them is in it (or answers) is every process listed for another.
     */
    private static Readout<Maps> maps(Reads reads, Census census, NsId ns) {
        Readout<Maps> last =
                Readout.unknown(Reason.NOT_PROVIDED, "no process is in user:[" + ns + "]: no uid_map to read");
        List<Integer> tried = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int pid : round == 0 ? census.userAncestors(ns) : census.userOthers(ns, 16)) {
                if (tried.contains(pid)) continue;
                tried.add(pid);
                Readout<Maps> m = maps(reads, pid);
                if (m.known() || m.why().reason() == Reason.MALFORMED) return m;
                last = m;
            }
        }
        return last;
    }

    private static Readout<Maps> maps(Reads reads, int pid) {
        Path d = reads.proc().resolve(Integer.toString(pid));
        Readout<String> u = reads.text(d.resolve("uid_map")), g = reads.text(d.resolve("gid_map"));
        if (!u.known() || !g.known()) return Readout.unknown(u.known() ? g.why() : u.why());
        try {
            return Readout.of(new Maps(FactsText.idMap(u.get()), FactsText.idMap(g.get())));
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, d.resolve("uid_map") + ": " + m.getMessage());
        }
    }

    /** An id of nscope's user namespace as numbered inside a namespace with this map. */
    static Readout<Long> inside(Readout<List<NsFacts.IdRange>> map, Long outside) {
        if (!map.known()) return Readout.unknown(map.why());
        if (outside == null) return Readout.unknown(Reason.NOT_PROVIDED, "status has no Uid or Gid line");
        for (NsFacts.IdRange r : map.get())
            if (outside >= r.outside() && outside - r.outside() < r.count())
                return Readout.of(r.inside() + (outside - r.outside()));
        return Readout.unknown(
                Reason.NOT_PROVIDED,
                map.get().isEmpty()
                        ? "no map written yet: every id shows as the overflow id (65534) there"
                        : "unmapped there: it shows as the overflow id (65534)");
    }

    /** CapInh, CapPrm, CapEff, CapBnd, CapAmb of the task's status, decoded. */
    static Readout<List<CapSet>> caps(Reads.Seen task) {
        if (!task.statusText().known()) return Readout.unknown(task.statusText().why());
        try {
            List<CapSet> out = new ArrayList<>();
            CapText.sets(task.statusText().get())
                    .forEach((name, mask) -> out.add(new CapSet(name, mask, CapText.names(mask))));
            if (out.isEmpty())
                return Readout.unknown(
                        new Unknown(Reason.NOT_PROVIDED, task.dir().resolve("status") + " has no Cap lines"));
            return Readout.of(out);
        } catch (Malformed m) {
            return Readout.unknown(Reason.MALFORMED, task.dir().resolve("status") + ": " + m.getMessage());
        }
    }
}
