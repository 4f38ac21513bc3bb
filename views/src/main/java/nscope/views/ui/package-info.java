/**
 * The live screen: {@link nscope.views.ui.Ui}, the facade the loop and the
 * app use (refreshes in, keys in, frames out), and its parts, each in its
 * own file: {@code Rows} (every screen's rows, built off the UI thread, and
 * which screen is shown), {@code Header}, {@code TreePane}, {@code DetailPane}
 * (detail, cross-links, history), {@code StatusLine}, {@code Search},
 * {@code Keys} (the key table with its handlers), {@code Acting} (actions,
 * dialogs, sessions), {@code Containers}, {@code LabKeys} (T and an open lab's
 * keys, the tree following each step); and {@link nscope.views.ui.UiLoop}
 * (the scanning thread and the key and draw loop), {@link nscope.views.ui.Screens}
 * (one refresh's rows), {@link nscope.views.ui.ContainerMarks},
 * {@link nscope.views.ui.HostFacts}, {@link nscope.views.ui.Palette},
 * {@link nscope.views.ui.SvgShot} (screenshots).
 *
 * <p>May use: Lanterna, the probes model, and every other views package
 * ({@code screens}, {@code tree}, {@code columns}, {@code keys}, {@code text},
 * {@code actions}, {@code lab}, {@code ui.dialog}, {@code ui.action}, {@code ui.lens},
 * {@code ui.lab}); none of those uses
 * this one.
 */
package nscope.views.ui;
