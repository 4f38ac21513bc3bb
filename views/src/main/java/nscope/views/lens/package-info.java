/**
 * The PID/TGID lens as text ({@link nscope.views.lens.LensText}): a task as the kernel holds it, part by
 * part, each field with one short line saying what it means and which kernel file it came from, as
 * {@link nscope.views.lens.Line}s that fold to a width. Printed by `nscope explain` and drawn by the
 * screen's `t` ({@code nscope.views.ui.lens}). The lines hold plain host text; {@code escaped} and
 * {@code wrapped} give them escaped for a terminal.
 *
 * <p>May use: the probes lens model ({@code nscope.probes.lens}, {@code nscope.probes.model},
 * {@code nscope.probes.readout}, the capability names of {@code nscope.probes.parse}),
 * {@code nscope.views.text} (escaping). No Lanterna.
 */
package nscope.views.lens;
