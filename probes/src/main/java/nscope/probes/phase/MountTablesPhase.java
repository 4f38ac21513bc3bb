package nscope.probes.phase;

import nscope.probes.read.MountTables;

/**
 * The mount table of every mount namespace, each read through one of its
 * members ({@link MountTables}). It runs before the mount holders phase,
 * which finds nsfs bind mounts in these tables, and the mount facts phase.
 */
public final class MountTablesPhase implements ScanPhase {
    @Override public void run(Scan scan) {
        MountTables.Result mounts = new MountTables(scan.host(), scan.tasks(), scan.namespaces()).readAll();
        scan.problems().addAll(mounts.problems());
        scan.mounts(mounts);
    }
}
