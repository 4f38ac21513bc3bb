package nscope.probes.lens;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * One task as the kernel holds it, read on demand ({@link LensReader}): its struct pid (one
 * {@link Level} per pid namespace level, the host's first), its thread group, its cgroups, its parent,
 * reaper and children, its namespaces for the next fork, its user namespaces and capabilities. Every
 * part that could not be read says why. Immutable.
 *
 * @param readAt  when the lens read the task (the live host: now; a recording: still now, the files are old)
 * @param live    read from the live host (ns_last_pid and the on-demand files only then)
 * @param source  "live" or the recording's directory
 */
public record TaskLens(
        Subject subject,
        Instant readAt,
        boolean live,
        String source,
        Readout<List<Level>> levels,
        Group group,
        Readout<List<CgroupPlace>> cgroups,
        Family family,
        ForChildren pidForChildren,
        ForChildren timeForChildren,
        Readout<List<UserLevel>> users,
        Readout<List<CapSet>> caps) {

    /**
     * The task: its TID, its process (TGID), its name and state, its start time (clock ticks after
     * boot, field 22 of stat) and the directory it was read from (/proc/TGID/task/TID).
     */
    public record Subject(int tid, int tgid, String comm, char state, long startTime, String dir) {
        public boolean thread() {
            return tid != tgid;
        }

        /** Its directory as the kernel names it, "/proc/TGID/task/TID" (whatever root it was read under). */
        public String kernelDir() {
            return "/proc/" + tgid + "/task/" + tid;
        }
    }

    /** The reason given for what only the live host answers (ns_last_pid, a file a capture never records). */
    public static final String RECORDING = "not available for a recording";

    /** Why a value is missing, in the lens's own words (for "no PID 1 yet", "not available for a recording"). */
    public record Gap(String reason, String detail) {
        public static Gap of(Unknown u) {
            if (u.detail().startsWith(RECORDING + ": "))
                return new Gap(RECORDING, u.detail().substring(RECORDING.length() + 2));
            return new Gap(u.reason().label(), u.detail());
        }
    }

    /**
     * One level of the task's struct pid: a pid namespace from the host's (level 0) down to the task's
     * own, the task's numbers there (NSpid, NStgid, NSpgid, NSsid of its status; 0 where the group's or
     * session's leader is outside that namespace), the namespace's PID 1 as a host PID, and its
     * ns_last_pid as a reader placed in it saw it.
     *
     * @param ns     the pid namespace (NS_GET_PARENT from the task's own, up to nscope's)
     * @param owner  the user namespace that owns it (NS_GET_USERNS)
     * @param pid    the task's number at this level: its PID, a thread's TID
     * @param lastPid null when unknown: then lastPidGap says why
     */
    public record Level(
            int level,
            Readout<NsId> ns,
            Readout<NsId> owner,
            int pid,
            int tgid,
            int pgid,
            int sid,
            Readout<Integer> init,
            Long lastPid,
            Gap lastPidGap,
            Instant lastPidReadAt) {}

    /**
     * One thread of the group: its TID at every level (NSpid, host first), and where it differs from
     * the leader: the namespace links and the cgroup hierarchies (by "ID:CONTROLLERS").
     */
    public record Member(
            int tid,
            String comm,
            char state,
            Readout<List<Integer>> nsPid,
            Readout<Set<NsLink>> nsDiffers,
            Readout<List<String>> cgroupsDiffer) {}

    /** The thread group: its leader's TID (the TGID) and every thread, the leader first. */
    public record Group(int leader, Readout<List<Member>> threads) {}

    /**
     * The task's cgroup in one hierarchy (its own task/TID/cgroup line), and the leader's where the task
     * is a thread (a v1 hierarchy lets a thread sit apart; null for the leader itself).
     *
     * @param hierarchy "v2" for the unified hierarchy (ID 0), else the controllers as the kernel writes
     *                  them ("memory", "cpu,cpuacct", "name=systemd")
     */
    public record CgroupPlace(int id, String hierarchy, String path, Readout<String> leaderPath) {
        /** Whether the leader was read and sits elsewhere in this hierarchy. */
        public boolean differs() {
            return leaderPath != null && leaderPath.known() && !leaderPath.get().equals(path);
        }
    }

    /** A process named by its host PID, with its name and its PID at every level it has (NSpid, host first). */
    public record Relative(int pid, String comm, List<Integer> nsPid) {}

    /**
     * Who the task hangs from and who inherits its children.
     *
     * @param parentInNs the parent's PID in the task's own pid namespace (what getppid() returns
     *                   there); 0 when the parent is outside it
     * @param reaper     PID 1 of the task's pid namespace (a child subreaper among its ancestors, which
     *                   the kernel does not show, would come first)
     * @param init       whether the task is itself PID 1 of its pid namespace
     * @param children   its children (every thread's), from task/TID/children
     */
    public record Family(
            Readout<Relative> parent,
            Readout<Integer> parentInNs,
            Readout<Relative> reaper,
            boolean init,
            Readout<List<Relative>> children) {}

    /**
     * A *_for_children link: the namespace the task's next child is made in, beside the task's own.
     *
     * @param next    null when unknown: then gap says why ("no PID 1 yet" for a pid namespace made by
     *                unshare(CLONE_NEWPID) whose first process is not made yet)
     * @param offsets for time_for_children, its clocks' offsets (timens_offsets); else null
     */
    public record ForChildren(NsLink link, Readout<NsId> own, NsId next, Gap gap, Readout<NsFacts.Time> offsets) {
        public static final String NO_INIT_YET = "no PID 1 yet";

        /** Whether the next child goes elsewhere than the task itself is (false when either is unknown). */
        public boolean differs() {
            return next != null && own.known() && !own.get().equals(next);
        }

        /** The pid namespace was made and has no PID 1: the next child will be it. */
        public boolean noInitYet() {
            return gap != null && gap.reason().equals(NO_INIT_YET);
        }
    }

    /**
     * One user namespace of the chain from the host's (level 0) down to the task's: its maps as nscope's
     * user namespace sees them (uid_map, gid_map: inside, outside in nscope's ids, count), the UID of its
     * creator, and the task's real UID and GID as numbered inside it.
     *
     * @param uid the task's real UID there; unknown when unmapped (the kernel shows the overflow UID, 65534)
     */
    public record UserLevel(
            int level,
            Readout<NsId> ns,
            Readout<Long> ownerUid,
            Readout<List<NsFacts.IdRange>> uidMap,
            Readout<List<NsFacts.IdRange>> gidMap,
            Readout<Long> uid,
            Readout<Long> gid) {}

    /** One capability set of status (CapEff, ...), its mask and its capabilities' names. */
    public record CapSet(String name, long mask, List<String> names) {}
}
