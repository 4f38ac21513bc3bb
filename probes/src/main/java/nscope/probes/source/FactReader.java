package nscope.probes.source;

import java.nio.file.Path;
import java.util.Map;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;

/**
 * Facts that are read from inside a namespace (uts, ipc, net): live on a
 * {@link nscope.kernel.NamespaceHop} thread; in a fixture as the capture
 * recorded them ({@link RecordedFacts}).
 */
public interface FactReader {
    /**
     * Reads the facts of each start (only uts, ipc and net starts are asked for);
     * proc is the host's proc root, whose thread-self the hop thread reads.
     */
    Map<NsId, Readout<NsFacts>> read(Path proc, Map<NsId, RelationReader.Start> starts);

    /**
     * {@link #read} of some namespaces (a refresh), naming veth peers among
     * all of {@code nets} (every network namespace known), not only those read.
     */
    default Map<NsId, Readout<NsFacts>> read(
            Path proc, Map<NsId, RelationReader.Start> starts, Map<NsId, RelationReader.Start> nets) {
        return read(proc, starts);
    }
}
