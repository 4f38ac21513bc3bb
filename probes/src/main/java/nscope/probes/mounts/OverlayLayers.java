package nscope.probes.mounts;

import java.util.List;
import java.util.Optional;

/**
 * The layers of an overlay mount, from its superblock options: lowerdir
 * (colon-separated, top layer first, "\:" a literal colon, "::" before the
 * data-only layers) or the one-path-each lowerdir+= and datadir+= options;
 * upperdir and workdir, absent on a read-only overlay. Paths are as the
 * mounter gave them, in the mounter's view of the filesystem.
 *
 * @param lowerdirs the lower layers, uppermost first
 * @param datadirs  data-only lower layers (metacopy redirects only), in order
 */
public record OverlayLayers(
        List<String> lowerdirs, List<String> datadirs, Optional<String> upperdir, Optional<String> workdir) {
    public OverlayLayers {
        lowerdirs = List.copyOf(lowerdirs);
        datadirs = List.copyOf(datadirs);
    }

    /** One line per layer, as the mount trees list them: "lower: P" uppermost first, then "data:", "upper:", "work:". */
    public List<String> lines() {
        return lines(p -> p);
    }

    /** The same, each path passed through {@code path} first (a view escaping it for its cells). */
    public List<String> lines(java.util.function.UnaryOperator<String> path) {
        List<String> out = new java.util.ArrayList<>();
        for (String l : lowerdirs) out.add("lower: " + path.apply(l));
        for (String d : datadirs) out.add("data: " + path.apply(d));
        upperdir.ifPresent(u -> out.add("upper: " + path.apply(u)));
        workdir.ifPresent(w -> out.add("work: " + path.apply(w)));
        return out;
    }
}
