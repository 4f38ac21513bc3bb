package nscope.probes.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nscope.kernel.Child;
import nscope.probes.Collector;
import nscope.probes.model.Holder;
import nscope.probes.model.Namespace;
import nscope.probes.model.NsKind;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.source.Host;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.Test;

/**
 * A network namespace whose only process has exited, kept alive by a file
 * descriptor another process holds: invisible to lsns, found by nscope with
 * its holder.
 */
@LiveTest
class LiveHiddenNamespacesTest {
    @Test
    void aNamespaceHeldOnlyByADescriptorIsANodeWithItsHolder() throws Exception {
        try (Child c = new Child(
                "sh",
                "-c",
                "unshare --net sleep 30 & p=$!; sleep 0.3; exec 3</proc/$p/ns/net; "
                        + "{ kill $p; wait $p; } 2>/dev/null; stat -L -c %i /proc/self/fd/3; exec sleep 600")) {
            long ino = Long.parseLong(c.lines(1).get(0));
            c.settled(); // stat(1) inherited fd 3 too: let it go first
            Snapshot s = new Collector(Host.liveNative()).collect();
            Namespace n = s.namespaces().values().stream()
                    .filter(x -> x.id().ino() == ino)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("net:[" + ino + "] not found"));
            assertEquals(NsKind.NET, n.kind());
            assertTrue(n.hidden(), "no task is in it");
            assertEquals(List.of(new Holder.Fd(c.pid(), 3)), n.holders());

            // without the phase (what ls does by default, like lsns) it is not there
            Snapshot plain = new Collector(Host.live(), Scope.PROCESSES).collect();
            assertTrue(plain.namespaces().values().stream().noneMatch(x -> x.id().ino() == ino));
            // with it, in the process scope too (ls --all)
            Snapshot all = new Collector(Host.live(), Scope.PROCESSES, java.util.EnumSet.of(Collector.Phase.HOLDERS))
                    .collect();
            assertTrue(all.namespaces().values().stream()
                    .anyMatch(x -> x.id().ino() == ino && x.holders().equals(n.holders())));
        }
    }
}
