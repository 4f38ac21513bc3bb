package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nscope.probes.model.NsLink;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.read.TaskReader;
import nscope.probes.readout.Unknown;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/** The live screen's first frame: every process as a processes-only scan reads it, but no namespace link, with why. */
class ProcessesFirstTest {
    @Test
    void everyProcessWithoutItsLinksSaidWhy() throws Exception {
        Host host = Host.under(CgroupReplayTest.repo().resolve("fixtures/synth-host"));
        Snapshot quick = Collector.processesFirst(host).collect();
        Snapshot procs = new Collector(host, Scope.PROCESSES).collect();
        assertEquals(procs.tasks().keySet(), quick.tasks().keySet());
        assertTrue(quick.namespaces().isEmpty(), "no namespace is known before the links are read");
        for (Task t : quick.tasks().values()) {
            Task full = procs.tasks().get(t.tid());
            assertEquals(full.comm(), t.comm());
            assertEquals(full.nsPid(), t.nsPid());
            assertEquals(full.cmdline(), t.cmdline());
            for (NsLink l : NsLink.values()) {
                assertFalse(t.ns(l).known());
                assertEquals(Unknown.Reason.NOT_PROVIDED, t.ns(l).why().reason());
                assertEquals(TaskReader.LINKS_NOT_READ, t.ns(l).why().detail());
            }
        }
    }
}
