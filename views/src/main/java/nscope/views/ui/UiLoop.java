package nscope.views.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.model.Snapshot;

/**
 * Runs the screen: one scanning thread takes a snapshot every interval
 * (unless paused; a replayed fixture is read once) and turns it into rows;
 * the calling thread only reads keys, takes finished rows and draws, so a
 * key is answered within a frame while a scan runs. An exception while
 * answering a key or drawing is shown on the status line; the screen goes on.
 */
public final class UiLoop {
    private UiLoop() {}


    /** Where snapshots come from. */
    public interface Source {
        /**
         * The host now. A live source may return the last snapshot itself
         * when nothing changed (nothing is rebuilt then).
         *
         * @param pinned  the selected process (0: none), which a live source reads exactly every time
         * @param cgroups whether the cgroup screen is shown (a live source reads the cgroup trees then)
         */
        Snapshot scan(int pinned, boolean cgroups);

        /** A quicker first scan (processes only), so the first frame does not wait for a full one. */
        default Snapshot quick() { return scan(0, false); }

        /** The first frame's rows: those of {@link #quick()} for this screen, filter and sort (a source may have them made already). */
        default Screens first(String filter, java.util.Map<Tab, Integer> sortBy, Tab tab) {
            return Screens.of(quick(), CgroupCpu.none(), filter, sortBy, EnumSet.of(tab));
        }

        /** False for a recorded fixture: read once, never refreshed. */
        boolean live();

        /** How old the parts the last scan carried over are (null: it carried nothing over). */
        default nscope.probes.Refresher.Freshness freshness() { return null; }
    }

    /** A scan's outcome for the UI thread: rows (or null: unchanged), or a failure. */
    private record Frame(Screens screens, java.util.Map<String, String> marks, HostFacts facts, nscope.probes.Refresher.Freshness freshness,
                         boolean failed) {}

