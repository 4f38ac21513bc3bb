package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * A veth pair between two network namespaces the test makes (never the
 * host's): each end names the other's namespace, as the kernel's netnsid
 * resolved through RTM_GETNSID says.
 */
@LiveTest
class LiveVethPeersTest {
    @Test
    void eachEndOfAVethNamesThePeersNamespace() throws Exception {
        try (Child a = new Child("unshare", "--net", "sh", "-c", "echo ready; exec sleep 600");
                Child b = new Child("unshare", "--net", "sh", "-c", "echo ready; exec sleep 600")) {
            a.lines(1);
            b.lines(1);
            String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            // both ends go into namespaces we made: check before touching anything
            assertNotEquals(
                    ours,
                    Files.readSymbolicLink(Path.of("/proc/" + a.pid() + "/ns/net"))
                            .toString());
            assertNotEquals(
                    ours,
                    Files.readSymbolicLink(Path.of("/proc/" + b.pid() + "/ns/net"))
                            .toString());
            Process ip = new ProcessBuilder(
                            "ip",
                            "link",
                            "add",
                            "nscope-test-va",
                            "netns",
                            Integer.toString(a.pid()),
                            "type",
                            "veth",
                            "peer",
                            "name",
                            "nscope-test-vb",
                            "netns",
                            Integer.toString(b.pid()))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ip.getInputStream().readAllBytes());
            ip.waitFor(10, TimeUnit.SECONDS);
            assertEquals(0, ip.exitValue(), "ip link add: " + out);

            Snapshot s = new Collector(Host.liveNative()).collect();
            NsId na = s.task(a.pid()).orElseThrow().ns(NsLink.NET).get();
            NsId nb = s.task(b.pid()).orElseThrow().ns(NsLink.NET).get();
            NsFacts.Interface va = iface(s, na, "nscope-test-va"), vb = iface(s, nb, "nscope-test-vb");
            assertEquals(nb, va.peerNetns(), "va's peer lives in b's namespace");
            assertEquals(na, vb.peerNetns(), "vb's peer lives in a's namespace");
            assertEquals(vb.index(), va.peerIndex());
            assertEquals(va.index(), vb.peerIndex());
        } // killing both children destroys their namespaces and the pair with them
    }

    private static NsFacts.Interface iface(Snapshot s, NsId ns, String name) {
        NsFacts.Net net = (NsFacts.Net) s.facts(ns).orElseThrow().get();
        NsFacts.Interface i = net.interfaces().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElse(null);
        assertNotNull(i, name + " in " + net.interfaces());
        return i;
    }
}
