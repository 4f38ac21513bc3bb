package nscope.probes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

/** Every way the relations walk can fail ends as a recorded unknown, never an exception. */
class LiveRelationsFailuresTest {
    private static final NsId SOME = new NsId(4, 4026599999L);

    private static Readout<NsRelations> walk(NsKind kind, Path... via) {
        RelationReader.Result r =
                LiveRelations.shared().walk(Map.of(SOME, new RelationReader.Start(kind, List.of(via))));
        return r.relations().get(SOME);
    }

    @Test
    void aVanishedProcessIsExiting() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        Readout<NsRelations> r = walk(NsKind.NET, Path.of("/proc/" + pid + "/ns/net"));
        assertFalse(r.known());
        assertEquals(Unknown.Reason.EXITING, r.why().reason(), r.why().detail());
    }

    @Test
    void aRefusedLinkIsPermission() throws Exception {
        Path refused = Path.of("/proc/1/ns/net");
        // PID 1 of this sandbox holds capabilities we lack: the kernel refuses even root
        assumeTrue(!Files.isReadable(refused) || isRefused(refused), "PID 1's links are readable here");
        Readout<NsRelations> r = walk(NsKind.NET, refused);
        assertEquals(Unknown.Reason.PERMISSION, r.why().reason(), r.why().detail());
    }

    @Test
    void aFileThatIsNoNamespaceIsAnErrorNotAnException() {
        Readout<NsRelations> r = walk(NsKind.NET, Path.of("/proc/self/status"));
        assertEquals(Unknown.Reason.IO_ERROR, r.why().reason());
        assertTrue(r.why().detail().contains("ENOTTY"), r.why().detail());
    }

    @Test
    void theNextPathIsTriedWhenOneFails() {
        Readout<NsRelations> r = walk(NsKind.NET, Path.of("/proc/999999999/ns/net"), Path.of("/proc/self/ns/net"));
        assertTrue(r.known(), String.valueOf(r));
        assertEquals(null, r.get().parent(), "a net namespace has no parent");
    }

    private static boolean isRefused(Path p) {
        try {
            Files.readSymbolicLink(p);
            return false;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