    /** Runs until the user quits (or input ends); the caller stops the screen afterwards. */
    public static void run(Screen screen, Ui ui, Source source, Supplier<HostFacts> facts, Duration interval) throws IOException {
        ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean aside = new AtomicBoolean(); // a session has the terminal: no scans pile up meanwhile
        Object wake = new Object();
        // the full scan waits until the first frame is on the screen: on two cores it would slow that frame
        java.util.concurrent.CountDownLatch shown = new java.util.concurrent.CountDownLatch(1);
        Thread scanner = new Thread(() -> {
            Snapshot prev = null;
            nscope.probes.cgroups.Cgroups cgroupsBefore = null;
            CgroupCpu cpu = CgroupCpu.none();
            boolean first = true;
            long waitMs = interval.toMillis();
            // (wall, CPU) of the whole process (drawing, rows, GC too) at each refresh's start over the
            // last PACE_WINDOW: the pace keeps that window under the budget, so one dear refresh (the
            // cgroup trees, once a cycle) is absorbed by cheap ones instead of stalling the next few
            java.util.ArrayDeque<long[]> window = new java.util.ArrayDeque<>();
            while (!stop.get()) {
                if (first || source.live() && !ui.paused() && !aside.get()) {
                    // the first round is not paced, and the management classes that tell CPU time cost some 80 ms to load
                    long cpu0 = first ? 0 : nscope.probes.ProcessCpu.nanos(), wall0 = System.nanoTime();
                    if (!first) window.addLast(new long[] {wall0, cpu0});
                    try {
                        if (first) {
                            // a quick frame first (no host facts either: those load a library), then the full scan at once
                            frames.add(new Frame(source.first(ui.filter(), ui.sortBy(), ui.tab()), java.util.Map.of(),
                                    null, null, false));
                            shown.await(1, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        Snapshot s = source.scan(ui.pinned(), ui.tab() == Tab.CGROUPS);
                        HostFacts f = facts.get();
                        if (s == prev) {
                            frames.add(new Frame(null, null, f, source.freshness(), false));
                        } else {
                            if (s.cgroups() != cgroupsBefore) {
                                // CPU % between two reads of the cgroup trees (a refresh may carry them over)
                                cpu = cgroupsBefore == null ? CgroupCpu.none() : CgroupCpu.between(cgroupsBefore, s.cgroups());
                                cgroupsBefore = s.cgroups();
                            }
                            // only the screen shown: the others are built from this scan when turned to
                            // the containers' marks (their state files) read here, not on the thread that answers keys
                            frames.add(new Frame(Screens.of(s, cpu, ui.filter(), ui.sortBy(), EnumSet.of(ui.tab())), ui.marks(s), f,
                                    source.freshness(), false));
                            prev = s;
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        frames.add(new Frame(null, null, null, null, true)); // the UI says the scan failed, and the next one tries again
                    }
                    // the first scan reads everything once (and warms the JIT): it does not set the pace
                    if (!first) {
                        long now = System.nanoTime(), cpuNow = nscope.probes.ProcessCpu.nanos();
                        while (window.size() > 1 && now - window.peekFirst()[0] > PACE_WINDOW.toNanos()) window.removeFirst();
                        long[] from = window.peekFirst();
                        waitMs = budgetedWait(interval.toMillis(), cpuNow - from[1], now - from[0]);
                    }
                    first = false;
                    ui.refreshEvery(waitMs);
                }
                synchronized (wake) {
                    try {
                        wake.wait(waitMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "nscope-scan");
        scanner.setDaemon(true);
        scanner.start();
        boolean firstFrame = true, dirty = true, complete = false;
        try {
            while (true) {
                KeyStroke k;
                while ((k = screen.pollInput()) != null) {
                    try {
                        if (!ui.key(k)) return;
                    } catch (RuntimeException e) {
                        ui.error(String.valueOf(e));
                    }
                    dirty = true;
                }
                Frame f;
                while ((f = frames.poll()) != null) {
                    if (f.failed()) ui.error("a scan failed; the next one will try again");
                    else if (f.screens() == null) ui.unchanged(f.facts());
                    else {
                        // the quick first frame has no facts: the header keeps what it had until the next
                        ui.show(f.screens(), f.marks(), f.facts(), firstFrame);
                        firstFrame = false;
                    }
                    if (!f.failed()) ui.freshness(f.freshness());
                    dirty = true;
                }
                Actions.Session session = ui.takeSession();
                if (session != null) {
                    aside.set(true);
                    try {
                        ui.sessionEnded(session, runAside(screen, session));
                    } finally {
                        aside.set(false);
                    }
                    dirty = complete = true;
                }
                if (ui.pollAside()) dirty = true;
                if (ui.rowsReady()) dirty = true; // a screen's rows built off this thread: placed when drawn
                if (ui.refreshNow()) {
                    synchronized (wake) {
                        wake.notifyAll(); // an action changed the host: show it at once
                    }
                }
                TerminalSize resized = screen.doResizeIfNecessary();
                if (resized != null) dirty = complete = true; // the terminal may have reflowed what was there: redraw it all
                if (dirty) {
                    draw(screen, ui, complete);
                    if (ui.hasRows()) shown.countDown();
                    dirty = complete = false;
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            ui.endAside();
            stop.set(true);
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    /**
     * Runs a session (a shell in namespaces) with the screen put aside: the
     * terminal leaves the alternate screen, the session relays it, and the
     * screen comes back as it was, at the terminal's size now.
     */
    static String runAside(Screen screen, Actions.Session session) throws IOException {
        screen.stopScreen();
        String words;
        try {
            words = session.run();
        } catch (RuntimeException e) {
            words = "the session failed: " + e;
        } finally {
            screen.startScreen();
        }
        screen.doResizeIfNecessary();
        return words;
    }

    /**
     * The share of one core the screen may use on average (8% is the promise:
     * a host's monitor must not load it); the pace aims a little lower, as it
     * follows the last rounds, not the next.
     */
    static final double CPU_BUDGET = 0.07;

    /** The span over which the screen's CPU use is kept under the budget. */
    static final Duration PACE_WINDOW = Duration.ofSeconds(60);

    /**
     * How long to wait before the next scan: the interval, or longer when
     * the CPU time used since some moment would otherwise exceed the budget
     * over the time since then and the wait together (a big host is
     * refreshed less often, not harder).
     */
    static long budgetedWait(long intervalMs, long cpuNanos, long wallNanos) {
        long needed = (long) (cpuNanos / CPU_BUDGET / 1e6) - wallNanos / 1_000_000;
        return Math.max(intervalMs, needed);
    }


    /** Draws one frame (also for screenshots and tests), sending only what changed. */
    public static void draw(Screen screen, Ui ui) throws IOException { draw(screen, ui, false); }

    /** Draws one frame; complete: repaint every cell (after a resize), not only the changed ones. */
    static void draw(Screen screen, Ui ui, boolean complete) throws IOException {
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        try {
            if (!ui.hasRows()) g.putString(0, 0, "nscope: reading the host...");
            else ui.draw(g, screen.getTerminalSize());
        } catch (RuntimeException e) {
            ui.error(String.valueOf(e));
        }
        screen.setCursorPosition(null);
        screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }
}
