/**
 * One column definition per kind of row, and the cells they are made of:
 * {@link nscope.views.columns.Column} (header, screen width, alignment, JSON
 * name and type, help, cell), and per kind the columns and the lists each
 * output shows: {@link nscope.views.columns.NamespaceColumns} (`nscope ls`
 * text and JSON, the namespaces screen), {@link nscope.views.columns.ProcessColumns}
 * (the processes screen), {@link nscope.views.columns.CgroupColumns}
 * (the cgroups screen, `nscope cgroups`), {@link nscope.views.columns.MountColumns}
 * (`nscope mounts` text and JSON, the mounts screen). A column is added in
 * one place and every output that lists it shows it. Cells are plain host
 * text: whoever prints them escapes them.
 *
 * <p>May use: the probes model and queries. Nothing else of views, no
 * Lanterna, no JSON library (the app's writers turn a column into a field).
 */
package nscope.views.columns;
