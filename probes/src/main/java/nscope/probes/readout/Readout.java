package nscope.probes.readout;

import java.util.Objects;
import java.util.function.Function;

/** A value read from the kernel, or the reason it could not be read. Never a made-up default. */
public final class Readout<T> {
    private final T value;
    private final Unknown unknown;

    private Readout(T value, Unknown unknown) {
        this.value = value;
        this.unknown = unknown;
    }

    public static <T> Readout<T> of(T value) {
        return new Readout<>(Objects.requireNonNull(value), null);
    }

    public static <T> Readout<T> unknown(Unknown why) {
        return new Readout<>(null, Objects.requireNonNull(why));
    }

    public static <T> Readout<T> unknown(Unknown.Reason reason, String detail) {
        return unknown(new Unknown(reason, detail));
    }

    public boolean known() {
        return unknown == null;
    }

    /** The value; only call when {@link #known()}. */
    public T get() {
        if (unknown != null) throw new IllegalStateException("value is " + unknown);
        return value;
    }

    public T orNull() {
        return value;
    }

    public Unknown why() {
        return unknown;
    }

    public <R> Readout<R> map(Function<T, R> f) {
        return known() ? of(f.apply(value)) : unknown(unknown);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Readout<?> r && same(value, r.value) && Objects.equals(unknown, r.unknown);
    }

    /** Lists by index: List.equals makes an iterator, and the refresh compares a few lists per task it reads. */
    private static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a instanceof java.util.RandomAccess
                && a instanceof java.util.List<?> x
                && b instanceof java.util.RandomAccess
                && b instanceof java.util.List<?> y) {
            int n = x.size();
            if (n != y.size()) return false;
            for (int i = 0; i < n; i++) if (!Objects.equals(x.get(i), y.get(i))) return false;
            return true;
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        // Objects.hash's value without its array (made for every task's links as they are shared)
        return (31 + Objects.hashCode(value)) * 31 + Objects.hashCode(unknown);
    }

    @Override
    public String toString() {
        return known() ? String.valueOf(value) : unknown.toString();
    }
}
