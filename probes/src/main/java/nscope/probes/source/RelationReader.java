package nscope.probes.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;

/**
 * Parents and owners of namespaces (what the relations phase asks). Live through the nsfs ioctls
 * (NS_GET_PARENT, NS_GET_USERNS, NS_GET_OWNER_UID); in a fixture as the
 * capture recorded them, so a fixture replays without ioctl.
 */
public interface RelationReader {
    /** Where a namespace can be opened: its kind and the paths (links, descriptors) that point to it. */
    record Start(NsKind kind, List<Path> via) {}

    /** What the walk found: relations of every namespace reached, and the kinds of those it found new. */
    record Result(Map<NsId, Readout<NsRelations>> relations, Map<NsId, NsKind> found) {}

    /** Walks from every start up its parent and owner chains. */
    Result walk(Map<NsId, Start> starts);
}
