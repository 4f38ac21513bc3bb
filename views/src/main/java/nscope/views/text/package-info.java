/**
 * Text for a terminal, outside the live screen too: {@link nscope.views.text.Escape}
 * (host text made safe: control characters become visible escapes),
 * {@link nscope.views.text.Fit} (text cut or wrapped to its room, at word
 * and value boundaries), {@link nscope.views.text.ColumnFit} (which columns
 * a section of a tree table shows, and how wide), the util-linux-like
 * {@link nscope.views.text.TextTable} whose headers and alignment come from
 * the column definitions, and the tree tables `nscope cgroups` and
 * `nscope mounts` print ({@link nscope.views.text.CgroupTreeText},
 * {@link nscope.views.text.MountTreeText}).
 *
 * <p>May use: the probes model, {@code nscope.views.columns}. No Lanterna.
 */
package nscope.views.text;
