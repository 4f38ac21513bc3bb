/**
 * The mount part of the model: a mount table (one mountinfo), its mounts,
 * propagation and overlay layers, and how two tables relate (shared peer
 * groups, where one's root lies in the other). Values only.
 *
 * <p>May use: nothing else in probes.
 */
package nscope.probes.mounts;
