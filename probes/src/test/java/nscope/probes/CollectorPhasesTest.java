package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nscope.probes.model.Scope;
import nscope.probes.phase.CgroupsPhase;
import nscope.probes.phase.FactsPhase;
import nscope.probes.phase.FdHoldersPhase;
import nscope.probes.phase.MountFactsPhase;
import nscope.probes.phase.MountHoldersPhase;
import nscope.probes.phase.MountTablesPhase;
import nscope.probes.phase.NamespacesPhase;
import nscope.probes.phase.RelationsPhase;
import nscope.probes.phase.ScanPhase;
import nscope.probes.phase.TasksPhase;
import nscope.probes.phase.UserNamesPhase;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * Which phases each collector runs, in order: the table decides, and each
 * way nscope makes a collector (the live screen's first frame, ls and its
 * options, cgroups, the refresher's base, a full snapshot) runs exactly the
 * phases its chain of ifs ran before the table.
 */
class CollectorPhasesTest {
    static final Host HOST = Host.live(); // not read: the phases are only listed

    static List<Class<?>> phases(Collector c) {
        return c.phases().stream().<Class<?>>map(ScanPhase::getClass).toList();
    }

    static List<Class<?>> of(Class<?>... c) {
        return List.of(c);
    }

    static Collector with(Set<Collector.Phase> asked) {
        return new Collector(HOST, Scope.PROCESSES, asked);
    }

    @Test
    void everythingInTheOrderOfTheDataFlow() {
        List<Class<?>> all = of(
                TasksPhase.class,
                NamespacesPhase.class,
                FdHoldersPhase.class,
                MountTablesPhase.class,
                MountHoldersPhase.class,
                RelationsPhase.class,
                CgroupsPhase.class,
                FactsPhase.class,
                MountFactsPhase.class,
                UserNamesPhase.class);
        assertEquals(all, phases(new Collector(HOST)));
        // the refresher's base: everything but the v1 thread lists, which only change what the cgroup phase reads
        assertEquals(
                all,
                phases(new Collector(
                        HOST, Scope.TASKS, EnumSet.complementOf(EnumSet.of(Collector.Phase.CGROUP_THREADS)))));
    }

    @Test
    void tasksAndLinksOnlyForLsAndTheFirstFrame() {
        List<Class<?>> base = of(TasksPhase.class, NamespacesPhase.class, UserNamesPhase.class);
        assertEquals(base, phases(new Collector(HOST, Scope.PROCESSES)));
        assertEquals(base, phases(new Collector(HOST, Scope.TASKS)));
        assertEquals(
                base,
                phases(Collector.processesFirst(HOST)),
                "the first frame: the same phases, over the processes only");
        assertEquals(
                base,
                phases(with(EnumSet.of(Collector.Phase.CGROUP_THREADS))),
                "thread lists alone are no cgroup phase");
    }

    @Test
    void eachOptionalPhaseBringsItsPhasesOnly() {
        assertEquals(
                of(
                        TasksPhase.class,
                        NamespacesPhase.class,
                        FdHoldersPhase.class,
                        MountTablesPhase.class,
                        MountHoldersPhase.class,
                        UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.HOLDERS))),
                "ls --all");
        assertEquals(
                of(TasksPhase.class, NamespacesPhase.class, RelationsPhase.class, UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.RELATIONS))),
                "ls --tree");
        assertEquals(
                of(TasksPhase.class, NamespacesPhase.class, CgroupsPhase.class, UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.CGROUPS))),
                "the cgroups refresh");
        assertEquals(
                of(TasksPhase.class, NamespacesPhase.class, CgroupsPhase.class, UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.CGROUPS, Collector.Phase.CGROUP_THREADS))),
                "nscope cgroups");
        assertEquals(
                of(
                        TasksPhase.class,
                        NamespacesPhase.class,
                        MountTablesPhase.class,
                        FactsPhase.class,
                        MountFactsPhase.class,
                        UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.FACTS))),
                "mount tables for the mount facts");
        assertEquals(
                of(
                        TasksPhase.class,
                        NamespacesPhase.class,
                        FdHoldersPhase.class,
                        MountTablesPhase.class,
                        MountHoldersPhase.class,
                        FactsPhase.class,
                        MountFactsPhase.class,
                        UserNamesPhase.class),
                phases(with(EnumSet.of(Collector.Phase.HOLDERS, Collector.Phase.FACTS))),
                "the mount tables once for both");
    }

    @Test
    void theCgroupPhaseIsTheCollectorsOwn() {
        Collector c = new Collector(HOST);
        assertSame(c.cgroupsPhase(), c.phases().get(6), "it keeps the roots it found between this collector's scans");
    }
}
