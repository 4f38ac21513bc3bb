package nscope.app.cli.common;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a recording is written: the options nscope record and the screen's --record share (a picocli
 * mixin), so both take them alike.
 */
public final class RecordOptions {
    @Option(
            names = "--max-size",
            paramLabel = "SIZE",
            converter = Size.class,
            description = "Begin the next file (FILE.1, FILE.2, ...) when one reaches SIZE (bytes, or 10K, 50M, 1G).")
    public long maxSize;

    @Option(
            names = "--keep",
            paramLabel = "N",
            description = "Keep only the N newest files of the recording (with --max-size: a retention limit).")
    public int keep;

    @Option(
            names = "--keyframe",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Seconds between whole snapshots in the recording (default ${DEFAULT-VALUE}).")
    public double keyframe;

    @Option(
            names = "--cgroup-figures",
            description = "Read the cgroup trees (usage, pressure) at every entry of the recording, as the screen"
                    + " does while its cgroup view is shown; by default once a minute.")
    public boolean cgroupFigures;

    /** Refuses what no recording can be written with; interval: the seconds between entries. */
    public void check(double interval) {
        if (keyframe < interval) throw new UserError("--keyframe must be at least the interval", 2);
        if (keep < 0) throw new UserError("--keep must be at least 0", 2);
    }

    public Duration keyframeEvery() {
        return Duration.ofNanos(Math.round(keyframe * 1e9));
    }

    /** A size: bytes, or with K, M or G (powers of 1024). */
    public static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            if (!v.matches("[0-9]{1,12}[KMG]?B?")) throw new TypeConversionException("'" + value + "' is not a size");
            v = v.endsWith("B") ? v.substring(0, v.length() - 1) : v;
            long unit = v.endsWith("K") ? 1L << 10 : v.endsWith("M") ? 1L << 20 : v.endsWith("G") ? 1L << 30 : 1;
            if (unit > 1) v = v.substring(0, v.length() - 1);
            return Long.parseLong(v) * unit;
        }
    }
}
