/**
 * The boxes drawn over the screen that take the keys until they close:
 * {@link nscope.views.ui.dialog.Dialog} (and the {@link nscope.views.ui.dialog.Dialog.Result}
 * a dialog ends in: words, a change to show at once, a next dialog, a
 * session to run), {@link nscope.views.ui.dialog.Confirm} (y runs the
 * action), {@link nscope.views.ui.dialog.Form} (switches and text fields),
 * {@link nscope.views.ui.dialog.CgroupPicker}, {@link nscope.views.ui.dialog.ContainerList},
 * {@link nscope.views.ui.dialog.Help} (the screen's columns with their
 * meanings and the key table; or what the selected row's columns hold), drawn in an
 * {@code Overlay} box. A dialog knows nothing of the screen behind it.
 *
 * <p>May use: Lanterna, the probes model (the cgroup trees a picker lists),
 * {@code nscope.views.actions} (the records and sessions a dialog hands
 * on), {@code nscope.views.keys} (the help's lines), {@code nscope.views.text}.
 */
package nscope.views.ui.dialog;
