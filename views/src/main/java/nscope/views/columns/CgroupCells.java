package nscope.views.columns;

import java.util.Optional;
import nscope.probes.cgroups.CgValue;
import nscope.probes.cgroups.Cgroup;
import nscope.probes.cgroups.CgroupFigures;
import nscope.probes.readout.Readout;
import nscope.views.text.Decimals;

/** The cells of a cgroup row: counts, memory, CPU %, pids and pressure, as short text. */
public final class CgroupCells {
    private CgroupCells() {}

    /** A member count; "?" when the list could not be read, "-" when the kernel does not offer it (threaded). */
    public static String count(Readout<java.util.List<Integer>> members) {
        if (members.known()) return Integer.toString(members.get().size());
        return members.why().reason() == nscope.probes.readout.Unknown.Reason.NOT_PROVIDED ? "-" : "?";
    }

    /** "CURRENT/LIMIT" in binary units ("12.3M/512M", "4.0K/max"); "" when the hierarchy has no memory figures. */
    public static String memory(Cgroup c) {
        Optional<Long> cur = CgroupFigures.memoryCurrent(c);
        Optional<CgValue.Num> max = CgroupFigures.memoryLimit(c);
        if (cur.isEmpty() && max.isEmpty()) return "";
        return cur.map(CgroupCells::bytes).orElse("?")
                + max.map(m -> "/" + (m.unlimited() ? "max" : bytes(m.value()))).orElse("");
    }

    /** "CURRENT/MAX" of pids; "" when the hierarchy has no pids controller. */
    public static String pids(Cgroup c) {
        Optional<Long> cur = CgroupFigures.pidsCurrent(c);
        Optional<CgValue.Num> max = CgroupFigures.pidsMax(c);
        if (cur.isEmpty() && max.isEmpty()) return "";
        return cur.map(String::valueOf).orElse("?")
                + max.map(m -> "/" + (m.unlimited() ? "max" : Long.toUnsignedString(m.value())))
                        .orElse("");
    }

    /** "some" avg10 of cpu, memory and io pressure ("0.00/1.25/0.00"); "-" for a file not offered, "" when none is. */
    public static String pressure(Cgroup c) {
        String[] files = {"cpu.pressure", "memory.pressure", "io.pressure"};
        StringBuilder b = new StringBuilder();
        boolean any = false;
        for (String f : files) {
            Optional<Double> v = CgroupFigures.pressureSome10(c, f);
            any |= v.isPresent();
            if (b.length() > 0) b.append('/');
            b.append(v.isPresent() ? Decimals.fixed(v.get(), 2) : "-");
        }
        return any ? b.toString() : "";
    }

    public static String percent(Optional<Double> p) {
        return p.isPresent() ? Decimals.fixed(p.get(), 1) : "";
    }

    /** What stands out about a cgroup, after its name: type (if not domain), frozen, OOM kills, pids.max hits. */
    public static String marks(Cgroup c) {
        StringBuilder b = new StringBuilder();
        CgroupFigures.type(c)
                .filter(t -> !t.equals("domain"))
                .ifPresent(t -> b.append(" [").append(t).append(']'));
        if (CgroupFigures.frozen(c).orElse(false)) b.append(" [frozen]");
        CgroupFigures.oomKills(c)
                .filter(n -> n != 0)
                .ifPresent(n ->
                        b.append(" [oom_kill ").append(Long.toUnsignedString(n)).append(']'));
        CgroupFigures.pidsMaxHits(c)
                .filter(n -> n != 0)
                .ifPresent(n -> b.append(" [pids.max hit ")
                        .append(Long.toUnsignedString(n))
                        .append(']'));
        return b.toString();
    }

    /** Bytes in binary units with one decimal below 10 (as systemd-cgtop: 512B, 4.0K, 12.3M, 2G). */
    public static String bytes(long v) {
        if (v >= 0 && v < 1024) return v + "B";
        String[] units = {"K", "M", "G", "T", "P", "E"};
        double d = v < 0 ? (v >>> 1) * 2.0 : v; // unsigned above 2^63
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return Decimals.fixed(d, d < 10 ? 1 : 0) + units[u];
    }
}
