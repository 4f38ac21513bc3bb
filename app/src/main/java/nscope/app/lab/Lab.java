package nscope.app.lab;

import java.util.List;
import java.util.Optional;

/**
 * A lab: its exact name (what `nscope lab NAME` takes), a title, the seed
 * its facts come from, what it needs of the host, and its steps in order.
 */
public record Lab(String name, String title, String seed, Needs needs, List<Step> steps) {
    /** What a lab needs of this host: why it cannot run here, or nothing. */
    @FunctionalInterface
    public interface Needs {
        Optional<String> missing(HostAbilities host);

        Needs ROOT =
                h -> h.root() ? Optional.empty() : Optional.of("it changes the host's kernel objects: run as root");

        default Needs and(Needs other) {
            return h -> missing(h).or(() -> other.missing(h));
        }
    }
}
