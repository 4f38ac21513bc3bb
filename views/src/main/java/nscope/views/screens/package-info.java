/**
 * The screens, one class each, registered once in
 * {@link nscope.views.screens.AllScreens}: a {@link nscope.views.screens.Screen}
 * gives its title, its columns, its rows from a snapshot (keyed by
 * {@code RowKey}), and for a row its {@link nscope.views.screens.Detail}
 * (with {@link nscope.views.screens.Link}s to rows of any screen), its
 * colour and its action {@link nscope.views.screens.Target}. Screens are
 * pure: no state (the processes screen's memo of its last rows by task
 * identity changes no result), no drawing, no keys; their rows are built
 * off the UI thread.
 *
 * <p>May use: the probes model and queries, {@code nscope.views.columns},
 * {@code nscope.views.tree}. Not Lanterna, not the ui packages.
 */
package nscope.views.screens;
