package nscope.probes.read.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import org.junit.jupiter.api.Test;

class CgroupRootsCacheTest {
    static final NsId NS = new NsId(4, 4026532500L);
    static final Readout<NsFacts> ROOTED = Readout.of(new NsFacts.Cgroup(
            42,
            List.of(new CgroupLine(0, "", "/"), new CgroupLine(4, "memory", "/")),
            List.of(new CgroupLine(0, "", "/docker/abc"), new CgroupLine(4, "memory", "/docker/abc"))));

    static ToLongFunction<CgroupLine> ids(Map<String, Long> byLine) {
        return l -> byLine.getOrDefault(l.id() + ":" + l.path(), 0L);
    }

    @Test
    void keptRootsHoldWhileTheirCgroupsAreTheSame() {
        CgroupRootsCache c = new CgroupRootsCache();
        c.keep(NS, ROOTED, ids(Map.of("0:/docker/abc", 77L, "4:/docker/abc", 91L)));
        assertEquals(ROOTED, c.get(NS));
        assertTrue(c.holds(NS, ids(Map.of("0:/docker/abc", 77L, "4:/docker/abc", 91L))));
        assertFalse(
                c.holds(NS, ids(Map.of("0:/docker/abc", 78L, "4:/docker/abc", 91L))),
                "the root was made again: a new id");
        assertFalse(c.holds(NS, ids(Map.of("4:/docker/abc", 91L))), "the root is gone");
        c.retain(Set.of());
        assertNull(c.get(NS), "a namespace no longer seen is dropped");
    }

    @Test
    void nothingIsKeptWithoutEveryRootsId() {
        CgroupRootsCache c = new CgroupRootsCache();
        c.keep(NS, ROOTED, ids(Map.of("0:/docker/abc", 77L)));
        assertNull(c.get(NS), "a recorded tree gives no ids: read again each time");
        c.keep(NS, Readout.unknown(Unknown.Reason.PERMISSION, "x"), ids(Map.of()));
        assertNull(c.get(NS));
    }
}
