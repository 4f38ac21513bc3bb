package nscope.app.lab.labs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/**
 * Two network namespaces joined as seed 002 joins two containers: a veth
 * pair from each to a bridge. The bridge sits in a third namespace the lab
 * made, so the host's own network is never touched.
 */
public final class Net {
    private Net() {}

    private static final String SEED = "seed 002 (veth, bridge, netns)";
    private static final String A_ADDR = "10.240.0.1", B_ADDR = "10.240.0.2";

    public static final Lab LAB = new Lab(
            "net",
            "two network namespaces joined by veth pairs and a bridge: the ping goes through",
            "seed 002",
            HostAbilities.rootAnd("ip", "ping", "bridge"),
            List.of(
                    new Step(
                            "two network namespaces",
                            "ip netns add makes two network namespaces and pins each with a bind mount under"
                                    + " /run/netns; nscope looks at what each has.",
                            List.of("ip netns add nscope-lab-ID-a", "ip netns add nscope-lab-ID-b"),
                            "A new network namespace has its own interfaces, addresses and routes: only a loopback,"
                                    + " down (seed 002: with CLONE_NEWNET \"only lo is shown\"). No process is in it:"
                                    + " the bind mount of its nsfs file at /run/netns/NAME keeps it alive, as seed 000"
                                    + " and 001 show for persisting a namespace.",
                            Net::namespaces),
                    new Step(
                            "a bridge in a third namespace",
                            "A third namespace gets a bridge, brought up; the host's own network stays as it was.",
                            List.of(
                                    "ip netns add nscope-lab-ID-br",
                                    "ip -n nscope-lab-ID-br link add labIDbr type bridge",
                                    "ip -n nscope-lab-ID-br link set labIDbr up"),
                            "A bridge is a virtual switch (seed 002: \"Virtual Ethernet Bridge Device\"): it forwards"
                                    + " frames between the interfaces enslaved to it. Seed 002 makes it on the host"
                                    + " (br1); an interface lives in exactly one network namespace, so here it is in"
                                    + " the lab's own and the host never has it.",
                            Net::bridge),
                    new Step(
                            "a veth pair from each namespace to the bridge",
                            "Each pair is made with one end on the bridge and the other in namespace a or b; the"
                                    + " ends get addresses and are brought up.",
                            List.of(
                                    "ip -n nscope-lab-ID-br link add labIDpa type veth peer name labIDa netns"
                                            + " nscope-lab-ID-a",
                                    "ip -n nscope-lab-ID-br link set labIDpa master labIDbr",
                                    "ip -n nscope-lab-ID-br link set labIDpa up",
                                    "ip -n nscope-lab-ID-a addr add " + A_ADDR + "/24 dev labIDa",
                                    "ip -n nscope-lab-ID-a link set labIDa up",
                                    "(the same for b, " + B_ADDR + ")"),
                            "A veth \"comes in as a pair device, anything that is send to one device will come out"
                                    + " from the other\" (seed 002), even across namespaces: each end's iflink is"
                                    + " its peer's ifindex. Seed 002's steps follow: the bridge as master of one end,"
                                    + " an address on the other, both up.",
                            Net::veths),
                    new Step(
                            "a ping from a to b",
                            "Namespace a pings b's address once; nscope reads a's ARP table and the bridge's"
                                    + " forwarding table.",
                            List.of("ip netns exec nscope-lab-ID-a ping -c 1 -W 2 " + B_ADDR),
                            "a asks for b's MAC by ARP broadcast, which the bridge floods to every port; b answers,"
                                    + " and the bridge learns each MAC on the port it came in by (its fdb). Then the"
                                    + " echo request and reply cross veth, bridge, veth: the two \"containers\" talk"
                                    + " as in " + SEED + ".",
                            Net::ping)));

