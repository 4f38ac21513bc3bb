package nscope.app.screen.replay;

import nscope.probes.model.Snapshot;
import nscope.views.ui.UiLoop;

/**
 * The replay screen's source: the entry opened, read once (the loop does not refresh a recording);
 * the timeline's keys show the other entries themselves.
 */
final class ReplaySource implements UiLoop.Source {
    private final Snapshot first;

    ReplaySource(Snapshot first) {
        this.first = first;
    }

    @Override
    public Snapshot scan(int pinned, boolean cgroups) {
        return first;
    }

    @Override
    public boolean live() {
        return false;
    }
}
