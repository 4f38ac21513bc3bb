package nscope.app.cli.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one unit of every --interval: seconds, fractions allowed (0.5 is half a second). Each command
 * has its own range; a value outside it, or one that is not a plain decimal number, is refused with
 * what the option takes (picocli prefixes the option's name).
 */
public abstract class Seconds implements ITypeConverter<Double> {
    private final double min, max;

    Seconds(double min, double max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Double convert(String value) {
        double s;
        try {
            // a plain decimal only: Double.parseDouble would also take "NaN", "Infinity", "1e3" and "0x1p3"
            if (!value.strip().matches("[0-9]*\\.?[0-9]+|[0-9]+\\.")) throw new NumberFormatException();
            s = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds (" + range() + ")");
        }
        if (s < min || s > max)
            throw new TypeConversionException(value + " seconds is out of range (" + range() + ")"
                    + (s > max && s >= 100 ? "; the interval is in seconds, not milliseconds" : ""));
        return s;
    }

    private String range() {
        return "seconds from " + plain(min) + " to " + plain(max) + ", e.g. 2 or 0.5";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The live screen's refresh: a fifth of a second to an hour. */
    public static final class Refresh extends Seconds {
        public Refresh() {
            super(0.2, 3600);
        }
    }

    /** The time between the two scans CPU% is measured over: 0 (one scan, no CPU%) to a minute. */
    public static final class Sample extends Seconds {
        public Sample() {
            super(0, 60);
        }
    }
}
