package nscope.app.screen;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nscope.probes.Collector;
import nscope.probes.Refresher;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.ui.Screens;
import nscope.views.ui.UiLoop;

/**
 * Where the live screen's snapshots come from: the first frame's quick scan
 * (made while the terminal is set up), then the refresher on a live host, or
 * one full read of a recorded one. The full scan's host binds libc (jnr-ffi,
 * some 0.2 s), so it is made on the scanning thread, after the first frame.
 */
public final class ScreenSource implements UiLoop.Source {
    private final boolean live;
    private final Supplier<Host> fullHost;
    private final CompletableFuture<Screens> first;
    private final Duration every;
    private Host full;
    private Refresher refresher;
    private Snapshot recorded;
    private volatile java.util.function.BiConsumer<Snapshot, java.time.Instant> listener;
    private volatile boolean everyCgroups;

    /** A source that is one snapshot (a moment of a recording, nscope replay): nothing read from any host. */
    public static ScreenSource of(Snapshot s) {
        Screens first =
                Screens.of(s, nscope.probes.cgroups.CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.FIRST));
        ScreenSource src =
                new ScreenSource(false, () -> null, CompletableFuture.completedFuture(first), Duration.ofSeconds(2));
        src.recorded = s;
        return src;
    }

    public ScreenSource(boolean live, Supplier<Host> fullHost, CompletableFuture<Screens> first, Duration every) {
        this.live = live;
        this.fullHost = fullHost;
        this.first = first;
        this.every = every;
    }

    @Override
    public Snapshot scan(int pinned, boolean cgroups) {
        if (!live) {
            if (recorded == null) recorded = new Collector(full = fullHost.get()).collect();
            return recorded;
        }
        if (refresher == null) refresher = new Refresher(full = Host.liveRefreshed());
        java.time.Instant began = java.time.Instant.now(); // the refresh lists /proc as it begins
        Snapshot s = refresher.refresh(pinned, cgroups || everyCgroups, every);
        java.util.function.BiConsumer<Snapshot, java.time.Instant> l = listener;
        if (l != null) l.accept(s, began);
        return s;
    }

    /**
     * Each live refresh's snapshot, also when it is the last one again (--record), handed to {@code each} on
     * the scanning thread with when the refresh began; everyCgroups: the cgroup trees read at every refresh, whatever the screen shows.
     */
    public void listen(java.util.function.BiConsumer<Snapshot, java.time.Instant> each, boolean everyCgroups) {
        this.listener = each;
        this.everyCgroups = everyCgroups;
    }

    // plain reads: binding libc waits for the full scan, after the first frame
    @Override
    public Snapshot quick() {
        return first.join().snapshot();
    }

    @Override
    public Screens first(String filter, Map<Screen, Integer> sortBy, Screen shown) {
        Screens s = first.join();
        return filter.isEmpty() && sortBy.isEmpty() && shown == AllScreens.FIRST
                ? s
                : UiLoop.Source.super.first(filter, sortBy, shown);
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public Refresher.Freshness freshness() {
        return refresher == null ? null : refresher.freshness();
    }

    /** What the full scan's host holds open, given back. */
    public void release() {
        if (full != null) full.release();
    }
}
