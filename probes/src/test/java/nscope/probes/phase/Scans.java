package nscope.probes.phase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nscope.probes.model.Scope;
import nscope.probes.read.TaskReader;
import nscope.probes.source.Host;

/** Scans of recorded hosts for the phase tests: a fixture's host, and a scan after the phases that come before the one tested. */
final class Scans {
    private Scans() {}

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("fixtures/synth-host"))) return p;
        throw new IllegalStateException(
                "no fixtures/synth-host above " + Path.of("").toAbsolutePath());
    }

    /** A recorded host from fixtures/. */
    static Host fixture(String name) throws IOException {
        return Host.under(repo().resolve("fixtures").resolve(name));
    }

    /** A new scan of the host, run through these phases in this order. */
    static Scan after(Host host, Scope scope, ScanPhase... phases) {
        Scan scan = new Scan(host, scope, new TaskReader(host, scope));
        for (ScanPhase p : phases) p.run(scan);
        return scan;
    }
}
