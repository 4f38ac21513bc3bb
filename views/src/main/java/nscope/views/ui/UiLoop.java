package nscope.views.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
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
        Snapshot scan();

        /** A quicker first scan (processes only), so the first frame does not wait for a full one. */
        default Snapshot quick() { return scan(); }

        /** False for a recorded fixture: read once, never refreshed. */
        boolean live();
    }

    private record Frame(Screens screens, HostFacts facts) {}

    private record Last(Snapshot snapshot, CgroupCpu cpu, HostFacts facts) {}

    /** Runs until the user quits (or input ends); the caller stops the screen afterwards. */
    public static void run(Screen screen, Ui ui, Source source, Supplier<HostFacts> facts, Duration interval) throws IOException {
        ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Object wake = new Object();
        // the last scan with its CPU % and facts, for rows rebuilt when the filter or sort changes
        java.util.concurrent.atomic.AtomicReference<Last> last = new java.util.concurrent.atomic.AtomicReference<>();
        Thread scanner = new Thread(() -> {
            Snapshot prev = null;
            boolean first = true;
            long waitMs = interval.toMillis();
            while (!stop.get()) {
                if (first || source.live() && !ui.paused()) {
                    long cpu0 = processCpuNanos(), wall0 = System.nanoTime();
                    try {
                        if (first) {
                            // a quick frame first (no host facts either: those load a library), then the full scan at once
                            frames.add(new Frame(Screens.of(source.quick(), CgroupCpu.none(), ui.filter(), ui.sortBy()), null));
                        }
                        Snapshot s = source.scan();
                        CgroupCpu cpu = prev == null ? CgroupCpu.none() : CgroupCpu.between(prev.cgroups(), s.cgroups());
                        HostFacts f = facts.get();
                        frames.add(new Frame(Screens.of(s, cpu, ui.filter(), ui.sortBy()), f));
                        last.set(new Last(s, cpu, f));
                        prev = s;
                    } catch (RuntimeException e) {
                        frames.add(new Frame(null, null)); // the UI says the scan failed, and the next one tries again
                    }
                    first = false;
                    waitMs = budgetedWait(interval.toMillis(), processCpuNanos() - cpu0, System.nanoTime() - wall0);
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
                if (ui.filterChanged()) {
                    // rows are built off the UI thread, from the last scan as it was (CPU % and facts kept)
                    Last l = last.get();
                    String filter = ui.filter();
                    Map<Tab, Integer> sortBy = ui.sortBy();
                    if (l != null) {
                        Thread rebuild = new Thread(() -> frames.add(new Frame(Screens.of(l.snapshot(), l.cpu(), filter, sortBy), l.facts())),
                                "nscope-rows");
                        rebuild.setDaemon(true);
                        rebuild.start();
                    }
                }
                Frame f;
                while ((f = frames.poll()) != null) {
                    if (f.screens() == null) ui.error("a scan failed; the next one will try again");
                    else {
                        // the quick first frame has no facts: the header keeps what it had until the next
                        ui.show(f.screens(), f.facts(), firstFrame);
                        firstFrame = false;
                    }
                    dirty = true;
                }
                TerminalSize resized = screen.doResizeIfNecessary();
                if (resized != null) dirty = complete = true; // the terminal may have reflowed what was there: redraw it all
                if (dirty) {
                    draw(screen, ui, complete);
                    dirty = complete = false;
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            stop.set(true);
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    /** The share of one core the refreshes may use on average: a host's monitor must not load it. */
    static final double CPU_BUDGET = 0.08;

    /**
     * How long to wait before the next scan: the interval, or longer when
     * the last scan's CPU time would otherwise exceed the budget over scan
     * and wait together (a big host is refreshed less often, not harder).
     */
    static long budgetedWait(long intervalMs, long cpuNanos, long wallNanos) {
        long needed = (long) (cpuNanos / CPU_BUDGET / 1e6) - wallNanos / 1_000_000;
        return Math.max(intervalMs, needed);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return Math.max(0, os.getProcessCpuTime());
        return 0;
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
