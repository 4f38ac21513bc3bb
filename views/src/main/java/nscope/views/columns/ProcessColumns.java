package nscope.views.columns;

import java.util.List;
import nscope.probes.model.Ids;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.views.columns.Column.Align;

/**
 * The process columns of the processes screen. No JSON output is a table
 * of tasks (`nscope snapshot` writes every field of a task), so none has a
 * JSON name.
 */
public final class ProcessColumns {
    private ProcessColumns() {}

    /** A task, with the snapshot it is from (for user names). */
    public record TaskRow(Snapshot snapshot, Task task) {}

    public static final Column<TaskRow> PID = new Column<>(
            "PID",
            7,
            Align.RIGHT,
            null,
            null,
            "the process ID in nscope's pid namespace: for a thread its process's (TGID), as ps -eLf's PID",
            r -> r.task().tgid());
    public static final Column<TaskRow> TGID = new Column<>(
            "TGID",
            7,
            Align.RIGHT,
            null,
            null,
            "its thread group ID: the PID of the process it belongs to (its leader's TID)",
            r -> r.task().tgid());
    public static final Column<TaskRow> TID = new Column<>(
            "TID",
            7,
            Align.RIGHT,
            null,
            null,
            "the task's own ID (ps -eLf's LWP): equal to PID and TGID for a process's leader",
            r -> r.task().tid());
    public static final Column<TaskRow> NSPID = new Column<>(
            "NSPID",
            12,
            Align.LEFT,
            null,
            null,
            "its number at each pid namespace level, the host's first, its own last: 25385/6/3 (NSpid in /proc/PID/status)",
            r -> nsPid(r.task().nsPid()));
    public static final Column<TaskRow> STATE = new Column<>(
            "S",
            1,
            Align.LEFT,
            null,
            null,
            "state: R running, S sleeping, D disk wait, Z zombie, T stopped, t traced, I idle kernel thread, X dead",
            r -> Character.toString(r.task().state()));
    public static final Column<TaskRow> USER = new Column<>(
            "USER",
            8,
            Align.LEFT,
            null,
            null,
            "its real user, by name from the host's /etc/passwd, else the UID (Uid in /proc/PID/status, as the host sees it)",
            r -> user(r.snapshot(), r.task().uids()));
    public static final Column<TaskRow> COMMAND = new Column<>(
            "COMMAND",
            0,
            Align.LEFT,
            null,
            null,
            "the tree (a process under its parent, its threads under it), then the command line; [name] a kernel thread or no command line, {name} a thread, by its comm; ns differs: the namespaces in which a thread is not where its process is",
            r -> command(r.task()));

    public static final List<Column<TaskRow>> SCREEN = List.of(PID, TGID, TID, NSPID, STATE, USER, COMMAND);

    private static String command(Task t) {
        if (!t.leader()) return "{" + t.comm() + "}"; // a thread: its own name, as pstree shows it
        return t.kernelThread() || t.cmdline().known() && t.cmdline().get().isEmpty()
                ? "[" + t.comm() + "]"
                : t.commandLine();
    }

    private static String nsPid(Readout<List<Integer>> r) {
        if (!r.known()) return "?";
        StringBuilder b = new StringBuilder();
        for (int p : r.get()) b.append(b.length() == 0 ? "" : "/").append(p);
        return b.toString();
    }

    private static String user(Snapshot s, Readout<Ids> ids) {
        if (!ids.known()) return "?";
        long uid = ids.get().real();
        return s.userName(uid).orElse(Long.toString(uid));
    }
}
