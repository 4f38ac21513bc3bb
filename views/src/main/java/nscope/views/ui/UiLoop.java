package nscope.views.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import nscope.probes.ProcessCpu;
import nscope.probes.Refresher;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.cgroups.Cgroups;
import nscope.probes.model.Snapshot;
import nscope.views.actions.Actions;
import nscope.views.tree.RowKey;

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
         * @param cgroups whether the screen shown needs the cgroup trees (a live source reads them then)
         */
        Snapshot scan(int pinned, boolean cgroups);

        /** A quicker first scan (processes only), so the first frame does not wait for a full one. */
        default Snapshot quick() {
            return scan(0, false);
        }

        /** The first frame's rows: those of {@link #quick()} for this screen, filter and sort (a source may have them made already). */
        default Screens first(
                String filter, Map<nscope.views.screens.Screen, Integer> sortBy, nscope.views.screens.Screen shown) {
            return Screens.of(quick(), CgroupCpu.none(), filter, sortBy, Set.of(shown));
        }

        /** False for a recorded fixture: read once, never refreshed. */
        boolean live();

        /** How old the parts the last scan carried over are (null: it carried nothing over). */
        default Refresher.Freshness freshness() {
            return null;
        }
    }

    /** A scan's outcome for the UI thread: rows (or null: unchanged), or a failure. */
    private record Frame(
            Screens screens,
            Map<RowKey, String> marks,
            HostFacts facts,
            Refresher.Freshness freshness,
            boolean failed) {}

    /**
     * The scanning thread: a snapshot every interval (unless paused, or a
     * session has the terminal), turned into the rows of the screen shown,
     * paced so the whole process stays within the CPU budget.
     */
    private static final class Scanner implements Runnable {
        private final Ui ui;
        private final Source source;
        private final Supplier<HostFacts> facts;
        private final Duration interval;
        final ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();
        final AtomicBoolean stop = new AtomicBoolean();
        /** A session has the terminal: no scans pile up meanwhile. */
        final AtomicBoolean aside = new AtomicBoolean();

        final Object wake = new Object();
        /** The full scan waits until the first frame is on the screen: on two cores it would slow that frame. */
        final CountDownLatch shown = new CountDownLatch(1);

        private Snapshot prev;
        private Cgroups cgroupsBefore;
        private CgroupCpu cpu = CgroupCpu.none();
        /**
         * (wall, CPU) of the whole process (drawing, rows, GC too) at each refresh's start over the
         * last PACE_WINDOW: the pace keeps that window under the budget, so one dear refresh (the
         * cgroup trees, once a cycle) is absorbed by cheap ones instead of stalling the next few.
         */
        private final ArrayDeque<long[]> window = new ArrayDeque<>();

        Scanner(Ui ui, Source source, Supplier<HostFacts> facts, Duration interval) {
            this.ui = ui;
            this.source = source;
            this.facts = facts;
            this.interval = interval;
        }

        @Override
        public void run() {
            boolean first = true;
            long waitMs = interval.toMillis();
            while (!stop.get()) {
                if (first || source.live() && !ui.paused() && !aside.get()) {
                    // the first round is not paced, and the management classes that tell CPU time cost some 80 ms to
                    // load
                    long cpu0 = first ? 0 : ProcessCpu.nanos(), wall0 = System.nanoTime();
                    if (!first) window.addLast(new long[] {wall0, cpu0});
                    try {
                        scan(first);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        post(new Frame(
                                null, null, null, null,
                                true)); // the UI says the scan failed, and the next one tries again
                    }
                    // the first scan reads everything once (and warms the JIT): it does not set the pace
                    long scanMs = (System.nanoTime() - wall0) / 1_000_000;
                    if (!first) waitMs = pace(scanMs);
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
        }

        private void scan(boolean first) throws InterruptedException {
            if (first) {
                // a quick frame first (no host facts either: those load a library), then the full scan at once
                post(new Frame(source.first(ui.filter(), ui.sortBy(), ui.screen()), Map.of(), null, null, false));
                shown.await(1, TimeUnit.SECONDS);
            }
            Snapshot s = source.scan(ui.pinned(), ui.screen().needsCgroups());
            HostFacts f = facts.get();
            if (s == prev) {
                post(new Frame(null, null, f, source.freshness(), false));
                return;
            }
            if (s.cgroups() != cgroupsBefore) {
                // CPU % between two reads of the cgroup trees (a refresh may carry them over)
                cpu = cgroupsBefore == null ? CgroupCpu.none() : CgroupCpu.between(cgroupsBefore, s.cgroups());
                cgroupsBefore = s.cgroups();
            }
            // only the screen shown: the others are built from this scan when turned to;
            // the containers' marks (their state files) read here, not on the thread that answers keys
            post(new Frame(
                    Screens.of(s, cpu, ui.filter(), ui.sortBy(), Set.of(ui.screen())),
                    ui.marks(s),
                    f,
                    source.freshness(),
                    false));
            prev = s;
        }

        /** The wait before the next scan, keeping the last PACE_WINDOW within the budget. */
        private long pace(long scanMs) {
            long now = System.nanoTime(), cpuNow = ProcessCpu.nanos();
            while (window.size() > 1 && now - window.peekFirst()[0] > PACE_WINDOW.toNanos()) window.removeFirst();
            long[] from = window.peekFirst();
            return budgetedWait(interval.toMillis(), cpuNow - from[1], now - from[0], scanMs);
        }

        /** A frame for the UI thread, woken for it at once (it waits longer between looks when idle). */
        void post(Frame f) {
            frames.add(f);
            synchronized (posted) {
                posted.notifyAll();
            }
        }

        final Object posted = new Object();

        void end() {
            stop.set(true);
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    /** Runs until the user quits (or input ends); the caller stops the screen afterwards. */
    public static void run(Screen screen, Ui ui, Source source, Supplier<HostFacts> facts, Duration interval)
            throws IOException {
        Scanner scanner = new Scanner(ui, source, facts, interval);
        Thread thread = new Thread(scanner, "nscope-scan");
        thread.setDaemon(true);
        thread.start();
        boolean firstFrame = true, dirty = true, complete = false;
        long busyAt = System.nanoTime();
        try {
            while (true) {
                KeyStroke k;
                while ((k = screen.pollInput()) != null) {
                    busyAt = System.nanoTime(); // keys come in bursts: the next ones are looked for often
                    try {
                        if (!ui.key(k)) return;
                    } catch (RuntimeException e) {
                        ui.error(String.valueOf(e));
                    }
                    dirty = true;
                }
                Frame f;
                while ((f = scanner.frames.poll()) != null) {
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
                    scanner.aside.set(true);
                    try {
                        ui.sessionEnded(session, runAside(screen, session));
                    } finally {
                        scanner.aside.set(false);
                    }
                    dirty = complete = true;
                }
                if (ui.pollAside()) dirty = true;
                if (ui.rowsReady()) dirty = true; // a screen's rows built off this thread: placed when drawn
                if (ui.refreshNow()) {
                    synchronized (scanner.wake) {
                        scanner.wake.notifyAll(); // an action changed the host: show it at once
                    }
                }
                TerminalSize resized = screen.doResizeIfNecessary();
                if (resized != null)
                    dirty = complete = true; // the terminal may have reflowed what was there: redraw it all
                if (ui.busy()) busyAt = System.nanoTime();
                if (dirty) {
                    draw(screen, ui, complete);
                    if (ui.hasRows()) scanner.shown.countDown();
                    dirty = complete = false;
                }
                try {
                    // a look every 15 ms while keys come or work is under way, else every 100 ms (keys are polled:
                    // each look is system calls; at 60 ms an idle screen's looks were a tenth of its CPU); a frame
                    // wakes it at once
                    boolean idle = System.nanoTime() - busyAt > IDLE_AFTER.toNanos();
                    synchronized (scanner.posted) {
                        if (scanner.frames.isEmpty()) scanner.posted.wait(idle ? IDLE_POLL_MS : BUSY_POLL_MS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            ui.endAside();
            scanner.end();
        }
    }

    static final long BUSY_POLL_MS = 15, IDLE_POLL_MS = 100;

    /** How long after the last key, or work under way, the loop looks less often. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(2);

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
     * The share of one core the screen may use on average: a host's monitor
     * must not load it, and top -b -d 2 takes some 4% of a core on a host of
     * 2,500 processes (issue 17: within a quarter above top). A small host
     * stays well below it at the interval; a big one is paced out to
     * MAX_GAP, where reading every task within Refresher.MAX_AGE is all it does.
     */
    static final double CPU_BUDGET = 0.045;

    /** The span over which the screen's CPU use is kept under the budget. */
    static final Duration PACE_WINDOW = Duration.ofSeconds(60);

    /**
     * How long to wait before the next scan: the interval, or longer when
     * the CPU time used since some moment would otherwise exceed the budget
     * over the time since then and the wait together (a big host is
     * refreshed less often, not harder).
     */
    static long budgetedWait(long intervalMs, long cpuNanos, long wallNanos, long scanMs) {
        long needed = (long) (cpuNanos / CPU_BUDGET / 1e6) - wallNanos / 1_000_000;
        return Math.max(intervalMs, Math.min(needed, MAX_GAP.toMillis() - scanMs));
    }

    /**
     * The longest from one scan's start to the next's: every task must be
     * read again within Refresher.MAX_AGE whatever the pace, so a longer gap
     * only makes each refresh read more (and cost more, and the pace wait
     * longer still). Four of these gaps fit in MAX_AGE less a second, so a
     * task is read every fourth refresh, some 29 s (the wait is this less
     * the scan's own time). Gaps of 8 s made three (every 24 s: a fifth more
     * reading), of MAX_AGE/3 two (every 20 s: a third more).
     */
    static final Duration MAX_GAP =
            Refresher.MAX_AGE.minusSeconds(1).dividedBy(4).minusMillis(50);

    /** Draws one frame (also for screenshots and tests), sending only what changed. */
    public static void draw(Screen screen, Ui ui) throws IOException {
        draw(screen, ui, false);
    }

    /** Draws one frame; complete: repaint every cell (after a resize), not only the changed ones. */
    static void draw(Screen screen, Ui ui, boolean complete) throws IOException {
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        try {
            if (!ui.hasRows()) g.putString(0, 0, "nscope: reading the host...");
            else ui.draw(g, screen.getTerminalSize());
        } catch (RuntimeException e) {
            ui.error(String.valueOf(e));
            // the frame stopped before its status line: the error is put there now, not lost
            TerminalSize size = screen.getTerminalSize();
            g.putString(
                    0,
                    size.getRows() - 1,
                    nscope.views.text.Fit.cut(
                            "error: " + nscope.views.text.Escape.terminal(String.valueOf(e)), size.getColumns()));
        }
        screen.setCursorPosition(null);
        screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }
}
