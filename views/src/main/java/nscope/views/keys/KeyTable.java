package nscope.views.keys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the screen answers to, in the order the help lists them:
 * dispatch, the help overlay and the read-only mode all come from here, so
 * none can drift from what the keys do.
 */
public final class KeyTable {
    private final List<Binding> bindings;
    private final Map<Mode, Map<Key, Binding>> byKey = new HashMap<>();

    /** @throws IllegalArgumentException when two bindings share a key in a mode */
    public KeyTable(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
        for (Binding b : this.bindings)
            for (Mode m : b.modes())
                for (Key k : b.keys()) {
                    Binding other =
                            byKey.computeIfAbsent(m, x -> new HashMap<>()).putIfAbsent(k, b);
                    if (other != null)
                        throw new IllegalArgumentException(
                                k.label() + " is bound twice in " + m + ": " + other.shown() + ", " + b.shown());
                }
    }

    /** Every binding, in help order. */
    public List<Binding> all() {
        return bindings;
    }

    /** The bindings of a mode the screen offers: without those that change the host when it may not (read-only). */
    public List<Binding> offered(Mode m, boolean canAct) {
        return bindings.stream()
                .filter(b -> b.modes().contains(m) && (canAct || !b.mutates()))
                .toList();
    }

    /** The binding a key has in a mode; a Ctrl-key that has none answers as the key alone. */
    public Optional<Binding> find(Mode m, Key k) {
        Map<Key, Binding> keys = byKey.getOrDefault(m, Map.of());
        Binding b = keys.get(k);
        if (b == null && k.ctrl()) b = keys.get(k.plain());
        return Optional.ofNullable(b);
    }
}
