package nscope.views.tree;

/**
 * A visible row: the node, its depth, and for drawing the tree lines which
 * of its ancestors (and itself) are the last among their siblings.
 *
 * @param lastAt lastAt[d] is true when the node's ancestor at depth d (the node itself at depth()) is a last child
 */
public record Row(Node node, int depth, boolean expanded, boolean[] lastAt) {
    /** The tree drawing before the first cell, as systemd-cgls and findmnt draw it: "│ ├─", "  └─". */
    public String branch() {
        if (depth == 0) return "";
        StringBuilder b = new StringBuilder();
        for (int d = 1; d < depth; d++) b.append(lastAt[d] ? "  " : "│ ");
        b.append(lastAt[depth] ? "└─" : "├─");
        return b.toString();
    }

    /** "+" collapsed with children, "-" expanded with children, " " a leaf. */
    public char fold() {
        return node.leaf() ? ' ' : expanded ? '-' : '+';
    }
}
