/**
 * The tree-table model every screen shares, with no drawing in it: a
 * {@link nscope.views.tree.Node} per row (its typed {@link nscope.views.tree.RowKey},
 * its cells as plain host text, a mark, its children), a
 * {@link nscope.views.tree.Forest} indexing them, the
 * {@link nscope.views.tree.TreeState} of what the user selected and expanded
 * (kept by key across refreshes), and the walks over a forest: filter,
 * search order ({@link nscope.views.tree.Forests}), sorting siblings
 * ({@link nscope.views.tree.Sorting}).
 *
 * <p>May use: the probes model (the ids inside keys). Nothing else of views,
 * and no Lanterna.
 */
package nscope.views.tree;
