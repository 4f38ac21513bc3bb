package nscope.views.columns;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsId;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing;
import nscope.probes.query.NsTree;
import nscope.probes.query.PidLevels;
import nscope.views.columns.Column.Align;
import nscope.views.columns.Column.JsonType;

/**
 * The namespace columns: `nscope ls` (text and JSON, lsns's names and
 * order) and the namespaces screen pick theirs from these.
 */
public final class NamespaceColumns {
    private NamespaceColumns() {}

    /** A namespace as lsns lists it, with the snapshot it is from (for its facts and relations). */
    public record NsRow(Snapshot snapshot, NsListing.Row listing) {
        public Namespace ns() {
            return listing.ns();
        }
    }

    public static final Column<NsRow> NS = new Column<>(
            "NS",
            10,
            Align.RIGHT,
            "ns",
            JsonType.NUMBER,
            "the namespace's inode (type:[inode] in /proc/PID/ns)",
            r -> Long.toUnsignedString(r.ns().id().ino()));
    public static final Column<NsRow> TYPE = new Column<>(
            "TYPE",
            6,
            Align.LEFT,
            "type",
            JsonType.STRING,
            "the namespace type: cgroup, ipc, mnt, net, pid, time, user or uts",
            r -> r.ns().kind().label());
    public static final Column<NsRow> NPROCS = new Column<>(
            "NPROCS",
            6,
            Align.RIGHT,
            "nprocs",
            JsonType.NUMBER,
            "processes in it: those whose leader's /proc/PID/ns link names it, as lsns counts",
            r -> r.listing().nprocs());
    public static final Column<NsRow> TASKS = new Column<>(
            "TASKS",
            6,
            Align.RIGHT,
            "tasks",
            JsonType.NUMBER,
            "tasks (threads, leaders included) in it, each by its own /proc/PID/task/TID/ns link",
            r -> r.listing().ntasks());
    public static final Column<NsRow> PID = new Column<>(
            "PID",
            7,
            Align.RIGHT,
            "pid",
            JsonType.NUMBER,
            "the lowest PID in it; else its lowest TID, a pending child's PID or a holder's (as lsns)",
            r -> r.listing().pid() < 0 ? null : r.listing().pid());
    public static final Column<NsRow> USER = new Column<>(
            "USER",
            8,
            Align.LEFT,
            "user",
            JsonType.STRING,
            "the effective user of that process (a name from the host's passwd, else the number)",
            r -> r.listing().user());
    public static final Column<NsRow> HOLDER = new Column<>(
            "HOLDER",
            24,
            Align.LEFT,
            "holder",
            JsonType.STRING,
            "what holds it besides its tasks: an open descriptor, a bind mount",
            r -> r.listing().holder().isEmpty() ? null : r.listing().holder());
    public static final Column<NsRow> COMMAND = new Column<>(
            "COMMAND",
            0,
            Align.LEFT,
            "command",
            JsonType.STRING,
            "the command line of that process",
            r -> r.listing().command());
    public static final Column<NsRow> PNS = new Column<>(
            "PNS",
            10,
            Align.RIGHT,
            "pns",
            JsonType.NUMBER,
            "the parent namespace's inode (pid and user namespaces; 0: none, or hidden from us)",
            r -> up(r, NsTree.Relation.PARENT));
    public static final Column<NsRow> ONS = new Column<>(
            "ONS",
            10,
            Align.RIGHT,
            "ons",
            JsonType.NUMBER,
            "the owning user namespace's inode (0: none, or hidden from us)",
            r -> up(r, NsTree.Relation.OWNER));

    /** The screen's PID: a pid namespace's PID 1 as the host numbers it; unlike lsns's, nothing for a namespace no task is in. */
    public static final Column<NsRow> LOWEST_PID = new Column<>(
            "PID",
            7,
            Align.RIGHT,
            null,
            null,
            "for a pid namespace the host PID of its PID 1 (its init); for the others, and a pid namespace whose"
                    + " PID 1 was not read, the lowest PID in it (a thread's TID when only a thread is in it);"
                    + " blank when no task is in it",
            r -> screenPid(r));
    /** The screen's tree column. */
    public static final Column<NsRow> NAMESPACE = new Column<>(
            "NAMESPACE",
            0,
            Align.LEFT,
            null,
            null,
            "the tree, the namespace's inode (type:[inode] as /proc/PID/ns/TYPE links name it), its key fact:"
                    + " uts hostname, ipc object counts, net interfaces (state, first IPv4 and IPv6, MTU, veth peer),"
                    + " pid level and PID 1, user uid map (inside -> outside, count), time offsets, mounts, cgroup root",
            NamespaceColumns::name);

    /** `nscope ls`: lsns's default columns, TASKS with --threads, HOLDER with --all. */
    public static List<Column<NsRow>> ls(boolean tasks, boolean holder) {
        List<Column<NsRow>> out = new ArrayList<>(List.of(NS, TYPE, NPROCS));
        if (tasks) out.add(TASKS);
        out.addAll(List.of(PID, USER));
        if (holder) out.add(HOLDER);
        out.add(COMMAND);
        return out;
    }

    /** What `nscope ls -J --tree` adds to each row, as lsns -J -o ...,PNS,ONS does. */
    public static final List<Column<NsRow>> RELATIONS = List.of(PNS, ONS);

    /** The namespaces screen (NTASKS is its older header for TASKS). */
    public static final List<Column<NsRow>> SCREEN = List.of(NPROCS, TASKS.headed("NTASKS"), LOWEST_PID, NAMESPACE);

    private static String up(NsRow r, NsTree.Relation rel) {
        NsId id = NsTree.up(r.snapshot(), r.ns().id(), rel);
        return id == null ? "0" : Long.toUnsignedString(id.ino());
    }

    private static Integer screenPid(NsRow r) {
        if (r.ns().kind() == nscope.probes.model.NsKind.PID) {
            var init = PidLevels.init(r.snapshot(), r.ns());
            if (init.isPresent()) return init.get().tid();
        }
        return lowestPid(r.ns());
    }

    private static Integer lowestPid(Namespace n) {
        if (!n.processes().isEmpty()) return n.processes().get(0);
        return n.tasks().isEmpty() ? null : n.tasks().get(0);
    }

    private static String name(NsRow r) {
        Namespace n = r.ns();
        String fact = NamespaceFacts.summary(r.snapshot().facts(n.id()).orElse(null));
        if (n.kind() == nscope.probes.model.NsKind.PID) {
            String init = PidLevels.init(r.snapshot(), n)
                    .map(t -> "PID 1 = host " + t.tid())
                    .orElse("");
            if (!PidLevels.awaitingInit(r.snapshot(), n.id()).isEmpty())
                init += (init.isEmpty() ? "" : ", ") + "a child namespace with no PID 1 yet";
            if (!init.isEmpty()) fact = fact.isEmpty() ? init : fact + ", " + init;
        }
        return n.kind().label() + ":[" + n.id() + "]" + (fact.isEmpty() ? "" : "  " + fact);
    }
}
