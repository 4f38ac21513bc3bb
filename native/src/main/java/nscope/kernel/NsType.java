package nscope.kernel;

import java.util.Optional;

/** The eight namespace types, by the CLONE_NEW* flag NS_GET_NSTYPE returns and the name of their /proc/PID/ns link. */
public enum NsType {
    MNT(CloneFlags.NEWNS, "mnt"),
    CGROUP(CloneFlags.NEWCGROUP, "cgroup"),
    UTS(CloneFlags.NEWUTS, "uts"),
    IPC(CloneFlags.NEWIPC, "ipc"),
    USER(CloneFlags.NEWUSER, "user"),
    PID(CloneFlags.NEWPID, "pid"),
    NET(CloneFlags.NEWNET, "net"),
    TIME(CloneFlags.NEWTIME, "time");

    private final int flag;
    private final String link;

    NsType(int flag, String link) {
        this.flag = flag;
        this.link = link;
    }

    /** The CLONE_NEW* flag, as setns(2) takes it. */
    public int flag() {
        return flag;
    }

    /** The name in /proc/PID/ns/ ("net", "mnt", ...). */
    public String link() {
        return link;
    }

    /** Only pid and user namespaces have parents (NS_GET_PARENT). */
    public boolean hierarchical() {
        return this == PID || this == USER;
    }

    public static Optional<NsType> ofFlag(int flag) {
        for (NsType t : values()) if (t.flag == flag) return Optional.of(t);
        return Optional.empty();
    }

    @Override
    public String toString() {
        return link;
    }
}
