package nscope.probes.model;

/** The eight namespace types of Linux, named as in /proc/PID/ns. */
public enum NsKind {
    CGROUP, IPC, MNT, NET, PID, TIME, USER, UTS;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The type for a label such as "net"; null when there is none. */
    public static NsKind parse(String label) {
        for (NsKind k : values()) if (k.label().equals(label)) return k;
        return null;
    }
}
