package nscope.app.screen.replay;

import nscope.probes.model.Snapshot;
import nscope.views.ui.UiLoop;

/**
 * The replay screen's source: the entry opened, read once (the loop does not refresh a recording);
 * the timeline's keys show the other entries themselves. The loop's one full scan after the first
 * frame gives the entry shown then, so a key pressed in between is not undone.
 */
final class ReplaySource implements UiLoop.Source {
    private final Snapshot first;
    private volatile java.util.function.Supplier<Snapshot> shown;

    ReplaySource(Snapshot first) {
        this.first = first;
    }

    /** Where the entry shown is read from once the screen is set up. */
    void follow(java.util.function.Supplier<Snapshot> s) {
        shown = s;
    }

    @Override
    public Snapshot quick() {
        return first;
    }

    @Override
    public Snapshot scan(int pinned, boolean cgroups) {
        var s = shown;
        Snapshot now = s == null ? null : s.get();
        return now == null ? first : now;
    }

    @Override
    public boolean live() {
        return false;
    }
}
