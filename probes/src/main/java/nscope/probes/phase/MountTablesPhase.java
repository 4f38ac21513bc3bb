package nscope.probes.phase;

import nscope.probes.read.MountTables;

/**
 * The mount table of every mount namespace, each read through one of its
 * members ({@link MountTables}): the data flow's step 6, read early, as the
 * mount holders phase finds nsfs bind mounts (step 3) in these tables; the
 * mount facts phase sets them against the host's.
 */
public final class MountTablesPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        MountTables.Result mounts = new MountTables(scan.host(), scan.tasks(), scan.namespaces()).readAll();
        scan.problems().addAll(mounts.problems());
        scan.mounts(mounts);
    }
}
