package nscope.views.ui.lens;

import java.time.ZoneId;
import java.util.concurrent.Executor;
import nscope.views.screens.Target;
import nscope.views.ui.dialog.Dialog;

/**
 * The screen's `t`: opens the lens on the selected process or thread ({@link LensDialog}), read on the
 * executor the screen does its slow work on, so the keys stay answered; says why not on any other row,
 * or where no reader is wired in.
 */
public final class LensKey {
    public static final String HELP = "the PID/TGID lens on the selected process or thread: its number in every pid"
            + " namespace with each PID 1 and ns_last_pid, its threads, cgroups, parent, reaper, next fork, user"
            + " namespaces, capabilities (Esc closes)";

    private final Executor executor;
    private Lenses reader;
    private ZoneId zone = ZoneId.systemDefault();
    private LensDialog open;

    public LensKey(Executor executor) {
        this.executor = executor;
    }

    /** The reader of the host shown (none: `t` says the lens is not wired in). */
    public void reader(Lenses r) {
        reader = r;
    }

    /** The zone the lens gives its times in (the screen's clock's). */
    public void zone(ZoneId z) {
        zone = z;
    }

    /** `t` on a row: the lens on its task, or words saying why not. */
    public Dialog.Result open(Target t) {
        if (!(t instanceof Target.OfTask task))
            return Dialog.Result.done(
                    "t: the lens shows a process or a thread: choose one (2 Processes, or a link to one)", false);
        if (reader == null) return Dialog.Result.done("t: no lens reader is wired into this screen", false);
        open = new LensDialog(task.task().tid(), task.task().startTime(), reader, executor, zone);
        return Dialog.Result.then(open);
    }

    /** Whether the open lens finished a read since last asked (the screen then draws again). */
    public boolean takeReady() {
        LensDialog d = open;
        return d != null && d.takeReady();
    }
}
