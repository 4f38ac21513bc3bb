package nscope.probes.phase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.Holder;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.mounts.Mount;
import nscope.probes.parse.Malformed;
import nscope.probes.parse.NsLinkText;
import nscope.probes.read.MountTables;
import nscope.probes.readout.Readout;

/**
 * Hidden namespaces by bind mount (the data flow's step 3): nsfs bind mounts (as `ip netns add` makes)
 * in every mount namespace's table, each reached through the member the
 * table was read through; a namespace seen only there becomes a node.
 * Needs the mount tables phase before it.
 */
public final class MountHoldersPhase implements ScanPhase {
    @Override
    public void run(Scan scan) {
        MountTables.Result mounts = scan.mounts();
        Map<NsId, List<Holder>> held = new TreeMap<>();
        Map<NsId, NsKind> kinds = new HashMap<>();
        mounts.tables().forEach((mntNs, table) -> {
            Integer via = mounts.readThrough().get(mntNs);
            if (!table.known() || via == null) return;
            for (Mount m : table.get().mounts()) {
                if (!m.fsType().equals("nsfs")) continue;
                NsLinkText text;
                try {
                    text = NsLinkText.parse(m.root());
                } catch (Malformed e) {
                    continue; // an nsfs mount of something else than a namespace file
                }
                Path path = scan.rootOf(via).resolve(m.mountPoint().substring(1));
                Readout<NsId> id = scan.reader().identify(text.inode(), path, m.root());
                if (!id.known()) continue;
                held.computeIfAbsent(id.get(), k -> new ArrayList<>())
                        .add(new Holder.Mount(mntNs, via, m.mountPoint()));
                kinds.put(id.get(), text.kind());
            }
        });
        NamespacesPhase.addHolders(held, kinds, scan.namespaces());
    }
}
