package nscope.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The interfaces and addresses of one network namespace, asked over a
 * NETLINK_ROUTE socket (RTM_GETLINK and RTM_GETADDR dumps, as `ip link` and
 * `ip addr` do). The socket belongs to the namespace of the thread that
 * opens it: call {@link #dump} on a {@link NamespaceHop} thread to read
 * another namespace. Netlink messages are in host byte order.
 */
public final class NetlinkRoute {
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_GETADDR = 22;
    static final int NLM_F_REQUEST = 1, NLM_F_DUMP = 0x300;
    static final int IFLA_ADDRESS = 1,
            IFLA_IFNAME = 3,
            IFLA_MTU = 4,
            IFLA_LINK = 5,
            IFLA_OPERSTATE = 16,
            IFLA_LINK_NETNSID = 37;
    static final int IFA_ADDRESS = 1, IFA_LOCAL = 2;
    static final int AF_INET = 2, AF_INET6 = 10;
    private static final String[] OPERSTATES = {
        "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"
    };
    private static final String[] FLAG_NAMES = {
        "UP",
        "BROADCAST",
        "DEBUG",
        "LOOPBACK",
        "POINTOPOINT",
        "NOTRAILERS",
        "RUNNING",
        "NOARP",
        "PROMISC",
        "ALLMULTI",
        "MASTER",
        "SLAVE",
        "MULTICAST",
        "PORTSEL",
        "AUTOMEDIA",
        "DYNAMIC",
        "LOWER_UP",
        "DORMANT",
        "ECHO"
    };

    /**
     * One interface (RTM_NEWLINK).
     *
     * @param flags    the IFF_* flags by name, lowest bit first (ip's flags, in another order)
     * @param operstate RFC 2863 state as ip prints it ("UP", "DOWN", "UNKNOWN", ...); null when not sent
     * @param mac      link-layer address as hex pairs; null when the link has none (e.g. a tun device)
     * @param link     IFLA_LINK when it differs from index (a veth's peer index); else null
     * @param linkNetnsId IFLA_LINK_NETNSID (the peer is in another namespace, by this namespace's id for it); else null
     */
    public record Link(
            int index,
            String name,
            List<String> flags,
            String operstate,
            Integer mtu,
            String mac,
            Integer link,
            Integer linkNetnsId) {}

    /** One address (RTM_NEWADDR): the local address (IFA_LOCAL, else IFA_ADDRESS) and its prefix length. */
    public record Addr(int index, int family, String address, int prefixLength) {
        @Override
        public String toString() {
            return address + "/" + prefixLength;
        }
    }

    public record Dump(List<Link> links, List<Addr> addrs) {}

    private final Kernel kernel;

    public NetlinkRoute(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Opens a socket on the calling thread, dumps links and addresses, closes it. */
    public Dump dump() throws KernelException {
        try (Fd fd = kernel.socket(LibC.AF_NETLINK, LibC.SOCK_RAW, LibC.NETLINK_ROUTE, "NETLINK_ROUTE socket")) {
            List<Link> links = new ArrayList<>();
            for (ByteBuffer m : request(fd, RTM_GETLINK, 1, 16)) if (type(m) == RTM_NEWLINK) links.add(link(m));
            List<Addr> addrs = new ArrayList<>();
            for (ByteBuffer m : request(fd, RTM_GETADDR, 2, 8)) {
                if (type(m) != RTM_NEWADDR) continue;
                Addr a = addr(m);
                if (a != null) addrs.add(a);
            }
            return new Dump(links, addrs);
        }
    }

    static final int RTM_NEWNSID = 88, RTM_GETNSID = 90, NETNSA_NSID = 1, NETNSA_FD = 3;

    /**
     * The ids this network namespace (the calling thread's) gives the
     * namespaces behind the given nsfs descriptors (RTM_GETNSID, as `ip
     * netns list-id` and lsns's NETNSID do): the number a veth's
     * IFLA_LINK_NETNSID names its peer's namespace by; -1 where none is assigned.
     */
    public int[] nsids(List<Fd> netns) throws KernelException {
        int[] out = new int[netns.size()];
        try (Fd fd = kernel.socket(LibC.AF_NETLINK, LibC.SOCK_RAW, LibC.NETLINK_ROUTE, "NETLINK_ROUTE socket")) {
            byte[] buf = new byte[4096];
            for (int i = 0; i < out.length; i++) {
                int seq = 1000 + i;
                ByteBuffer req = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
                req.putInt(28)
                        .putShort((short) RTM_GETNSID)
                        .putShort((short) NLM_F_REQUEST)
                        .putInt(seq)
                        .putInt(0);
                req.putInt(0); // struct rtgenmsg, padded: family AF_UNSPEC
                req.putShort((short) 8)
                        .putShort((short) NETNSA_FD)
                        .putInt(netns.get(i).number());
                kernel.send(fd, req.array());
                out[i] = nsidReply(fd, buf, seq);
            }
        }
        return out;
    }

    private int nsidReply(Fd fd, byte[] buf, int seq) throws KernelException {
        while (true) {
            int n = kernel.recv(fd, buf);
            if (n < 16) throw new KernelException("recv", fd.what(), Errno.UNKNOWN, "short netlink reply");
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.nativeOrder());
            int len = b.getInt(0), t = b.getShort(4) & 0xffff;
            if (b.getInt(8) != seq) continue;
            if (t == NLMSG_ERROR) throw new KernelException("RTM_GETNSID", fd.what(), Errno.of(-b.getInt(16)));
            if (t != RTM_NEWNSID) continue;
            for (int at = 16 + 4; at + 4 <= Math.min(len, n); ) {
                int alen = b.getShort(at) & 0xffff, atype = b.getShort(at + 2) & 0x3fff;
                if (alen < 4) break;
                if (atype == NETNSA_NSID && alen >= 8) return b.getInt(at + 4);
                at += align(alen);
            }
            return -1;
        }
    }

    private static int type(ByteBuffer m) {
        return m.getShort(m.position() + 4) & 0xffff;
    }

    /** A datagram's room, one per thread: a dump per network namespace took 64 KB each time (the live refresh's most). */
    private static final ThreadLocal<byte[]> RECEIVED = ThreadLocal.withInitial(() -> new byte[65536]);

    /** Sends a dump request (header + a zeroed family message of bodyLen) and gathers every reply message. */
    private List<ByteBuffer> request(Fd fd, int type, int seq, int bodyLen) throws KernelException {
        ByteBuffer req = ByteBuffer.allocate(16 + bodyLen).order(ByteOrder.nativeOrder());
        req.putInt(16 + bodyLen)
                .putShort((short) type)
                .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(seq)
                .putInt(0);
        kernel.send(fd, req.array());
        List<ByteBuffer> out = new ArrayList<>();
        byte[] buf = RECEIVED.get();
        while (true) {
            int n = kernel.recv(fd, buf);
            if (n <= 0)
                throw new KernelException("recv", fd.what(), Errno.UNKNOWN, "netlink dump ended without NLMSG_DONE");
            ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(buf, n)).order(ByteOrder.nativeOrder());
            int at = 0;
            while (at + 16 <= n) {
                int len = b.getInt(at);
                int t = b.getShort(at + 4) & 0xffff;
                if (len < 16 || at + len > n)
                    throw new KernelException("recv", fd.what(), Errno.UNKNOWN, "malformed netlink message");
                if (b.getInt(at + 8) == seq) {
                    if (t == NLMSG_DONE) return out;
                    if (t == NLMSG_ERROR) {
                        int err = -b.getInt(at + 16);
                        if (err != 0) throw new KernelException("netlink dump " + type, fd.what(), Errno.of(err));
                    } else {
                        out.add(b.slice(at, len).order(ByteOrder.nativeOrder()));
                    }
                }
                at += align(len);
            }
        }
    }

    private static int align(int len) {
        return (len + 3) & ~3;
    }

    /** ifinfomsg {family, pad, type u16, index i32, flags u32, change u32} then attributes. */
    static Link link(ByteBuffer m) {
        int index = m.getInt(16 + 4);
        int flags = m.getInt(16 + 8);
        String name = null, operstate = null, mac = null;
        Integer mtu = null, link = null, netnsid = null;
        int len = m.getInt(0);
        for (int at = 16 + 16; at + 4 <= len; ) {
            int alen = m.getShort(at) & 0xffff, atype = m.getShort(at + 2) & 0x3fff;
            if (alen < 4 || at + alen > len) break;
            int data = at + 4, dlen = alen - 4;
            switch (atype) {
                case IFLA_IFNAME -> name = cString(m, data, dlen);
                case IFLA_MTU -> mtu = m.getInt(data);
                case IFLA_LINK -> link = m.getInt(data);
                case IFLA_LINK_NETNSID -> netnsid = m.getInt(data);
                case IFLA_OPERSTATE -> {
                    int s = m.get(data) & 0xff;
                    operstate = s < OPERSTATES.length ? OPERSTATES[s] : Integer.toString(s);
                }
                case IFLA_ADDRESS -> mac = hex(m, data, dlen);
                default -> {}
            }
            at += align(alen);
        }
        // IFLA_LINK equal to its own index means "no other link", unless the peer is in
        // another namespace (IFLA_LINK_NETNSID), where indices can well coincide
        if (link != null && link == index && netnsid == null) link = null;
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) == 0) continue;
            names.add(bit < FLAG_NAMES.length ? FLAG_NAMES[bit] : "0x" + Integer.toHexString(1 << bit));
        }
        return new Link(index, name, List.copyOf(names), operstate, mtu, mac, link, netnsid);
    }

    /** ifaddrmsg {family u8, prefixlen u8, flags u8, scope u8, index u32} then attributes. */
    static Addr addr(ByteBuffer m) {
        int family = m.get(16) & 0xff, prefix = m.get(17) & 0xff, index = m.getInt(20);
        byte[] local = null, address = null;
        int len = m.getInt(0);
        for (int at = 16 + 8; at + 4 <= len; ) {
            int alen = m.getShort(at) & 0xffff, atype = m.getShort(at + 2) & 0x3fff;
            if (alen < 4 || at + alen > len) break;
            byte[] d = new byte[alen - 4];
            m.get(at + 4, d);
            if (atype == IFA_LOCAL) local = d;
            else if (atype == IFA_ADDRESS) address = d;
            at += align(alen);
        }
        byte[] a = local != null ? local : address;
        if (a == null || (family != AF_INET && family != AF_INET6)) return null;
        try {
            String text = InetAddress.getByAddress(a).getHostAddress();
            // Java writes IPv6 in full ("fe80:0:0:0:..."); keep it as the kernel's bytes say, compressed below
            return new Addr(index, family, family == AF_INET6 ? compress6(a) : text, prefix);
        } catch (UnknownHostException e) {
            return null; // a length InetAddress does not take: not an IPv4 or IPv6 address
        }
    }

    /** RFC 5952 text of an IPv6 address (the longest run of two or more zero groups becomes "::"), as ip prints it. */
    static String compress6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestAt = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    private static String cString(ByteBuffer m, int at, int len) {
        int n = 0;
        while (n < len && m.get(at + n) != 0) n++;
        byte[] b = new byte[n];
        m.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String hex(ByteBuffer m, int at, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) b.append(':');
            b.append(String.format("%02x", m.get(at + i) & 0xff));
        }
        return b.toString();
    }
}
