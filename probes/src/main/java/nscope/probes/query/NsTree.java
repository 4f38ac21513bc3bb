package nscope.probes.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nscope.probes.model.NsId;
import nscope.probes.model.NsRelations;
import nscope.probes.model.Snapshot;
import nscope.probes.readout.Readout;

/**
 * Listing rows as a forest, as `lsns --tree=parent|owner` draws them: a row
 * hangs under its parent (or owner) when that namespace is listed too, else
 * it is a root. Order is the listing's (by inode), depth first.
 */
public final class NsTree {
    private NsTree() {}

    public enum Relation {
        PARENT,
        OWNER
    }

    /** A row in display order, its depth, and the tree drawing that goes before it. */
    public record Node(NsListing.Row row, int depth, String prefix, List<Node> children) {}

    public static List<Node> forest(List<NsListing.Row> rows, Snapshot s, Relation rel) {
        Map<NsId, NsListing.Row> byId = new LinkedHashMap<>();
        for (NsListing.Row r : rows) byId.put(r.ns().id(), r);
        Map<NsId, List<NsListing.Row>> kids = new LinkedHashMap<>();
        List<NsListing.Row> roots = new ArrayList<>();
        for (NsListing.Row r : rows) {
            NsId up = up(s, r.ns().id(), rel);
            if (up != null && byId.containsKey(up) && !up.equals(r.ns().id()))
                kids.computeIfAbsent(up, k -> new ArrayList<>()).add(r);
            else roots.add(r);
        }
        List<Node> out = new ArrayList<>();
        for (NsListing.Row r : roots) out.add(node(r, 0, "", "", kids));
        return out;
    }

    private static Node node(
            NsListing.Row r, int depth, String prefix, String indent, Map<NsId, List<NsListing.Row>> kids) {
        List<NsListing.Row> mine = kids.getOrDefault(r.ns().id(), List.of());
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            boolean last = i == mine.size() - 1;
            children.add(
                    node(mine.get(i), depth + 1, indent + (last ? "└─" : "├─"), indent + (last ? "  " : "│ "), kids));
        }
        return new Node(r, depth, prefix, children);
    }

    /** The parent (or owner) of a namespace as the relations phase found it; null when none or unknown. */
    public static NsId up(Snapshot s, NsId id, Relation rel) {
        Readout<NsRelations> r = s.relations(id).orElse(null);
        if (r == null || !r.known()) return null;
        return rel == Relation.PARENT ? r.get().parent() : r.get().owner();
    }

    /** The forest in display order (depth first). */
    public static List<Node> flatten(List<Node> forest) {
        List<Node> out = new ArrayList<>();
        for (Node n : forest) {
            out.add(n);
            out.addAll(flatten(n.children()));
        }
        return out;
    }
}
