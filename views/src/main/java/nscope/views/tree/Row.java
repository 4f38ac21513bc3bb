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
        return branch(0);
    }

    /**
     * The tree drawing below a level: the rows at that depth are drawn as
     * roots (a screen whose top rows head sections, not tree levels).
     */
    public String branch(int from) {
        if (depth <= from) return "";
        StringBuilder b = new StringBuilder();
        for (int d = from + 1; d < depth; d++) b.append(lastAt[d] ? "  " : "│ ");
        b.append(lastAt[depth] ? "└─" : "├─");
        return b.toString();
    }

    /** "+" collapsed with children, "-" expanded with children, " " a leaf. */
    public char fold() {
        return node.leaf() ? ' ' : expanded ? '-' : '+';
    }
}
