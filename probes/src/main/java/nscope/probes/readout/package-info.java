/**
 * A value read from the kernel or why it could not be:
 * {@link nscope.probes.readout.Readout} and
 * {@link nscope.probes.readout.Unknown}. Below every other package of the
 * read side, so the model's parts can all say "unknown, and why".
 *
 * <p>May use: nothing else in probes.
 */
package nscope.probes.readout;
