package nscope.probes.phase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Task;
import nscope.probes.parse.PidName;
import nscope.probes.read.Failures;
import nscope.probes.read.TaskReader;
import nscope.probes.source.Host;

/**
 * The data flow's steps 1 and 2: every thread group in /proc, each of its
 * tasks (stat, status, cmdline) and each task's ten namespace links, read
 * on every core.
 * Tasks and their links are read together, a task directory at a time (a
 * native reader opens it once for all twelve reads); a scan that leaves the
 * links out (the live screen's first frame) says why in each link.
 */
public final class TasksPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        List<Integer> tgids = listGroups(scan.host(), scan.problems());
        TaskReader reader = scan.reader();
        // thread groups are independent: read them on every core
        List<TaskReader.Group> groups =
                tgids.parallelStream().map(reader::readGroup).toList();
        Map<Integer, Task> tasks = new HashMap<>();
        for (TaskReader.Group g : groups) {
            for (Task t : g.tasks()) tasks.put(t.tid(), t);
            scan.problems().addAll(g.problems());
        }
        scan.tgids(tgids);
        scan.tasks(tasks);
    }

    /** The process list alone (the scan's tgids), none of the tasks' files: for a scan of cgroups alone. */
    public static ScanPhase listOnly() {
        return scan -> scan.tgids(listGroups(scan.host(), scan.problems()));
    }

    /** The PIDs listed in the proc root, sorted. */
    static List<Integer> listGroups(Host host, List<ScanProblem> problems) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String n : host.files().list(host.roots().proc())) {
                int pid = PidName.parse(n);
                if (pid > 0) out.add(pid);
            }
        } catch (IOException e) {
            problems.add(Failures.problem(host.roots().proc(), e));
        }
        out.sort(null);
        return out;
    }
}
