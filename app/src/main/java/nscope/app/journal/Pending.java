package nscope.app.journal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A record that entries changed with {"+", "-"} of a sorted list of
 * integers (a namespace's thousands of tasks, of which a few came or went),
 * not made yet: the record it began as and what each later entry changed,
 * folded together. Opening a moment 300 entries after its keyframe then
 * makes each such namespace once, not once per entry.
 */
final class Pending {
    private final Record base;
    private final Records.Shape shape;
    /** Per component: its new value when {@code given}; a list's change when an {@link Ints}. */
    private final Object[] values;

    private final boolean[] given;

    private Pending(Record base, Records.Shape shape) {
        this.base = base;
        this.shape = shape;
        this.values = new Object[shape.types().length];
        this.given = new boolean[values.length];
    }

    /**
     * {@code like} made on {@code other} (a record, or one pending): a record at once when it changes no list,
     * else pending.
     */
    static Object on(ModelReader.Like like, Object other) {
        Pending p;
        if (other instanceof Pending q) p = q; // the state holds it alone: changed in place
        else if (!like.changesList()) return like.on((Record) other);
        else p = new Pending((Record) other, like.shape());
        Object[] args = like.args();
        for (int i = 0; i < args.length; i++) {
            if (!like.given()[i]) continue;
            if (args[i] instanceof int[][] d) {
                if (!(p.values[i] instanceof Ints))
                    p.values[i] = new Ints(
                            (List<?>) (p.given[i] ? p.values[i] : p.shape.components(p.base)[i]));
                ((Ints) p.values[i]).apply(d);
            } else p.values[i] = args[i];
            p.given[i] = true;
        }
        return p;
    }

    Object make() {
        Object[] all = shape.components(base);
        for (int i = 0; i < all.length; i++)
            if (given[i]) all[i] = values[i] instanceof Ints c ? c.applied() : values[i];
        return shape.make(all);
    }

    /** A sorted list of integers less {@code removed} and with {@code added}. */
    private static final class Ints {
        private final List<?> before;
        private final Set<Integer> added = new HashSet<>(), removed = new HashSet<>();

        Ints(List<?> before) {
            this.before = before;
        }

        void apply(int[][] d) {
            for (int x : d[1]) if (!added.remove(x)) removed.add(x);
            for (int x : d[0]) if (!removed.remove(x)) added.add(x);
        }

        List<Integer> applied() {
            List<Integer> out = new ArrayList<>(before.size() + added.size());
            for (Object o : before) if (!removed.contains(o)) out.add((Integer) o);
            out.addAll(added);
            out.sort(null);
            return out;
        }
    }

    /** A value an entry sets, kept as its JSON until a snapshot needs it: a later entry may set it again. */
    record Lazy(byte[] json, int start, int end, java.lang.reflect.Type type) {
        private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

        Object make() {
            try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json, start, end - start)) {
                p.nextToken();
                return new ModelReader(p).read(type);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("an entry's value is not whole: " + e.getMessage(), e);
            }
        }
    }
}
