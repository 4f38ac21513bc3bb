import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nscope.app.journal.JournalReader;
import nscope.app.journal.JournalWriter;
import nscope.probes.model.Snapshot;

/**
 * For app/bench/replay-open: a long recording made from a short real one.
 * Reads every entry of IN (record it with --keyframe 0, so that each entry
 * is read alone), then writes N entries to OUT, STEP seconds apart, going
 * back and forth over IN's snapshots (so each delta is a real one between
 * neighbours), through the build's own JournalWriter with a keyframe every
 * KEYFRAME seconds. Runs on the class path of the build it writes for:
 *   java -cp app/target/nscope.jar app/bench/SynthHour.java IN OUT N STEP KEYFRAME
 */
public class SynthHour {
    public static void main(String[] a) throws Exception {
        JournalReader r = JournalReader.open(Path.of(a[0]));
        int n = Integer.parseInt(a[2]);
        long step = Long.parseLong(a[3]);
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < r.entries().size(); i++) snaps.add(r.snapshot(i));
        int m = snaps.size();
        Instant t0 = r.entries().get(0).wall();
        long boot0 = r.entries().get(0).frame().bootNanos();
        try (JournalWriter w = new JournalWriter(Path.of(a[1]), 0, Duration.ofSeconds(Long.parseLong(a[4])), 0)) {
            for (int j = 0; j < n; j++) {
                int cycle = j % Math.max(1, 2 * m - 2);
                int idx = m == 1 ? 0 : cycle < m ? cycle : 2 * m - 2 - cycle;
                w.append(snaps.get(idx), t0.plusSeconds(j * step), boot0 + j * step * 1_000_000_000L);
            }
            System.out.println(n + " entries, " + w.bytes() + " bytes, from " + m + " real ones");
        }
    }
}
