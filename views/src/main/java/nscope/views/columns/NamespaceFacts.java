package nscope.views.columns;

import java.util.ArrayList;
import java.util.List;
import nscope.probes.model.NsFacts;
import nscope.probes.readout.Readout;

/** The key fact of a namespace, in a few words, for its row. */
public final class NamespaceFacts {
    private NamespaceFacts() {}

    public static String summary(Readout<NsFacts> r) {
        if (r == null) return "";
        if (!r.known()) return r.why().toString();
        NsFacts f = r.get();
        if (f instanceof NsFacts.Uts u) return "hostname " + u.hostname();
        if (f instanceof NsFacts.Ipc i) return "shm " + i.shm() + " sem " + i.sem() + " msg " + i.msg();
        if (f instanceof NsFacts.Net n) {
            List<String> parts = new ArrayList<>();
            for (NsFacts.Interface i : n.interfaces()) {
                String a = i.addresses().stream()
                        .filter(x -> x.indexOf(':') < 0)
                        .findFirst()
                        .orElse(null);
                parts.add(i.name() + (a == null ? "" : " " + a) + (i.flags().contains("UP") ? "" : " (down)"));
            }
            return String.join(", ", parts);
        }
        if (f instanceof NsFacts.Pid p)
            return "level " + p.level()
                    + (p.lastPid().known() ? ", last PID " + p.lastPid().get() : "");
        if (f instanceof NsFacts.User u) {
            if (u.uidMap().isEmpty()) return "no uid map";
            NsFacts.IdRange m = u.uidMap().get(0);
            return "uid " + m.inside() + " -> " + m.outside() + " (" + m.count() + ")"
                    + (u.uidMap().size() > 1 ? " +" + (u.uidMap().size() - 1) : "");
        }
        if (f instanceof NsFacts.Time t)
            return "monotonic " + offset(t.monotonicSec(), t.monotonicNsec()) + ", boottime "
                    + offset(t.boottimeSec(), t.boottimeNsec());
        if (f instanceof NsFacts.Mnt m) return m.table().mounts().size() + " mounts";
        if (f instanceof NsFacts.Cgroup c) {
            return c.roots().stream()
                    .filter(l -> l.id() == 0)
                    .findFirst()
                    .or(() -> c.roots().stream().findFirst())
                    .map(l -> "root " + l.path())
                    .orElse("root unknown");
        }
        return "";
    }

    private static String offset(long sec, long nsec) {
        if (nsec == 0) return (sec >= 0 ? "+" : "") + sec + "s";
        return String.format(java.util.Locale.ROOT, "%+.3fs", sec + nsec / 1e9);
    }
}
