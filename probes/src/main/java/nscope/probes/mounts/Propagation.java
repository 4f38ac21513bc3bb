package nscope.probes.mounts;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A mount's propagation, from mountinfo's optional fields (proc(5)):
 * {@code shared:N} (member of peer group N), {@code master:N} (receives
 * from peer group N), {@code propagate_from:N} (the nearest dominant peer
 * group visible to the reader), {@code unbindable}. None of them: private.
 *
 * @param other optional fields this parser does not know (a newer kernel's), kept as written
 */
public record Propagation(
        OptionalInt shared, OptionalInt master, OptionalInt propagateFrom, boolean unbindable, List<String> other) {
    public static final Propagation PRIVATE =
            new Propagation(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, List.of());

    public Propagation {
        other = List.copyOf(other);
    }

    /** Neither shared, nor a slave, nor unbindable. */
    public boolean isPrivate() {
        return shared.isEmpty() && master.isEmpty() && !unbindable;
    }

    /** The optional fields as mountinfo writes them, comma-joined ("shared:1,master:3"); "private" when none. */
    public String tags() {
        List<String> t = new ArrayList<>();
        shared.ifPresent(n -> t.add("shared:" + n));
        master.ifPresent(n -> t.add("master:" + n));
        propagateFrom.ifPresent(n -> t.add("propagate_from:" + n));
        if (unbindable) t.add("unbindable");
        t.addAll(other);
        return t.isEmpty() ? "private" : String.join(",", t);
    }

    /**
     * The propagation in findmnt's PROPAGATION words, exactly: "shared" or
     * "private", then ",slave" for a slave and ",unbindable" for an
     * unbindable mount ("private,slave", "shared,slave",
     * "private,unbindable"). libmount looks for "shared:", "master:" and
     * "unbindable" anywhere in the optional fields, so a field this parser
     * kept in {@link #other} counts as it counts there.
     */
    public String kinds() {
        boolean isShared = shared.isPresent() || other.stream().anyMatch(o -> o.contains("shared:"));
        boolean slave = master.isPresent() || other.stream().anyMatch(o -> o.contains("master:"));
        boolean unbind = unbindable || other.stream().anyMatch(o -> o.contains("unbindable"));
        return (isShared ? "shared" : "private") + (slave ? ",slave" : "") + (unbind ? ",unbindable" : "");
    }
}
