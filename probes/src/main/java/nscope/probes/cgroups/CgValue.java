package nscope.probes.cgroups;

import java.util.List;
import java.util.Map;

/** The value of one cgroup interface file, typed by what the kernel documents for that file. */
public sealed interface CgValue {
    /**
     * A number, or unlimited: "max" in v2, -1 for cpu.cfs_quota_us, and the
     * page counter's ceiling that v1 memory limits show when none is set.
     *
     * @param raw   the file's text, trimmed, as the kernel wrote it
     * @param value unsigned 64-bit; null when unlimited
     */
    record Num(String raw, Long value) implements CgValue {
        public boolean unlimited() {
            return value == null;
        }
    }

    /** Text shown as it is (cgroup.type, cpuset lists, freezer.state, io.max lines). */
    record Text(String text) implements CgValue {}

    /** A space-separated list (cgroup.controllers, cgroup.subtree_control). */
    record Words(List<String> words) implements CgValue {
        public Words {
            words = List.copyOf(words);
        }
    }

    /** "KEY VALUE" lines (cgroup.events, memory.events, cpu.stat, memory.stat, ...), in the kernel's order. */
    record Keyed(Map<String, Long> fields) implements CgValue {
        public Keyed {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        public Long get(String key) {
            return fields.get(key);
        }
    }

    /** cpu.max: the quota per period (unlimited: "max") and the period, in microseconds. */
    record CpuMax(Num quota, long periodUsec) implements CgValue {}

    /** A PSI file: the "some" line, and the "full" line where the kernel writes one (not for cpu before 5.13). */
    record Pressure(Line some, Line full) implements CgValue {}

    /** One PSI line: share of time stalled, averaged over 10 s, 60 s and 300 s (percent), and the total in microseconds. */
    record Line(double avg10, double avg60, double avg300, long totalUsec) {}
}
