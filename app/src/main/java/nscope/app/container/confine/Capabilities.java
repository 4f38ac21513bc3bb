package nscope.app.container.confine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nscope.act.ActionException;

/**
 * Linux capabilities by name (without CAP_) and number, and a container's set from --cap-add, --cap-drop
 * and --privileged with Docker's semantics (moby daemon/pkg/oci/caps/utils.go, TweakCapabilities).
 */
public final class Capabilities {
    /** Indexed by number, as in linux/capability.h up to CAP_LAST_CAP (CHECKPOINT_RESTORE = 40). */
    private static final List<String> NAMES = List.of(
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

    /** Every capability of the table, by number. */
    static final Set<String> ALL = ordered(NAMES);

    /** Docker's default set (moby daemon/pkg/oci/caps/defaults.go). */
    public static final Set<String> DEFAULTS = ordered(List.of(
            "CHOWN",
            "DAC_OVERRIDE",
            "FSETID",
            "FOWNER",
            "MKNOD",
            "NET_RAW",
            "SETGID",
            "SETUID",
            "SETFCAP",
            "SETPCAP",
            "NET_BIND_SERVICE",
            "SYS_CHROOT",
            "KILL",
            "AUDIT_WRITE"));

    private static final String ALL_WORD = "ALL";

    private Capabilities() {}

    /**
     * The container's capabilities. Like moby: privileged means all; ALL in add means all but those
     * dropped; ALL in drop means only those added; otherwise the defaults less those dropped plus those
     * added, so a name both added and dropped is kept (moby accepts it; the add wins).
     */
    static Set<String> resolve(List<String> add, List<String> drop, boolean privileged) throws ActionException {
        // checked even when privileged, as moby's verifyContainerSettings does
        Set<String> adds = normalize(add), drops = normalize(drop);
        if (privileged) return ALL;
        List<String> out = new ArrayList<>();
        if (adds.contains(ALL_WORD)) {
            for (String c : NAMES) if (!drops.contains(c)) out.add(c);
        } else if (drops.contains(ALL_WORD)) {
            out.addAll(adds);
        } else {
            for (String c : DEFAULTS) if (!drops.contains(c)) out.add(c);
            out.addAll(adds);
        }
        return ordered(out);
    }

    /** Upper case without CAP_, or ALL; an unknown name is refused (CAP_ALL too, as in moby). */
    private static Set<String> normalize(List<String> names) throws ActionException {
        Set<String> out = new LinkedHashSet<>();
        for (String given : names) {
            String c = given.strip().toUpperCase(Locale.ROOT);
            if (c.equals(ALL_WORD)) {
                out.add(c);
                continue;
            }
            if (c.startsWith("CAP_")) c = c.substring(4);
            if (!NAMES.contains(c))
                throw new ActionException("unknown capability \"" + given + "\": give ALL or a name from"
                        + " capabilities(7) such as NET_ADMIN, with or without CAP_, in any case");
            out.add(c);
        }
        return out;
    }

    /** The number of a capability named with or without CAP_, in any case; -1 if unknown. */
    static int number(String name) {
        String c = name.toUpperCase(Locale.ROOT);
        return NAMES.indexOf(c.startsWith("CAP_") ? c.substring(4) : c);
    }

    /** The name (without CAP_) of capability {@code number}. */
    static String name(int number) {
        if (number < 0 || number >= NAMES.size()) throw new IllegalArgumentException("no capability number " + number);
        return NAMES.get(number);
    }

    /** Bit i set for capability number i. */
    static long mask(Set<String> names) {
        long m = 0;
        for (String n : names) {
            int i = number(n);
            if (i < 0) throw new IllegalArgumentException("unknown capability " + n);
            m |= 1L << i;
        }
        return m;
    }

    /** The names of the bits set; bits past the table (a newer kernel's) are left out: none can name them. */
    static Set<String> ofMask(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) if ((mask & (1L << i)) != 0) out.add(NAMES.get(i));
        return ordered(out);
    }

    /** The bounding set from the text of /proc/self/status (its "CapBnd:" line, in hex). */
    public static long bounding(String procSelfStatusText) {
        for (String line : procSelfStatusText.split("\n")) {
            if (line.startsWith("CapBnd:"))
                return Long.parseUnsignedLong(line.substring(7).strip(), 16);
        }
        throw new IllegalArgumentException("no CapBnd line in the process status");
    }

    /** An unmodifiable set of known names in capability-number order. */
    private static Set<String> ordered(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : NAMES) if (names.contains(n)) out.add(n);
        return Collections.unmodifiableSet(out);
    }
}
