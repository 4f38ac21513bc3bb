package nscope.app.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nscope.act.ActionException;
import nscope.app.audit.Audited;
import nscope.app.exec.HostCommand;

/**
 * A container's network on the host side: an nscope bridge with the
 * subnet's first address, and per container a veth pair, its host end on
 * the bridge and its inner end (eth0) in the container's network namespace.
 * Only interfaces nscope made are touched; no route, no forwarding, no NAT.
 */
final class ContainerNet {
    private ContainerNet() {}

    /** A subnet as typed ("10.88.0.0/24"): its base address and prefix length. */
    record Subnet(int base, int prefix) {
        static Subnet parse(String text) throws ActionException {
            String[] p = text.split("/");
            try {
                int prefix = Integer.parseInt(p[1]);
                if (p.length != 2 || prefix < 8 || prefix > 30) throw new NumberFormatException();
                int mask = -1 << (32 - prefix);
                return new Subnet(ip(p[0]) & mask, prefix);
            } catch (RuntimeException e) {
                throw new ActionException("a subnet is A.B.C.D/N with N from 8 to 30, like 10.88.0.0/24: not "
                        + nscope.act.Names.shown(text));
            }
        }

        String gateway() {
            return text(base + 1);
        }

        boolean contains(int a) {
            return (a & (-1 << (32 - prefix))) == base;
        }

        int last() {
            return base + (1 << (32 - prefix)) - 2;
        }
    }

    static int ip(String dotted) {
        String[] o = dotted.split("\\.");
        if (o.length != 4) throw new IllegalArgumentException(dotted);
        int a = 0;
        for (String x : o) {
            int v = Integer.parseInt(x);
            if (v < 0 || v > 255) throw new IllegalArgumentException(dotted);
            a = a << 8 | v;
        }
        return a;
    }

    static String text(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    /**
     * The container's address: the one asked for (in the subnet, not the
     * bridge's, not another container's), or the first free one.
     */
    static String address(Subnet s, String asked, List<ContainerState> others) throws ActionException {
        Set<Integer> used = new HashSet<>(Set.of(s.base() + 1));
        for (ContainerState c : others)
            if (c.address() != null) used.add(ip(c.address().split("/")[0]));
        if (asked != null && !asked.isEmpty()) {
            int a;
            try {
                a = ip(asked);
            } catch (RuntimeException e) {
                throw new ActionException("an address is A.B.C.D: not " + nscope.act.Names.shown(asked));
            }
            if (!s.contains(a) || a == s.base() || a > s.last())
                throw new ActionException(asked + " is not a host address of " + text(s.base()) + "/" + s.prefix());
            if (used.contains(a))
                throw new ActionException("address in use: " + asked
                        + (a == s.base() + 1 ? " is the bridge's" : " has another container"));
            return asked + "/" + s.prefix();
        }
        for (int a = s.base() + 2; a <= s.last(); a++) if (!used.contains(a)) return text(a) + "/" + s.prefix();
        throw new ActionException("no free address left in " + text(s.base()) + "/" + s.prefix());
    }

    static boolean exists(String ifname) {
        return Files.exists(Path.of("/sys/class/net", ifname));
    }

    /** Makes the bridge with the gateway address (the caller checked it is not there and holds the containers' lock). */
    static void bridge(String name, Subnet s, Audited audited) throws ActionException {
        audited.change("net bridge add", name, () -> {
            HostCommand.run(List.of("ip", "link", "add", name, "type", "bridge"));
            try {
                HostCommand.run(List.of("ip", "addr", "add", s.gateway() + "/" + s.prefix(), "dev", name));
                HostCommand.run(List.of("ip", "link", "set", name, "up"));
            } catch (ActionException e) {
                throw undone(e, name);
            }
            return "made the bridge " + name + " with " + s.gateway() + "/" + s.prefix();
        });
    }

    /** Whether the interface is a bridge; refuses a name that is taken by something else. */
    static boolean bridgeThere(String name) throws ActionException {
        if (!exists(name)) return false;
        if (!Files.isDirectory(Path.of("/sys/class/net", name, "bridge")))
            throw new ActionException("the interface " + name + " is taken, and it is not a bridge");
        return true;
    }

    /** A host-end name not in use: the prefix and random letters, at most 15 bytes (IFNAMSIZ). */
    static String vethName(String prefix) throws ActionException {
        SecureRandom r = new SecureRandom();
        int room = 15 - prefix.length();
        if (room < 3)
            throw new ActionException(
                    "the veth prefix " + prefix + " leaves no room for a unique name (15 bytes in all)");
        for (int i = 0; i < 100; i++) {
            StringBuilder b = new StringBuilder(prefix);
            for (int j = 0; j < Math.min(room, 8); j++)
                b.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
            if (!exists(b.toString())) return b.toString();
        }
        throw new ActionException("no free veth name with the prefix " + prefix);
    }

    /**
     * The veth pair: host end on the bridge and up, inner end eth0 in the
     * network namespace of PID (the container's waiting PID 1), with its
     * address and default route set from the host by the host's own ip in
     * that namespace only (nsenter --net), never by a tool of the image.
     */
    static void veth(String host, String bridge, int pid, String address, String gateway, Audited audited)
            throws ActionException {
        if (exists(host)) throw new ActionException("the interface name " + host + " is taken");
        audited.change("net veth add", host, () -> {
            HostCommand.run(List.of(
                    "ip", "link", "add", host, "type", "veth", "peer", "name", "eth0", "netns", Integer.toString(pid)));
            try {
                HostCommand.run(List.of("ip", "link", "set", host, "master", bridge, "up"));
            } catch (ActionException e) {
                throw undone(e, host);
            }
            return "made the veth " + host + " on " + bridge + ", its peer eth0 in the network namespace of PID " + pid;
        });
        String ns = "--net=/proc/" + pid + "/ns/net";
        audited.change("net address", "pid " + pid + " eth0", () -> {
            HostCommand.run(List.of("nsenter", ns, "--", "ip", "addr", "add", address, "dev", "eth0"));
            HostCommand.run(List.of("nsenter", ns, "--", "ip", "link", "set", "eth0", "up"));
            HostCommand.run(List.of("nsenter", ns, "--", "ip", "route", "add", "default", "via", gateway));
            return "eth0 of PID " + pid + ": " + address + ", default route via " + gateway;
        });
    }

    /** Whether any interface is still enslaved to the bridge. */
    static boolean bridgeEmpty(String bridge) {
        try (var s = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return true; // no bridge: nothing on it
        }
    }

    /** Removes an interface nscope made; one already gone is fine (and not logged: nothing changes). */
    static void remove(String ifname, Audited audited) throws ActionException {
        if (!exists(ifname)) return;
        audited.change("net link del", ifname, () -> {
            if (exists(ifname)) HostCommand.run(List.of("ip", "link", "del", ifname));
            return "removed " + ifname;
        });
    }

    private static void remove(String ifname) throws ActionException {
        if (exists(ifname)) HostCommand.run(List.of("ip", "link", "del", ifname));
    }

    /** A step's failure, after removing the interface it half made (or saying that this failed too). */
    private static ActionException undone(ActionException e, String ifname) {
        try {
            remove(ifname);
            return e;
        } catch (ActionException again) {
            return new ActionException(
                    e.getMessage() + "; removing the half-made " + ifname + " failed too: " + again.getMessage());
        }
    }
}
