package nscope.probes.model;

/**
 * The ten links in /proc/PID/task/TID/ns. pid_for_children and
 * time_for_children name the namespace the task's future children get.
 */
public enum NsLink {
    CGROUP(NsKind.CGROUP, false),
    IPC(NsKind.IPC, false),
    MNT(NsKind.MNT, false),
    NET(NsKind.NET, false),
    PID(NsKind.PID, false),
    PID_FOR_CHILDREN(NsKind.PID, true),
    TIME(NsKind.TIME, false),
    TIME_FOR_CHILDREN(NsKind.TIME, true),
    USER(NsKind.USER, false),
    UTS(NsKind.UTS, false);

    private final NsKind kind;
    private final boolean forChildren;
    private final String fileName;

    NsLink(NsKind kind, boolean forChildren) {
        this.kind = kind;
        this.forChildren = forChildren;
        this.fileName = name().toLowerCase(java.util.Locale.ROOT);
    }

    public NsKind kind() {
        return kind;
    }

    /** True for the *_for_children links: not membership, a pending namespace. */
    public boolean forChildren() {
        return forChildren;
    }

    /** The file name under ns/, e.g. "pid_for_children". */
    public String fileName() {
        return fileName;
    }

    /** The membership link of a kind (PID for PID, never PID_FOR_CHILDREN). */
    public static NsLink of(NsKind kind) {
        return switch (kind) {
            case CGROUP -> CGROUP;
            case IPC -> IPC;
            case MNT -> MNT;
            case NET -> NET;
            case PID -> PID;
            case TIME -> TIME;
            case USER -> USER;
            case UTS -> UTS;
        };
    }
}
