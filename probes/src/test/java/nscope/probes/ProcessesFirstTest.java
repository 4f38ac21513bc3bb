package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import nscope.probes.model.NsLink;
import nscope.probes.model.Scope;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/** The live screen's first frame: every process and its namespace links, as a processes-only scan reads them. */
class ProcessesFirstTest {
    @Test
    void everyProcessWithItsLinks() throws Exception {
        Host host = Host.under(CgroupReplayTest.repo().resolve("fixtures/synth-host"));
        Snapshot quick = Collector.processesFirst(host).collect();
        Snapshot procs = new Collector(host, Scope.PROCESSES).collect();
        Snapshot all = new Collector(host).collect();
        assertEquals(procs.tasks().keySet(), quick.tasks().keySet());
        assertEquals(procs.namespaces().keySet(), quick.namespaces().keySet());
        assertFalse(quick.namespaces().isEmpty(), "the processes' namespaces are known");
        for (Task t : quick.tasks().values()) {
            Task full = all.tasks().get(t.tid());
            assertEquals(full.comm(), t.comm());
            assertEquals(full.nsPid(), t.nsPid());
            assertEquals(full.cmdline(), t.cmdline());
            for (NsLink l : NsLink.values()) assertEquals(full.ns(l), t.ns(l), t.tid() + " " + l);
        }
    }
}
