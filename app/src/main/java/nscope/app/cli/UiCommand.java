package nscope.app.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import nscope.app.cli.common.RootOptions;
import nscope.app.cli.common.ScreenRecordOptions;
import nscope.app.cli.common.Seconds;
import nscope.app.cli.common.UserError;
import nscope.app.container.ContainerState;
import nscope.app.record.ScreenRecorder;
import nscope.app.screen.FirstFrame;
import nscope.app.screen.LiveHostFacts;
import nscope.app.screen.OnTerminal;
import nscope.app.screen.ScreenActions;
import nscope.app.screen.ScreenLabs;
import nscope.app.screen.ScreenSession;
import nscope.app.screen.ScreenSource;
import nscope.probes.Collector;
import nscope.probes.cgroups.CgroupCpu;
import nscope.probes.source.Host;
import nscope.views.screens.AllScreens;
import nscope.views.ui.HostFacts;
import nscope.views.ui.Palette;
import nscope.views.ui.Screens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** nscope ui (and nscope with no command, on a terminal): the live, keyboard-driven screen. */
@Command(
        name = "ui",
        mixinStandardHelpOptions = true,
        description = {
            "Open the live screen: namespaces, processes, cgroups and mounts as trees, with actions on them.",
            "Four views (1 Namespaces, 2 Processes, 3 Cgroups, 4 Mounts) share a detail pane with cross-links; / searches, f filters, ? lists the columns and every key, q quits.",
            "With --root, the screen shows the recorded host, read once."
        })
public final class UiCommand implements Callable<Integer> {
    @ParentCommand
    NscopeCommand parent;

    /** Seconds between refreshes when not told. */
    public static final double DEFAULT_INTERVAL = 2;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "2",
            converter = Seconds.Refresh.class,
            description = "Refresh every SECONDS, 0.2 to 3600 (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--no-color", description = "No colours (as does the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--read-only", description = "Offer no action that changes the host (signals, cgroup changes).")
    boolean readOnly;

    @picocli.CommandLine.Mixin
    ScreenRecordOptions record;

    @Override
    public Integer call() {
        return run(parent.roots, interval, noColor, readOnly, null, record.file != null ? record : parent.record);
    }

    /**
     * nscope lab NAME: the live screen with that lab open (nscope's --interval and --no-color apply). A lab
     * that cannot run here says why before the screen opens: on a recording, with --read-only, not root, a
     * controller missing.
     */
    static int withLab(NscopeCommand parent, String lab, ScreenRecordOptions record) {
        if (!parent.roots.live())
            throw new UserError("a lab changes the live host: --root only shows a recording (leave it out)", 2);
        if (parent.readOnly) throw new UserError("a lab changes the host: leave out --read-only", 2);
        if (!OnTerminal.interactive())
            throw new UserError("the lab's screen needs a terminal; without one: nscope lab " + lab + " --script", 2);
        nscope.app.lab.Lab l = nscope.app.lab.labs.Labs.named(lab).orElseThrow();
        nscope.app.lab.LabSession.refusal(l, nscope.app.lab.HostAbilities.read())
                .ifPresent(why -> {
                    throw new UserError(why, 3);
                });
        return run(parent.roots, parent.interval, parent.noColor, false, lab, record);
    }

    public static int run(RootOptions roots, double interval, boolean noColor, boolean readOnly) {
        return run(roots, interval, noColor, readOnly, null, null);
    }

    /**
     * The screen; lab: a lab opened at its start (null: none); record: --record FILE and how (null or no
     * FILE: nothing recorded).
     */
    static int run(
            RootOptions roots,
            double interval,
            boolean noColor,
            boolean readOnly,
            String lab,
            ScreenRecordOptions record) {
        if (!OnTerminal.interactive())
            throw new UserError("the screen needs a terminal (stdin and stdout); for text, use 'nscope ls'");
        boolean live = roots.live();
        Host plain = roots.host(false);
        ScreenRecorder recorder = ScreenRecording.start(record, live, interval, plain);
        try {
            return run(roots, interval, noColor, readOnly, lab, live, plain, recorder);
        } finally {
            ScreenRecording.end(recorder);
        }
    }

    private static int run(
            RootOptions roots,
            double interval,
            boolean noColor,
            boolean readOnly,
            String lab,
            boolean live,
            Host plain,
            ScreenRecorder recorder) {
        // the first frame's scan and rows are made while the terminal is set up (Lanterna waits on stty)
        Palette palette = Palette.from(System.getenv(), noColor);
        java.util.concurrent.CompletableFuture<Screens> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Screens.of(
                        Collector.processesFirst(plain).collect(),
                        CgroupCpu.none(),
                        "",
                        Map.of(),
                        java.util.Set.of(AllScreens.FIRST)));
        Thread warm = new Thread(() -> FirstFrame.warmUp(first.join(), palette), "nscope-warm-up");
        warm.setDaemon(true);
        warm.start();
        Duration every = Duration.ofMillis((long) (interval * 1000));
        ScreenSource source = new ScreenSource(live, () -> roots.host(true), first, every);
        ScreenLabs labs = live ? new ScreenLabs(readOnly ? "started with --read-only" : null) : null;
        if (recorder != null) {
            source.listen(recorder::offer, recorder.everyCgroups());
            if (labs != null) labs.onStep(recorder::label);
        }
        java.util.function.Supplier<HostFacts> facts =
                live ? new LiveHostFacts() : () -> HostFacts.recorded(plain.label());
        try {
            ScreenSession.run(
                    palette,
                    source,
                    facts,
                    every,
                    ScreenActions.of(readOnly, live),
                    live ? UiCommand::containers : null,
                    lens(live, plain),
                    labs,
                    lab,
                    recorder,
                    null);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        } finally {
            source.release();
        }
        return 0;
    }

    /**
     * The reader of `t`'s lens, made at the first `t` (on the live host it binds libc, which the first frame
     * must not wait for).
     */
    static nscope.views.ui.lens.Lenses lens(boolean live, Host plain) {
        java.util.function.Supplier<nscope.probes.lens.LensReader> reader = new java.util.function.Supplier<>() {
            private nscope.probes.lens.LensReader made;

            @Override
            public synchronized nscope.probes.lens.LensReader get() {
                if (made == null) made = new nscope.probes.lens.LensReader(live ? Host.liveNative() : plain);
                return made;
            }
        };
        return tid -> reader.get().read(tid);
    }

    /** nscope's containers for the screen's [ctr NAME] marks; none when their states cannot be read. */
    static java.util.List<nscope.views.ui.ContainerMarks.Container> containers() {
        try {
            return ContainerState.all().stream()
                    .map(c -> new nscope.views.ui.ContainerMarks.Container(
                            c.name(),
                            c.pid(),
                            c.startTime(),
                            c.namespaces(),
                            c.cgroups().stream().map(ContainerState.Cg::label).toList()))
                    .toList();
        } catch (IOException e) {
            return java.util.List.of(); // no state directory readable: nothing to mark
        }
    }
}
