package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UiLoopTest {
    static nscope.views.tree.RowKey key(int pid) {
        return new nscope.views.tree.RowKey.Task(pid, 0, false);
    }

    @Test
    void aCostlyScanStretchesTheWaitToStayInTheCpuBudget() {
        assertEquals(2000, UiLoop.budgetedWait(2000, 50_000_000L, 60_000_000L, 60), "a cheap scan: the interval");
        // 0.2 s of CPU in a 1 s scan: 4.5% means 4.44 s in all, so 3.44 s of waiting
        assertEquals(3444, UiLoop.budgetedWait(2000, 200_000_000L, 1_000_000_000L, 1000));
        // 1.9 s of CPU in a 1.4 s scan would mean 40.8 s of waiting: the gap no longer than MAX_GAP (7.2 s: four of
        // them within the tasks' oldest less a second), less the scan's own 1.4 s
        assertEquals(5800, UiLoop.budgetedWait(2000, 1_900_000_000L, 1_400_000_000L, 1400));
        assertEquals(6900, UiLoop.budgetedWait(2000, 1_900_000_000L, 1_400_000_000L, 300));
        assertEquals(7200, UiLoop.MAX_GAP.toMillis());
        assertEquals(
                4,
                (int) Math.floor(
                        (nscope.probes.Refresher.MAX_AGE.toMillis() - 1000) / (double) UiLoop.MAX_GAP.toMillis()),
                "four gaps in the tasks' oldest less a second");
        assertEquals(60000, UiLoop.budgetedWait(60000, 1_900_000_000L, 1_400_000_000L, 1400), "never less than asked");
    }

    @Test
    void sortingOrdersSiblingsByFiguresBiggestFirstThenText() {
        nscope.views.tree.Node a =
                new nscope.views.tree.Node(key(1), java.util.List.of("2", "512K/max", "zeta"), java.util.List.of());
        nscope.views.tree.Node b =
                new nscope.views.tree.Node(key(2), java.util.List.of("10", "1.5M/max", "alpha"), java.util.List.of());
        nscope.views.tree.Node c =
                new nscope.views.tree.Node(key(3), java.util.List.of("", "", "Mid"), java.util.List.of());
        nscope.views.tree.Node root =
                new nscope.views.tree.Node(key(0), java.util.List.of("", "", "root"), java.util.List.of(a, b, c));
        java.util.function.Function<Integer, java.util.List<nscope.views.tree.RowKey>> order =
                col -> nscope.views.tree.Sorting.by(new nscope.views.tree.Forest(java.util.List.of(root)), col)
                        .roots()
                        .get(0)
                        .children()
                        .stream()
                        .map(nscope.views.tree.Node::id)
                        .toList();
        assertEquals(java.util.List.of(key(2), key(1), key(3)), order.apply(0), "numbers biggest first, blanks last");
        assertEquals(java.util.List.of(key(2), key(1), key(3)), order.apply(1), "1.5M before 512K");
        assertEquals(java.util.List.of(key(2), key(3), key(1)), order.apply(2), "text alphabetically, case aside");
        assertEquals(java.util.List.of(key(1), key(2), key(3)), order.apply(-1), "the tree's own order");
    }

    /**
     * The loop on a virtual terminal with a source that gives a quick
     * processes-only frame, then the same full snapshot again and again (a
     * refresh that found nothing new): the threads the full scan adds are not
     * reported as changes, the selected process is passed to every scan as
     * the one to read exactly, and 'q' ends the loop.
     */
    @Test
    void theLoopPinsTheSelectionAndReportsNoChangeForTheQuickFrameOrAnUnchangedRefresh() throws Exception {
        java.nio.file.Path repo = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        nscope.probes.source.Host host = nscope.probes.source.Host.under(repo.resolve("fixtures/synth-host"));
        nscope.probes.model.Snapshot full = new nscope.probes.Collector(host).collect();
        nscope.probes.model.Snapshot quick =
                new nscope.probes.Collector(host, nscope.probes.model.Scope.PROCESSES).collect();
        java.util.List<Integer> pins = new java.util.concurrent.CopyOnWriteArrayList<>();
        UiLoop.Source source = new UiLoop.Source() {
            @Override
            public nscope.probes.model.Snapshot scan(int pinned, boolean cgroups) {
                pins.add(pinned);
                return full;
            }

            @Override
            public nscope.probes.model.Snapshot quick() {
                return quick;
            }

            @Override
            public boolean live() {
                return true;
            }
        };
        com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal vt =
                new com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal(
                        new com.googlecode.lanterna.TerminalSize(80, 24));
        com.googlecode.lanterna.screen.TerminalScreen screen = new com.googlecode.lanterna.screen.TerminalScreen(vt);
        screen.startScreen();
        Ui ui = new Ui(new Palette(false));
        Thread loop = new Thread(() -> {
            try {
                UiLoop.run(
                        screen, ui, source, () -> HostFacts.recorded("synth-host"), java.time.Duration.ofMillis(200));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        loop.start();
        try {
            long end = System.nanoTime() + 10_000_000_000L;
            while (pins.size() < 4 && System.nanoTime() < end) Thread.sleep(20);
            Thread.sleep(100);
            String text = SvgShot.text(vt);
            org.junit.jupiter.api.Assertions.assertTrue(pins.size() >= 4, "scans: " + pins);
            org.junit.jupiter.api.Assertions.assertTrue(
                    text.contains(full.tasks().size() + " threads"), text);
            org.junit.jupiter.api.Assertions.assertFalse(text.contains("since the last refresh"), text);
            assertEquals(
                    1, pins.get(pins.size() - 1), "the selected process (PID 1, the first row) is pinned: " + pins);
        } finally {
            vt.addInput(new com.googlecode.lanterna.input.KeyStroke('q', false, false));
            loop.join(5000);
            screen.stopScreen();
        }
        org.junit.jupiter.api.Assertions.assertFalse(loop.isAlive(), "q ended the loop");
    }
}
