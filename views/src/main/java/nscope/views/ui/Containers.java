package nscope.views.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.screens.Target;
import nscope.views.tree.RowKey;

/**
 * nscope's containers as the screen sees them: where they come from (the
 * app's state, read at each refresh), which rows are theirs (shown as
 * [ctr NAME]), and a container's PID 1 in a snapshot.
 */
final class Containers {
    private volatile Supplier<List<ContainerMarks.Container>> source = List::of;
    private Map<RowKey, String> marks = Map.of();

    void source(Supplier<List<ContainerMarks.Container>> s) {
        source = s;
    }

    /** Which rows of a snapshot are the containers' (their states read now): for the scan thread, not the UI's. */
    Map<RowKey, String> marksOf(Snapshot s) {
        return ContainerMarks.of(s, source.get());
    }

    void marks(Map<RowKey, String> m) {
        marks = m;
    }

    Map<RowKey, String> marks() {
        return marks;
    }

    /** The container a row belongs to, or null. */
    String of(RowKey k) {
        return marks.get(k);
    }

    /** The PID 1 of a container, if it runs (with the start time it recorded) in this snapshot; else null. */
    Task init(Snapshot s, String name) {
        Task init = null;
        for (ContainerMarks.Container c : source.get())
            if (c.name().equals(name))
                init = s.leader(c.pid())
                        .filter(t -> t.startTime() == c.startTime())
                        .orElse(null);
        return init;
    }

    /**
     * What e enters on a row: on the monitor of one of nscope's containers
     * (a task of it outside its pid namespace), its PID 1, as nscope enter
     * NAME does; else the row's own target.
     */
    Target into(Snapshot s, RowKey row, Target target) {
        String name = of(row);
        if (name == null || !(row instanceof RowKey.Task k)) return target;
        for (ContainerMarks.Container c : source.get()) {
            if (!c.name().equals(name)) continue;
            var init = s.leader(c.pid()).filter(t -> t.startTime() == c.startTime());
            var task = s.task(k.tid());
            if (init.isEmpty() || task.isEmpty()) return target;
            var theirs = task.get().ns(NsLink.PID);
            var its = init.get().ns(NsLink.PID);
            boolean inside = theirs.known() && its.known() && theirs.get().equals(its.get());
            return inside ? target : new Target.OfTask(init.get(), init.get());
        }
        return target;
    }
}
