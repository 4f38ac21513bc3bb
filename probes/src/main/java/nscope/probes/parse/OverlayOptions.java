package nscope.probes.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nscope.probes.mounts.OverlayLayers;

/**
 * An overlay's layers from its superblock options (already decoded from the
 * kernel's octal escapes). The kernel shows either the lowerdir string the
 * mounter gave (layers split at ":", "\" escaping the next character, "::"
 * before the data-only layers), or one lowerdir+= / datadir+= option per
 * layer (paths taken literally); then upperdir and workdir when writable.
 */
public final class OverlayOptions {
    private OverlayOptions() {}

    public static OverlayLayers parse(List<String> superOptions) throws Malformed {
        List<String> lower = new ArrayList<>(), data = new ArrayList<>();
        String upper = null, work = null;
        boolean legacy = false;
        for (String o : superOptions) {
            if (o.startsWith("lowerdir=")) {
                if (legacy || !lower.isEmpty() || !data.isEmpty())
                    throw new Malformed("overlay: lowerdir given twice or with lowerdir+=");
                legacy = true;
                splitLowerdir(o.substring("lowerdir=".length()), lower, data);
            } else if (o.startsWith("lowerdir+=")) {
                if (legacy || !data.isEmpty()) throw new Malformed("overlay: lowerdir+= after lowerdir= or datadir+=");
                lower.add(path(o, "lowerdir+="));
            } else if (o.startsWith("datadir+=")) {
                if (legacy) throw new Malformed("overlay: datadir+= with lowerdir=");
                data.add(path(o, "datadir+="));
            } else if (o.startsWith("upperdir=")) {
                if (upper != null) throw new Malformed("overlay: upperdir given twice");
                upper = path(o, "upperdir=");
            } else if (o.startsWith("workdir=")) {
                if (work != null) throw new Malformed("overlay: workdir given twice");
                work = path(o, "workdir=");
            }
        }
        if (lower.isEmpty()) throw new Malformed("overlay: no lower layer in its options");
        return new OverlayLayers(lower, data, Optional.ofNullable(upper), Optional.ofNullable(work));
    }

    private static String path(String option, String key) throws Malformed {
        String p = option.substring(key.length());
        if (p.isEmpty()) throw new Malformed("overlay: " + key + " is empty");
        return p;
    }

    /** Splits "a:b\:c::d" into lower [a, b:c] and data [d], as the kernel's lowerdir parser does. */
    static void splitLowerdir(String s, List<String> lower, List<String> data) throws Malformed {
        StringBuilder cur = new StringBuilder();
        boolean dataLayers = false;
        int i = 0, n = s.length();
        while (true) {
            if (i < n && s.charAt(i) == '\\') {
                if (i + 1 >= n) throw new Malformed("overlay: lowerdir '" + s + "' ends in a lone backslash");
                cur.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (i < n && s.charAt(i) != ':') {
                cur.append(s.charAt(i++));
                continue;
            }
            // a layer ends: at a colon or the end
            if (cur.length() == 0) throw new Malformed("overlay: lowerdir '" + s + "' has an empty layer");
            (dataLayers ? data : lower).add(cur.toString());
            cur.setLength(0);
            if (i >= n) return;
            i++;
            if (i < n && s.charAt(i) == ':') {
                i++;
                dataLayers = true;
                if (i < n && s.charAt(i) == ':')
                    throw new Malformed("overlay: lowerdir '" + s + "' has three colons in a row");
            }
            if (i >= n) throw new Malformed("overlay: lowerdir '" + s + "' ends in a colon");
        }
    }
}
