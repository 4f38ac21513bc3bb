package nscope.act;

import java.util.ArrayList;
import java.util.List;

/**
 * The child that becomes a container: util-linux's unshare makes the
 * namespaces and forks, and a fixed script (its inputs are arguments, never
 * its text) builds the root and execs the command as PID 1 of the new pid
 * namespace. The multithreaded JVM cannot do this sequence itself.
 *
 * The script, in order: private propagation for every mount; the overlay
 * (image below, the container's upper and work directories) mounted on the
 * root directory; the hostname; loopback up, and with a bridge, a wait (up to
 * 5 s; PID 1 cannot stop itself) until nscope has moved the veth's inner end
 * (eth0) in, then its address and
 * route; a fresh /proc of the new pid namespace, a minimal /dev (null, zero,
 * full, random, urandom, tty, pts, shm), /sys read-only; pivot_root into the
 * overlay with the old root put under it (as runc does) and detached, so the
 * host's files cannot be reached; then the command. Any failure stops it
 * with a non-zero status before the command runs.
 */
public final class ContainerInit {
    private ContainerInit() {}

    /** The script's text: nscope writes it into the container's own directory, so PID 1's command line stays short. */
    public static final String SCRIPT = String.join("\n",
            "set -e",
            "lower=$1 upper=$2 work=$3 root=$4 host=$5 net=$6 addr=$7 gw=$8",
            "shift 8",
            "mount --make-rprivate /",
            "mount -t overlay overlay -o \"lowerdir=$lower,upperdir=$upper,workdir=$work\" \"$root\"",
            "hostname \"$host\"",
            "if [ \"$net\" != none ]; then ip link set lo up; fi",
            "if [ \"$net\" = bridge ]; then",
            "  i=0",
            "  while ! ip link show eth0 >/dev/null 2>&1; do",
            "    i=$((i + 1)); if [ $i -gt 500 ]; then echo 'nscope-init: eth0 never came' >&2; exit 1; fi; sleep 0.01",
            "  done",
            "  ip addr add \"$addr\" dev eth0",
            "  ip link set eth0 up",
            "  ip route add default via \"$gw\"",
            "fi",
            "mkdir -p \"$root/proc\" \"$root/dev\" \"$root/sys\"",
            "mount -t proc -o nosuid,nodev,noexec proc \"$root/proc\"",
            "mount -t tmpfs -o nosuid,mode=755,size=256k tmpfs \"$root/dev\"",
            "for d in null zero full random urandom tty; do : > \"$root/dev/$d\"; mount --bind \"/dev/$d\" \"$root/dev/$d\"; done",
            "mkdir \"$root/dev/pts\" \"$root/dev/shm\"",
            "mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts \"$root/dev/pts\"",
            "ln -s pts/ptmx \"$root/dev/ptmx\"",
            "mount -t tmpfs -o nosuid,nodev tmpfs \"$root/dev/shm\"",
            "mount -t sysfs -o ro,nosuid,nodev,noexec sysfs \"$root/sys\"",
            "cd \"$root\"",
            "pivot_root . .",
            "umount -l .",
            "cd /",
            "exec \"$@\"", "");

    /** The host tools the sequence runs (util-linux, iproute2, hostname, coreutils). */
    public static final List<String> TOOLS = List.of("unshare", "setsid", "mount", "umount", "pivot_root", "hostname", "ip", "mkdir", "ln");

    /**
     * The argv: unshare with these namespaces (pid, mnt, uts, ipc, net and
     * cgroup always; user with the caller mapped to root, and time, if
     * asked), then the script and the command.
     *
     * @param script where nscope wrote {@link #SCRIPT}
     * @param net none, loopback or bridge
     * @param addr the address with its prefix ("10.88.0.2/24"), bridge only
     */
    public static List<String> argv(boolean user, boolean time, String script, String lower, String upper, String work, String root,
                                    String hostname, String net, String addr, String gateway, List<String> command) {
        List<String> a = new ArrayList<>(List.of("unshare", "--fork", "--kill-child", "--pid", "--mount", "--uts", "--ipc", "--net", "--cgroup"));
        if (user) a.addAll(List.of("--user", "--map-root-user"));
        if (time) a.add("--time");
        a.addAll(List.of("--", "/bin/sh", script, lower, upper, work, root, hostname, net,
                addr == null ? "-" : addr, gateway == null ? "-" : gateway));
        a.addAll(command);
        return a;
    }
}
