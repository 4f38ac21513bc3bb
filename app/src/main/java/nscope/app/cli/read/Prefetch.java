package nscope.app.cli.read;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import nscope.probes.Collector;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;

/**
 * A quick start for the commonest command: when nscope is started as
 * `nscope ls ...`, the plain process scan of the live host starts at once,
 * in parallel with parsing the command line (picocli's first use costs
 * about 0.15 s). `ls` takes the result only when the parsed options ask for
 * exactly that scan; otherwise it is dropped. Reading is all it does.
 */
public final class Prefetch {
    private static volatile CompletableFuture<Snapshot> pending;

    private Prefetch() {}

    /** Looks only at the first word; the real parsing is picocli's. */
    public static void start(String[] args) {
        if (args.length == 0 || !args[0].equals("ls")) return;
        for (String a : args) if (a.startsWith("--replay") || a.startsWith("--root")) return; // not the live host
        CompletableFuture<Snapshot> f = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        f.complete(new Collector(Host.live(), Scope.PROCESSES).collect());
                    } catch (RuntimeException | Error e) {
                        f.completeExceptionally(e);
                    }
                },
                "nscope-prefetch");
        t.setDaemon(true);
        t.start();
        pending = f;
    }

    /** The prefetched plain live scan, once; empty when none was started or it failed. */
    static Optional<Snapshot> take() {
        CompletableFuture<Snapshot> f = pending;
        pending = null;
        if (f == null) return Optional.empty();
        try {
            return Optional.of(f.join());
        } catch (RuntimeException e) {
            return Optional.empty(); // scan again in the ordinary way, which reports properly
        }
    }
}
