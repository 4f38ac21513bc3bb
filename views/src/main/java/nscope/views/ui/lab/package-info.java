/**
 * The screen's side of labs: {@link nscope.views.ui.lab.LabMenu} (T: the labs, Enter opens one, each
 * lab's refusal shown before it starts), {@link nscope.views.ui.lab.LabView} (an open lab: its steps run
 * on the lab's thread through the app's {@link nscope.views.lab.LabDriver}, polled by the key thread, and
 * the lab pane drawn in place of the detail pane) and {@link nscope.views.ui.lab.LabFocus} (the row a
 * step's object has in a snapshot). The keys that drive them are the key table's (mode LAB), in
 * {@code nscope.views.ui}.
 *
 * <p>May use: Lanterna, the probes model, {@code nscope.views.lab}, {@code nscope.views.text},
 * {@code nscope.views.tree} (row keys), {@code nscope.views.ui.dialog} (the dialog contract). Not
 * {@code nscope.views.ui} itself, which uses this one.
 */
package nscope.views.ui.lab;
