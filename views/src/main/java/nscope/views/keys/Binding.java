package nscope.views.keys;

import java.util.List;
import java.util.Set;

/**
 * One line of the key table: the keys (as the help shows them, and as
 * pressed), what they do, whether they change the host (left out when the
 * screen is read-only), the modes they apply in, and what runs.
 *
 * @param shown   the keys as the help lists them ("Up/Down, k/j")
 * @param keys    the keys that run the handler (none: a key another part answers, e.g. Ctrl-] in a shell)
 * @param help    what they do, in words
 * @param mutates whether they change the host
 */
public record Binding(String shown, List<Key> keys, String help, boolean mutates, Set<Mode> modes, Handler handler) {
    /** What a key of the binding does; it is given the key pressed (one binding may answer Up and Down). */
    public interface Handler {
        void on(Key pressed);
    }

    public Binding {
        keys = List.copyOf(keys);
        modes = Set.copyOf(modes);
    }
}
