package nscope.views.ui.lens;

import nscope.probes.lens.TaskLens;
import nscope.probes.readout.Readout;

/** Where the screen's lens comes from: the app wires in a reader of the host it shows (live or recorded). */
@FunctionalInterface
public interface Lenses {
    /** The lens on task TID now, or why there is none; never throws for what the host does. */
    Readout<TaskLens> read(int tid);
}
