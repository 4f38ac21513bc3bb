package nscope.probes;

import java.nio.file.Path;
import java.util.Map;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.Readout;

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
}
