package nscope.views.tree;

import java.util.List;

/**
 * One row of a tree screen: a stable id (kept across refreshes, so the
 * selection and the expanded nodes stay put), its cells (host text not yet
 * escaped: the renderer escapes), and its children in display order.
 *
 * @param id       stable across refreshes, unique in its forest: what the row stands for
 * @param cells    one per column
 * @param mark     what stands out about it ("" for nothing), e.g. a thread in other namespaces than its leader's
 * @param children in display order
 */
public record Node(RowKey id, List<String> cells, String mark, List<Node> children) {
    public Node {
        cells = List.copyOf(cells);
        children = List.copyOf(children);
    }

    public Node(RowKey id, List<String> cells, List<Node> children) {
        this(id, cells, "", children);
    }

    public boolean leaf() {
        return children.isEmpty();
    }
}
