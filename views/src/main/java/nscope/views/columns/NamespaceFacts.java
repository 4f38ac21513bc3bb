package nscope.views.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            for (NsFacts.Interface i : n.interfaces()) parts.add(iface(i));
            return String.join(", ", parts);
        }
        if (f instanceof NsFacts.Pid p)
            return "level " + p.level()
                    + (p.lastPid().known() ? ", last PID " + p.lastPid().get() : "");
        if (f instanceof NsFacts.User u) {
            if (u.uidMap().isEmpty()) return "no uid map";
            return "uid " + range(u.uidMap().get(0))
                    + (u.uidMap().size() > 1 ? " +" + (u.uidMap().size() - 1) + " ranges" : "");
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

    /** "eth0 up 10.0.0.2/24 fd00::2/64 mtu 1500 veth peer 7@net:[4026532...]": state, first IPv4 and IPv6, MTU, peer. */
    static String iface(NsFacts.Interface i) {
        StringBuilder b = new StringBuilder(i.name()).append(' ').append(state(i));
        i.addresses().stream()
                .filter(x -> x.indexOf(':') < 0)
                .findFirst()
                .ifPresent(a -> b.append(' ').append(a));
        i.addresses().stream()
                .filter(x -> x.indexOf(':') >= 0)
                .findFirst()
                .ifPresent(a -> b.append(' ').append(a));
        if (i.mtu() != null) b.append(" mtu ").append(i.mtu());
        if (i.peerIndex() != null) b.append(' ').append(peer(i));
        return b.toString();
    }

    /** The link state: operstate in ip's words (lower case), or UP/DOWN from the flags where the driver reports none. */
    public static String state(NsFacts.Interface i) {
        if (i.operstate() != null && !i.operstate().equals("UNKNOWN"))
            return i.operstate().toLowerCase(Locale.ROOT);
        return i.flags().contains("UP") ? "up" : "down";
    }

    /** "peer 7@net:[4026532345]" (IFLA_LINK: a veth's other end, or the link it sits on), in this namespace when none is named. */
    public static String peer(NsFacts.Interface i) {
        return "peer " + i.peerIndex()
                + (i.peerNetns() != null
                        ? "@net:[" + i.peerNetns() + "]"
                        : i.peerNetnsId() != null ? "@netnsid " + i.peerNetnsId() : "");
    }

    /** "inside 0 -> outside 1000, count 65536": one line of uid_map or gid_map, each figure named. */
    public static String range(NsFacts.IdRange m) {
        return "inside " + m.inside() + " -> outside " + m.outside() + ", count " + m.count()
                + (m.inside() == 0 && m.outside() == 0 && m.count() == 4294967295L ? " (every id, unchanged)" : "");
    }

    private static String offset(long sec, long nsec) {
        if (nsec == 0) return (sec >= 0 ? "+" : "") + sec + "s";
        return String.format(java.util.Locale.ROOT, "%+.3fs", sec + nsec / 1e9);
    }
}
