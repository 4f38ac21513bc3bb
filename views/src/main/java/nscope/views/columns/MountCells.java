package nscope.views.columns;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.mounts.Mount;

/** A mount's SOURCE and OPTIONS as findmnt shows them, for text and JSON alike. */
public final class MountCells {
    private MountCells() {}

    /**
     * The source, with the mounted directory in brackets when it is not the
     * filesystem's root ("/dev/vda[/srv/data]" for a bind mount); null when
     * the mount has no source, as findmnt -J gives it.
     */
    public static String source(Mount m) {
        if (m.source().isEmpty()) return null;
        return m.root().equals("/") ? m.source() : m.source() + "[" + m.root() + "]";
    }

    /**
     * The mount's options and then its superblock's, as libmount merges them
     * (its merge_optstr): "rw" or "ro" once, first; the same text when both
     * are equal.
     */
    public static String options(Mount m) {
        return merge(m.options(), m.superOptions());
    }

    /** The line that stands for an overlay's layers when its layer options could not be parsed. */
    public static String layersUnknown(String why) {
        return "layers: unknown (" + why + ")";
    }

    /** The options without an overlay's layers (lowerdir=, upperdir=, ...): a text table lists those on lines of their own. */
    public static String optionsWithoutLayers(Mount m) {
        List<String> fs = new ArrayList<>();
        for (String o : m.superOptions()) if (LAYER_KEYS.stream().noneMatch(o::startsWith)) fs.add(o);
        return merge(m.options(), fs);
    }

    private static final List<String> LAYER_KEYS =
            List.of("lowerdir=", "lowerdir+=", "datadir+=", "upperdir=", "workdir=");

    static String merge(List<String> vfs, List<String> fs) {
        if (vfs.equals(fs)) return String.join(",", vfs);
        List<String> p = new ArrayList<>(vfs);
        p.addAll(fs);
        int rw = 0, ro = 0;
        rw += removeFirst(p, "rw");
        rw += removeFirst(p, "rw");
        if (rw != 2) {
            ro += removeFirst(p, "ro");
            if (ro + rw < 2) ro += removeFirst(p, "ro");
        }
        String flag = ro > 0 ? "ro" : "rw";
        return p.isEmpty() ? flag : flag + "," + String.join(",", p);
    }

    /** Removes the first option named {@code name} (with or without a value); 1 if there was one. */
    private static int removeFirst(List<String> opts, String name) {
        for (int i = 0; i < opts.size(); i++) {
            String o = opts.get(i);
            if (o.equals(name) || o.startsWith(name + "=")) {
                opts.remove(i);
                return 1;
            }
        }
        return 0;
    }
}