    /** A command run inside a namespace (ip netns exec mounts that namespace's own sysfs): its output lines. */
    private static List<String> inside(LabRun r, String ns, String... argv) throws Exception {
        List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(argv));
        String out = r.must(full.toArray(String[]::new)).strip();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static long inode(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static void namespaces(LabRun r) throws Exception {
        String a = r.netns("a");
        r.must("ip", "netns", "add", a);
        String b = r.netns("b");
        r.must("ip", "netns", "add", b);
        long ia = inode(Path.of("/run/netns", a)),
                ib = inode(Path.of("/run/netns", b)),
                host = Proc.ns((int) ProcessHandle.current().pid(), "net");
        r.expect(
                "two new network namespaces, neither the host's",
                ia != ib && ia != host && ib != host,
                "/run/netns/" + a + ": net:[" + ia + "], /run/netns/" + b + ": net:[" + ib + "], nscope's net:[" + host
                        + "]");
        for (String ns : List.of(a, b)) {
            List<String> ifs = inside(r, ns, "ls", "/sys/class/net");
            String lo = String.join(" ", inside(r, ns, "cat", "/sys/class/net/lo/flags"));
            r.expect(
                    ns + " has a loopback alone, down",
                    ifs.equals(List.of("lo")) && (Long.decode(lo) & 1) == 0,
                    "/sys/class/net: " + String.join(" ", ifs) + "; lo flags " + lo + " (IFF_UP is 0x1)");
        }
        r.focus(Focus.ns("net", ia));
    }

    private static void bridge(LabRun r) throws Exception {
        String br = r.netns("br");
        r.must("ip", "netns", "add", br);
        String dev = r.ifname("br");
        r.must("ip", "-n", br, "link", "add", dev, "type", "bridge");
        r.must("ip", "-n", br, "link", "set", dev, "up");
        List<String> seen =
                inside(r, br, "cat", "/sys/class/net/" + dev + "/bridge/stp_state", "/sys/class/net/" + dev + "/flags");
        r.expect(
                dev + " is a bridge, up, in the third namespace",
                seen.size() == 2 && (Long.decode(seen.get(1)) & 1) == 1,
                "its sysfs there has bridge/ (stp_state " + seen.get(0) + "), flags " + seen.get(1));
        boolean onHost = Files.exists(Path.of("/sys/class/net", dev));
        r.expect("the host has no such interface", !onHost, "/sys/class/net/" + dev + (onHost ? " exists" : ": none"));
        r.focus(Focus.ns("net", inode(Path.of("/run/netns", br))));
    }

    private static void veths(LabRun r) throws Exception {
        String br = r.name("br"), dev = r.ifname("br");
        for (String side : List.of("a", "b")) {
            String ns = r.name(side), end = r.ifname(side), port = r.ifname("p" + side);
            String addr = side.equals("a") ? A_ADDR : B_ADDR;
            r.must("ip", "-n", br, "link", "add", port, "type", "veth", "peer", "name", end, "netns", ns);
            r.must("ip", "-n", br, "link", "set", port, "master", dev);
            r.must("ip", "-n", br, "link", "set", port, "up");
            r.must("ip", "-n", ns, "addr", "add", addr + "/24", "dev", end);
            r.must("ip", "-n", ns, "link", "set", end, "up");
        }
        for (String side : List.of("a", "b")) {
            String ns = r.name(side), end = r.ifname(side), port = r.ifname("p" + side);
            List<String> in = inside(
                    r,
                    ns,
                    "cat",
                    "/sys/class/net/" + end + "/ifindex",
                    "/sys/class/net/" + end + "/iflink",
                    "/sys/class/net/" + end + "/operstate");
            List<String> on = inside(
                    r,
                    br,
                    "cat",
                    "/sys/class/net/" + port + "/ifindex",
                    "/sys/class/net/" + port + "/iflink",
                    "/sys/class/net/" + port + "/brport/state");
            r.expect(
                    end + " in " + ns + " and " + port + " on the bridge are peers",
                    in.size() == 3
                            && on.size() == 3
                            && in.get(1).equals(on.get(0))
                            && on.get(1).equals(in.get(0)),
                    end + ": ifindex " + in.get(0) + ", iflink " + in.get(1) + "; " + port + ": ifindex " + on.get(0)
                            + ", iflink " + on.get(1));
            r.expect(
                    end + " is up and " + port + " forwards",
                    in.get(2).equals("up") && on.get(2).equals("3"),
                    end + " operstate " + in.get(2) + "; " + port + " brport/state " + on.get(2) + " (3: forwarding)");
        }
        List<String> ports = inside(r, br, "ls", "/sys/class/net/" + dev + "/brif");
        r.expect(
                "the bridge's ports are both ends",
                ports.equals(List.of(r.ifname("pa"), r.ifname("pb"))),
                "/sys/class/net/" + dev + "/brif: " + String.join(" ", ports));
        r.focus(Focus.ns("net", inode(Path.of("/run/netns", r.name("a")))));
    }

    private static void ping(LabRun r) throws Exception {
        String a = r.name("a"), b = r.name("b"), br = r.name("br");
        LabRun.Ran p = r.exec("ip", "netns", "exec", a, "ping", "-c", "1", "-W", "2", B_ADDR);
        r.expect(
                "b's echo reply comes back",
                p.exit() == 0 && p.out().contains("1 received"),
                p.lines().stream()
                        .filter(l -> l.contains("received"))
                        .findFirst()
                        .orElse("exit " + p.exit()));
        String macB = inside(r, b, "cat", "/sys/class/net/" + r.ifname("b") + "/address")
                .get(0);
        String macA = inside(r, a, "cat", "/sys/class/net/" + r.ifname("a") + "/address")
                .get(0);
        String arp = inside(r, a, "cat", "/proc/net/arp").stream()
                .filter(l -> l.startsWith(B_ADDR + " "))
                .findFirst()
                .orElse("");
        r.expect(
                "a's ARP table has b's MAC",
                arp.contains(" " + macB + " "),
                "/proc/net/arp in a: " + (arp.isEmpty() ? "no entry for " + B_ADDR : arp.replaceAll("\\s+", " "))
                        + "; b's " + r.ifname("b") + " address " + macB);
        List<String> fdb = r.must("bridge", "-n", br, "fdb", "show", "br", r.ifname("br"))
                .lines()
                .toList();
        boolean learnedA = learned(fdb, macA, r.ifname("pa")), learnedB = learned(fdb, macB, r.ifname("pb"));
        r.expect(
                "the bridge learned a's MAC on pa and b's on pb",
                learnedA && learnedB,
                macA + (learnedA ? " on " : " not on ") + r.ifname("pa") + ", " + macB
                        + (learnedB ? " on " : " not on ") + r.ifname("pb"));
        r.focus(Focus.ns("net", inode(Path.of("/run/netns", br))));
    }

    private static boolean learned(List<String> fdb, String mac, String port) {
        return fdb.stream().anyMatch(l -> l.startsWith(mac + " dev " + port + " ") && !l.contains("permanent"));
    }
}
