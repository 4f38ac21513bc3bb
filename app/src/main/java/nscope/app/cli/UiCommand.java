package nscope.app.cli;

import nscope.app.screen.FirstFrame;
import nscope.app.screen.LiveHostFacts;
import nscope.app.screen.QuickTerminal;
import nscope.app.screen.ScreenActions;
import nscope.app.screen.OnTerminal;
import nscope.app.container.ContainerState;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import nscope.probes.Collector;
import nscope.probes.source.Host;
import nscope.probes.Refresher;
import nscope.probes.model.Snapshot;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Ui;
import nscope.views.ui.Screens;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.ui.UiLoop;
import nscope.probes.cgroups.CgroupCpu;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** nscope ui (and nscope with no command, on a terminal): the live, keyboard-driven screen. */
@Command(name = "ui", header = "The live screen: namespaces, processes, cgroups and mounts as trees, and actions on them.",
        mixinStandardHelpOptions = true,
        description = {"The live screen: namespaces, processes and threads, cgroups and mounts as trees, a detail pane",
                "with cross-links, search and filter. ? shows the keys. With --root, the recorded host, read once."})
public final class UiCommand implements Callable<Integer> {
    @ParentCommand NscopeCommand parent;

    /** Seconds between refreshes when not told. */
    public static final double DEFAULT_INTERVAL = 2;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2", description = "Refresh every SECONDS (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--no-color", description = "No colours (as does the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--read-only", description = "Offer no action that changes the host (signals, cgroup changes).")
    boolean readOnly;

    @Override public Integer call() {
        if (!(interval >= 0.2) || interval > 3600) throw new UserError("--interval must be between 0.2 and 3600 seconds");
        return run(parent.roots, interval, noColor, readOnly);
    }

    public static int run(RootOptions roots, double interval, boolean noColor, boolean readOnly) {
        if (!OnTerminal.interactive()) throw new UserError("the screen needs a terminal (stdin and stdout); for text, use 'nscope ls'");
        boolean live = roots.live();
        Host plain = roots.host(false);
        // the first frame's scan and rows are made while the terminal is set up (Lanterna waits on stty)
        Palette palette = Palette.from(System.getenv(), noColor);
        java.util.concurrent.CompletableFuture<Screens> first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                Screens.of(Collector.processesFirst(plain).collect(), CgroupCpu.none(), "", Map.of(), java.util.Set.of(AllScreens.FIRST)));
        Thread warm = new Thread(() -> FirstFrame.warmUp(first.join(), palette), "nscope-warm-up");
        warm.setDaemon(true);
        warm.start();
        // the full scan's host binds libc (jnr-ffi, some 0.2 s): made on the scanning thread, after the first frame
        Host[] full = new Host[1];
        Refresher[] refresher = new Refresher[1];
        Snapshot[] recorded = new Snapshot[1];
        java.time.Duration every = java.time.Duration.ofMillis((long) (interval * 1000));
        UiLoop.Source source = new UiLoop.Source() {
            @Override public Snapshot scan(int pinned, boolean cgroups) {
                if (!live) {
                    if (recorded[0] == null) recorded[0] = new Collector(full[0] = roots.host(true)).collect();
                    return recorded[0];
                }
                if (refresher[0] == null) refresher[0] = new Refresher(full[0] = Host.liveRefreshed());
                return refresher[0].refresh(pinned, cgroups, every);
            }

            // plain reads: binding libc (jnr-ffi, some 0.2 s) waits for the full scan, after the first frame
            @Override public Snapshot quick() { return first.join().snapshot(); }

            @Override public Screens first(String filter, Map<Screen, Integer> sortBy, Screen shown) {
                Screens s = first.join();
                return filter.isEmpty() && sortBy.isEmpty() && shown == AllScreens.FIRST ? s : UiLoop.Source.super.first(filter, sortBy, shown);
            }

            @Override public boolean live() { return live; }

            @Override public Refresher.Freshness freshness() { return refresher[0] == null ? null : refresher[0].freshness(); }
        };
        java.util.function.Supplier<HostFacts> facts = live ? new LiveHostFacts() : () -> HostFacts.recorded(plain.label());
        Terminal terminal;
        try {
            terminal = new QuickTerminal();
        } catch (IOException e) {
            throw new UserError("cannot open the terminal: " + e.getMessage());
        }
        AtomicBoolean stopped = new AtomicBoolean();
        TerminalScreen screen;
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UserError("cannot start the screen: " + e.getMessage());
        }
        // SIGTERM, SIGHUP (a dropped SSH session): the JVM runs its hooks; the terminal is given back in them
        // anything written to stderr while the screen is up (a library's warning) would land in the
        // middle of it: it is held, and printed once the terminal is back
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(held, true, java.nio.charset.StandardCharsets.UTF_8));
        Thread restore = new Thread(() -> {
            stop(screen, stopped);
            realErr.print(held.toString(java.nio.charset.StandardCharsets.UTF_8));
            realErr.flush();
        }, "nscope-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            // a screen turned to gets its rows built on a thread of their own, so the keys stay answered
            java.util.concurrent.ExecutorService rows = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "nscope-rows");
                t.setDaemon(true);
                return t;
            });
            Ui ui = new Ui(palette, rows);
            ui.actions(ScreenActions.of(readOnly, live));
            if (live) ui.containers(UiCommand::containers);
            UiLoop.run(screen, ui, source, facts, every);
            rows.shutdownNow();
        } catch (IOException e) {
            stop(screen, stopped);
            throw new UserError("the terminal failed: " + e.getMessage());
        } finally {
            stop(screen, stopped);
            System.setErr(realErr);
            if (held.size() > 0) realErr.print(held.toString(java.nio.charset.StandardCharsets.UTF_8));
            held.reset();
            if (full[0] != null) full[0].release();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and stopping twice is guarded
            }
        }
        return 0;
    }

    private static void stop(TerminalScreen screen, AtomicBoolean stopped) {
        if (!stopped.compareAndSet(false, true)) return;
        try {
            screen.stopScreen();
        } catch (IOException e) {
            System.err.println("nscope: could not restore the terminal (" + e.getMessage() + "); run 'reset'");
        }
    }

    /** nscope's containers for the screen's [ctr NAME] marks; none when their states cannot be read. */
    static java.util.List<nscope.views.ui.ContainerMarks.Container> containers() {
        try {
            return ContainerState.all().stream().map(c -> new nscope.views.ui.ContainerMarks.Container(c.name(), c.pid(), c.startTime(), c.namespaces(),
                    c.cgroups().stream().map(ContainerState.Cg::label).toList())).toList();
        } catch (IOException e) {
            return java.util.List.of(); // no state directory readable: nothing to mark
        }
    }
}
