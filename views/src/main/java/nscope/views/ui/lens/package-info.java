/**
 * The screen's `t`: {@link nscope.views.ui.lens.LensKey} opens the PID/TGID lens on the selected process or
 * thread as a {@link nscope.views.ui.lens.LensDialog} over the whole screen, read off the key thread through
 * the {@link nscope.views.ui.lens.Lenses} the app wires in, its text from {@code nscope.views.lens}.
 *
 * <p>May use: Lanterna, the probes lens model, {@code nscope.views.lens}, {@code nscope.views.text},
 * {@code nscope.views.screens} (the selected row's target), {@code nscope.views.ui.dialog} (the dialog
 * contract). Not {@code nscope.views.ui} itself, which uses this one.
 */
package nscope.views.ui.lens;
