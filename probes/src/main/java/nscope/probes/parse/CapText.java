package nscope.probes.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capabilities: their names by number (linux/capability.h, without CAP_) and the five sets of
 * /proc/PID/status (CapInh, CapPrm, CapEff, CapBnd, CapAmb: 64-bit masks in hex), decoded to names.
 */
public final class CapText {
    private CapText() {}

    /** Indexed by number, as in linux/capability.h up to CAP_LAST_CAP (CHECKPOINT_RESTORE = 40). */
    public static final List<String> NAMES = List.of(
            "CHOWN",
            "DAC_OVERRIDE",
            "DAC_READ_SEARCH",
            "FOWNER",
            "FSETID",
            "KILL",
            "SETGID",
            "SETUID",
            "SETPCAP",
            "LINUX_IMMUTABLE",
            "NET_BIND_SERVICE",
            "NET_BROADCAST",
            "NET_ADMIN",
            "NET_RAW",
            "IPC_LOCK",
            "IPC_OWNER",
            "SYS_MODULE",
            "SYS_RAWIO",
            "SYS_CHROOT",
            "SYS_PTRACE",
            "SYS_PACCT",
            "SYS_ADMIN",
            "SYS_BOOT",
            "SYS_NICE",
            "SYS_RESOURCE",
            "SYS_TIME",
            "SYS_TTY_CONFIG",
            "MKNOD",
            "LEASE",
            "AUDIT_WRITE",
            "AUDIT_CONTROL",
            "SETFCAP",
            "MAC_OVERRIDE",
            "MAC_ADMIN",
            "SYSLOG",
            "WAKE_ALARM",
            "BLOCK_SUSPEND",
            "AUDIT_READ",
            "PERFMON",
            "BPF",
            "CHECKPOINT_RESTORE");

    /** The status lines of the five sets, in the order the kernel prints them. */
    public static final List<String> SETS = List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb");

    /**
     * The names of the bits set, by number; a bit past the table (a newer kernel's) is named by its
     * number ("cap41"), never left out.
     */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) == 0) continue;
            out.add(i < NAMES.size() ? NAMES.get(i) : "cap" + i);
        }
        return out;
    }

    /**
     * The five sets of a status file's text, by line name, in the kernel's order. A set the kernel
     * does not print (CapAmb before Linux 4.3) is absent; a line that is there but not a 64-bit hex
     * mask is malformed.
     */
    public static Map<String, Long> sets(String statusText) throws Malformed {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String line : statusText.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !SETS.contains(line.substring(0, colon))) continue;
            String hex = line.substring(colon + 1).strip();
            if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
                throw new Malformed("status: " + line.substring(0, colon) + " is not a 64-bit hex mask: " + hex);
            found.putIfAbsent(line.substring(0, colon), Long.parseUnsignedLong(hex, 16));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : SETS) if (found.containsKey(s)) out.put(s, found.get(s));
        return out;
    }
}
