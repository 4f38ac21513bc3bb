package nscope.probes.model;

import java.util.List;
import nscope.probes.readout.Readout;

/**
 * What a namespace holds, one record per type (mnt has its mount table, from
 * the mount tables phase). Read by the facts, mount facts and cgroup phases.
 */
public sealed interface NsFacts {
    /** uts: the names the namespace's members see (sethostname, setdomainname). */
    record Uts(String hostname, String domainname) implements NsFacts {}

    /** ipc: how many SysV shared memory segments, semaphore sets and message queues it holds. */
    record Ipc(int shm, int sem, int msg) implements NsFacts {}

    /** net: its interfaces, by index. */
    record Net(List<Interface> interfaces) implements NsFacts {
        public Net {
            interfaces = List.copyOf(interfaces);
        }
    }

    /**
     * One network interface, as RTM_GETLINK and RTM_GETADDR tell.
     *
     * @param flags     IFF_* flag names (UP, LOOPBACK, RUNNING, LOWER_UP, ...)
     * @param operstate "UP", "DOWN", "UNKNOWN", ...; null when the kernel sent none
     * @param mtu       null when the kernel sent none
     * @param mac       hex pairs; null when the link has no link-layer address
     * @param peerIndex IFLA_LINK: the peer link's index (a veth's), in its own namespace when peerNetnsId is set; else null
     * @param peerNetnsId IFLA_LINK_NETNSID: the peer's namespace, as this namespace numbers it; else null
     * @param addresses "ADDRESS/PREFIX", IPv4 then IPv6 as the kernel lists them
     * @param peerNetns the namespace peerNetnsId names, as RTM_GETNSID from inside this one tells; else null
     */
    record Interface(
            int index,
            String name,
            List<String> flags,
            String operstate,
            Integer mtu,
            String mac,
            Integer peerIndex,
            Integer peerNetnsId,
            List<String> addresses,
            NsId peerNetns) {
        public Interface {
            flags = List.copyOf(flags);
            addresses = List.copyOf(addresses);
        }

        public Interface(
                int index,
                String name,
                List<String> flags,
                String operstate,
                Integer mtu,
                String mac,
                Integer peerIndex,
                Integer peerNetnsId,
                List<String> addresses) {
            this(index, name, flags, operstate, mtu, mac, peerIndex, peerNetnsId, addresses, null);
        }

        public Interface withPeerNetns(NsId ns) {
            return new Interface(index, name, flags, operstate, mtu, mac, peerIndex, peerNetnsId, addresses, ns);
        }
    }

    /**
     * pid: its depth (0 for the pid namespace our /proc shows) and the last
     * PID it handed out, known only for our own (the kernel shows each reader
     * only its own namespace's ns_last_pid).
     */
    record Pid(int level, Readout<Long> lastPid) implements NsFacts {}

    /**
     * cgroup: where the namespace's root is in each hierarchy. Read as one
     * member task's /proc/TID/cgroup seen from inside the namespace (paths
     * relative to its root) and from nscope's (host paths): the root is the
     * host path with the inside path taken off its end.
     *
     * @param tid     the member task both were read through
     * @param inside  its lines as a reader inside the namespace sees them
     * @param outside its lines as nscope sees them (empty until the cgroup phase adds them)
     */
    record Cgroup(
            int tid, List<nscope.probes.cgroups.CgroupLine> inside, List<nscope.probes.cgroups.CgroupLine> outside)
            implements NsFacts {
        public Cgroup {
            inside = List.copyOf(inside);
            outside = List.copyOf(outside);
        }

        /**
         * The namespace's root cgroup in each hierarchy, as "ID:CONTROLLERS:HOST_PATH"
         * lines; a hierarchy whose two paths do not fit together (the task sat
         * outside the root, or moved between the reads) is left out.
         */
        public List<nscope.probes.cgroups.CgroupLine> roots() {
            List<nscope.probes.cgroups.CgroupLine> out = new java.util.ArrayList<>();
            for (nscope.probes.cgroups.CgroupLine in : inside) {
                for (nscope.probes.cgroups.CgroupLine host : outside) {
                    if (host.id() != in.id() || !host.controllers().equals(in.controllers())) continue;
                    String root = rootOf(host.path(), in.path());
                    if (root != null) out.add(new nscope.probes.cgroups.CgroupLine(in.id(), in.controllers(), root));
                }
            }
            return out;
        }

        /** HOST with INSIDE taken off its end; null when INSIDE climbs out ("/..") or is not its end. */
        static String rootOf(String host, String inside) {
            if (inside.equals("/")) return host;
            if (inside.equals("/..") || inside.startsWith("/../")) return null;
            if (host.equals(inside)) return "/";
            if (!host.endsWith(inside)) return null;
            String root = host.substring(0, host.length() - inside.length());
            return root.isEmpty() ? "/" : root.endsWith("/") ? null : root;
        }
    }

    /** time: the offsets of CLOCK_MONOTONIC and CLOCK_BOOTTIME, in seconds and nanoseconds. */
    record Time(long monotonicSec, long monotonicNsec, long boottimeSec, long boottimeNsec) implements NsFacts {}

    /** user: its UID and GID maps (as seen from our user namespace) and "allow"/"deny" for setgroups. */
    record User(List<IdRange> uidMap, List<IdRange> gidMap, String setgroups) implements NsFacts {
        public User {
            uidMap = List.copyOf(uidMap);
            gidMap = List.copyOf(gidMap);
        }
    }

    /** One line of uid_map or gid_map: first ID inside, first ID outside, how many. */
    record IdRange(long inside, long outside, long count) {}

    /**
     * A mount namespace's table (mountinfo of one member), the mounts that
     * share a peer group with a mount of the host's table (propagation
     * between them), and where its root directory is in the host's tree
     * (null when no host mount holds it, e.g. a root on its own device).
     */
    record Mnt(
            nscope.probes.mounts.MountTable table,
            List<nscope.probes.mounts.MountTable.SharedPeer> sharedWithHost,
            nscope.probes.mounts.MountTable.Origin rootOnHost)
            implements NsFacts {
        public Mnt {
            sharedWithHost = List.copyOf(sharedWithHost);
        }
    }
}
