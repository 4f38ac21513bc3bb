package nscope.probes.model;

/** The eight namespace types of Linux, named as in /proc/PID/ns. */
public enum NsKind {
    CGROUP,
    IPC,
    MNT,
    NET,
    PID,
    TIME,
    USER,
    UTS;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }

    /** The type for a label such as "net"; null when there is none. */
    public static NsKind parse(String label) {
        return switch (label) {
            case "cgroup" -> CGROUP;
            case "ipc" -> IPC;
            case "mnt" -> MNT;
            case "net" -> NET;
            case "pid" -> PID;
            case "time" -> TIME;
            case "user" -> USER;
            case "uts" -> UTS;
            default -> null;
        };
    }
}
